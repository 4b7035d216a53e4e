/**
 * The parts of the WeChat runtime that miniprogram-simulate leaves out and a Taro build needs:
 * `App` / `getApp`, a page stack for `getCurrentPages`, and `Page`, mapped onto simulate's
 * `Component` (lifecycles become lifetimes: onLoad + onShow when attached, onReady when ready).
 * Taro's component configs say "no behaviors" with an empty object, which WeChat accepts and
 * simulate's `Component` does not (it maps over an array): it is given an empty array instead.
 */
type Options = Record<string, unknown>;
type Fn = (this: PageInstance, ...args: unknown[]) => unknown;
interface PageInstance {
  route?: string;
  options?: Record<string, string>;
  [key: string]: unknown;
}

interface HostGlobals {
  App: (options: Options) => void;
  getApp: () => Options | undefined;
  getCurrentPages: () => PageInstance[];
  Page: (options: Options) => void;
  Component: (options: Options) => void;
}

export interface MiniProgramHost {
  app(): Options;
  /** The route and query the next loaded page is opened with. */
  openNext(route: string, query?: Record<string, string>): void;
}

export function installMiniProgramHost(): MiniProgramHost {
  const g = globalThis as unknown as HostGlobals;
  let app: Options | undefined;
  const stack: PageInstance[] = [];
  let next = { route: '', query: {} as Record<string, string> };
  const simulateComponent = g.Component;
  g.Component = (options) =>
    simulateComponent({ ...options, behaviors: Array.isArray(options.behaviors) ? options.behaviors : [] });

  g.App = (options) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => stack;
  g.Page = (options) => {
    const methods: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v;
    const opened = next;
    const call = (self: PageInstance, name: string, ...args: unknown[]) =>
      (self[name] as Fn | undefined)?.apply(self, args);
    g.Component({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageInstance) {
          this.route = opened.route;
          this.options = opened.query;
          stack.push(this);
          call(this, 'onLoad', opened.query);
          call(this, 'onShow');
        },
        ready(this: PageInstance) {
          call(this, 'onReady');
        },
        detached(this: PageInstance) {
          call(this, 'onUnload');
          stack.splice(stack.indexOf(this), 1);
        },
      },
    });
  };
  return {
    app: () => {
      if (!app) throw new Error('app.js has not called App() yet');
      return app;
    },
    openNext: (route, query = {}) => {
      next = { route, query };
    },
  };
}
