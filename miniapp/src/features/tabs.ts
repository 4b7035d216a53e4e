import { ROUTES } from '../routes';

/** The tab pages, as app.config.ts lists them: the custom tab bar of the mini-programs draws these. */
export const TABS = [
  { route: ROUTES.home, label: '首页' },
  { route: ROUTES.orders, label: '我的预约' },
  { route: ROUTES.me, label: '我的' },
] as const;

const bare = (path: string) => `/${path.split('?')[0]!.replace(/^\/+/, '')}`;

/** The tab of a page path (with or without its leading slash and query), or -1 for a page that is no tab. */
export function tabIndexOf(path: string | undefined): number {
  if (path === undefined) return -1;
  const p = bare(path);
  // H5 opened at its root shows the entry page, home.
  if (p === '/') return 0;
  return TABS.findIndex((t) => t.route === p);
}

type Listener = (index: number) => void;
const listeners = new Set<Listener>();
let shown = 0;

/**
 * Which tab is showing. The platform gives every tab page its own tab bar instance; each page
 * says when it shows, so every instance marks the same, right tab.
 */
export const tabSelection = {
  current: () => shown,
  show(path: string | undefined): void {
    const i = tabIndexOf(path);
    if (i < 0 || i === shown) return;
    shown = i;
    for (const l of listeners) l(i);
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
