import type { Browser } from 'playwright-core';
import type { ScheduleDetail } from '@cityhealth/shared-types';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle, SMALL_PHONE } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { expectElderMinimums } from './support/elder-checks.js';
import { onOneLine, signInAsNewAccount } from './support/flows.js';
import { findOpenSession } from './support/prepare.js';
import { bffUrl } from './support/real-bff.js';

const SCREEN_HOOKS = [...HOOKS.search, ...HOOKS.booking, ...HOOKS.screens];
const TAB_PAGES = [
  [ROUTES.home, 'tabs-home', 0],
  [ROUTES.orders, 'tabs-orders', 1],
  [ROUTES.me, 'tabs-me', 2],
] as const;

describeJourney('the elder edition and small screens', SCREEN_HOOKS, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('every tab page is measured with its tab bar; the tabs are large words, the shown one marked', async () => {
      const page = await newPhonePage(browser, bffUrl(edition));
      for (const [route, name, index] of TAB_PAGES) {
        await page.goto(route);
        const bar = page.locator('.taro-tabbar__tabbar').filter({ visible: true });
        await bar.waitFor();
        await checkPage(page, edition, name);
        const tabs = bar.locator('a.weui-tabbar__item');
        expect(await tabs.count()).toBe(3);
        expect(await tabs.nth(index).getAttribute('class')).toContain('weui-bar__item_on');
        for (const box of await tabs.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
          expect(box.height).toBeGreaterThanOrEqual(edition === 'elder' ? 60 : 44);
        }
        if (edition === 'elder') {
          await expectElderMinimums(page, `${name}-tab-bar`, {
            root: '.taro-tabbar__tabbar',
            targets: 'a.weui-tabbar__item',
            expectTargets: 3,
          });
        }
      }
      await page.context().close();
    });

    it('at 320 px wide the department page shows its first session without scrolling past the days', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition), SMALL_PHONE);
      await page.goto(`${ROUTES.department}?id=${target.schedule.departmentId}`);
      const first = hook(page, 'schedule-item').first();
      await first.waitFor();
      await checkPage(page, edition, 'department-320');
      const box = (await first.boundingBox())!;
      // The session's first line (time window and places left) is on the first screen.
      expect(box.y + 60).toBeLessThanOrEqual(SMALL_PHONE.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SMALL_PHONE.width);
      expect(await onOneLine(page, '[data-testid="schedule-item"] .time-range')).not.toContain(false);
      // The days scroll sideways: a later day is reached and chosen there.
      const days = hook(page, 'schedule-day');
      await days.last().click();
      expect(await days.last().getAttribute('aria-pressed')).toBe('true');
      await page.context().close();
    });

    it('confirm page: 就诊人 and the rules first, the time windows folded until 展开全部', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition));
      const account = await signInAsNewAccount(page, api, `folded-${edition}-${Date.now()}`);
      await account.addVerifiedPatient('周桂芳');
      const detail = await api.call<ScheduleDetail>('GET', `/api/v1/schedules/${target.schedule.id}`);
      const free = detail.slots.filter((s) => s.status === 'free').length;
      expect(free).toBeGreaterThan(4);

      await page.goto(`${ROUTES.confirm}?scheduleId=${target.schedule.id}`);
      await hook(page, 'booking-patient').first().waitFor();
      const top = async (id: Parameters<typeof hook>[1]) => (await hook(page, id).first().boundingBox())!.y;
      expect(await top('booking-patient')).toBeLessThan(await top('booking-rules-agree'));
      expect(await top('booking-rules-agree')).toBeLessThan(await top('booking-slots'));
      expect(await hook(page, 'booking-slot').count()).toBe(4);
      await hook(page, 'booking-slots-toggle').scrollIntoViewIfNeeded();
      await checkPage(page, edition, 'confirm-folded', { targets: hookSelector('booking-slots-toggle') });

      await hook(page, 'booking-slots-toggle').click();
      expect(await hook(page, 'booking-slot').count()).toBe(free);
      expect(await onOneLine(page, '[data-testid="booking-slot"] .time-range')).not.toContain(false);
      await checkPage(page, edition, 'confirm-unfolded', { targets: hookSelector('booking-slot') });
      await page.context().close();
    });

    it('再次预约 from a cancelled booking opens the same department, that doctor first; ‹ 返回 comes back', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition));
      const account = await signInAsNewAccount(page, api, `rebook-${edition}-${Date.now()}`);
      const patient = await account.addVerifiedPatient('吴秀兰');
      const order = await account.book(target.schedule.id, patient.id);
      await account.cancel(order.id);

      await page.goto(`${ROUTES.order}?id=${order.id}`);
      await hook(page, 'order-rebook').waitFor();
      await checkPage(page, edition, 'order-past', {
        keyFigures: hookSelector('order-visit-time', 'order-seq'),
        targets: hookSelector('order-rebook'),
      });
      expect(await hook(page, 'order-seq').textContent()).toMatch(/第 \d+ 号/);
      expect(await onOneLine(page, '[data-testid="order-visit-time"] .time-range')).toEqual([true]);

      await hook(page, 'order-rebook').click();
      await hook(page, 'schedule-day').first().waitFor();
      await settle(page);
      const url = new URL(page.url());
      expect(url.pathname).toBe(ROUTES.department);
      expect(url.searchParams.get('id')).toBe(order.department.id);
      expect(url.searchParams.get('doctorId')).toBe(order.doctor?.id ?? null);
      await checkPage(page, edition, 'rebook-department', { targets: hookSelector('page-back') });

      await hook(page, 'page-back').click();
      await hook(page, 'order-rebook').waitFor();
      expect(new URL(page.url()).pathname).toBe(ROUTES.order);
      await page.context().close();
    });
  });
});
