import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium, SKIP_REASON_VAR } from './chromium.js';

/** Launch flags that work for the Debian Chromium in containers and offline CI (see shared notes on Taro). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: the viewport of a 6.1" handset in CSS px (= iOS points), touch, Chinese locale and time zone. */
export const PHONE = { width: 390, height: 844 } as const;
/** The smallest phone the app is made for: 320 CSS px wide (iPhone SE of 2016, small Android phones). */
export const SMALL_PHONE = { width: 320, height: 568 } as const;

/** Why the browser tests skip on this machine (set by the global set-up), or null when they run. */
export const browserSkipReason = (): string | null => process.env[SKIP_REASON_VAR] ?? null;

/** `describe` when Chromium is there; otherwise a skipped block whose title says why. */
export function describeInBrowser(title: string, body: () => void): void {
  const reason = browserSkipReason();
  if (reason) describe.skip(`${title} (skipped: ${reason})`, body);
  else describe(title, body);
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found (the global set-up should have skipped these tests)');
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}

/** A fresh phone-sized page (its own context: no storage shared between tests) on the given BFF. */
export async function newPhonePage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = PHONE,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Pages slide in after a navigation: wait for the network to calm down and the transition to end. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(600);
}
