import { TABS, tabIndexOf, tabSelection } from '../../src/features/tabs';
import { ROUTES } from '../../src/routes';

describe('tab pages', () => {
  it('knows a tab page by its path, with or without slash and query, and nothing else', () => {
    expect(TABS.map((t) => t.route)).toEqual([ROUTES.home, ROUTES.orders, ROUTES.me]);
    expect(tabIndexOf('/pages/orders/index')).toBe(1);
    expect(tabIndexOf('pages/me/index')).toBe(2);
    expect(tabIndexOf('/pages/index/index?from=share')).toBe(0);
    expect(tabIndexOf('/')).toBe(0);
    expect(tabIndexOf(ROUTES.confirm)).toBe(-1);
    expect(tabIndexOf(ROUTES.login)).toBe(-1);
    expect(tabIndexOf(undefined)).toBe(-1);
  });

  it('tells every tab bar which tab shows; a page that is no tab changes nothing', () => {
    const seen: number[] = [];
    const stop = tabSelection.subscribe((i) => seen.push(i));
    tabSelection.show(ROUTES.me);
    tabSelection.show(ROUTES.order);
    tabSelection.show(ROUTES.me);
    tabSelection.show(ROUTES.orders);
    stop();
    tabSelection.show(ROUTES.home);
    expect(seen).toEqual([2, 1]);
    expect(tabSelection.current()).toBe(0);
  });
});
