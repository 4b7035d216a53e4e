import { Secret, TOTP } from 'otpauth';
import type { Browser, Locator, Page } from 'playwright-core';
import { sandboxStaffLogin } from '../../../bff/src/console/sandbox-staff.js';
import { expectNoSeriousAxeViolations } from './axe.js';
import { ARTIFACTS_DIR } from './paths.js';
import { bffDataDir, bffUrl } from './real-bff.js';
import { saveScreenshot } from './screenshots.js';

/** The console is a desktop application: a common office screen. */
export const DESKTOP = { width: 1440, height: 900 } as const;

/** The real BFF that serves the console in these tests (the standard edition's). */
export const consoleBff = (): string => bffUrl('standard');

/** The demo console logins' password, derived from that BFF's sandbox secret material as the BFF does. */
export const demoPassword = (): string => sandboxStaffLogin(bffDataDir('standard')).password;

export async function newConsolePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    baseURL: consoleBff(),
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** The code a sign-in of the account accepts now, from the sandbox's endpoint. */
export async function sandboxTotp(username: string): Promise<string> {
  const res = await fetch(`${consoleBff()}/sandbox/staff/totp?username=${encodeURIComponent(username)}`);
  if (!res.ok) throw new Error(`no TOTP code for ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

/** What an authenticator app enrolled with the secret shows now. */
export const totpOf = (secretBase32: string): string =>
  new TOTP({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: 30 }).generate();

/** Fills and sends the login form (the page is left where the console goes next). */
export async function submitLogin(page: Page, username: string, password: string, totp: string): Promise<void> {
  if (!new URL(page.url(), consoleBff()).pathname.startsWith('/console/login')) await page.goto('/console/login');
  // The button is named 登录 again once the last attempt is over (the page then empties the code field);
  // the first time, the app may still be loading on a busy machine.
  const button = page.getByRole('button', { name: /^登\s*录$/ });
  await button.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(100);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('动态口令').fill(totp);
  await button.click();
}

/** Signs a demo account in and waits for the console's home page. */
export async function logInAsDemo(page: Page, username: string): Promise<void> {
  await page.goto('/console/login');
  await submitLogin(page, username, demoPassword(), await sandboxTotp(username));
  await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
}

/** The entries of the side menu, in order. */
export async function menuEntries(page: Page): Promise<string[]> {
  const items = page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem');
  return (await items.allInnerTexts()).map((t) => t.trim());
}

/** Lets the page finish its requests and animations before a screenshot or an accessibility check. */
export async function settleConsole(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
}

/**
 * A console page as it stands: settled, its toasts gone (a notice fading out is no part of the
 * page, and axe would measure its half-transparent text), then a screenshot and axe.
 */
export async function checkConsolePage(page: Page, name: string): Promise<void> {
  await settleConsole(page);
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await saveScreenshot(page, 'console', name);
  await expectNoSeriousAxeViolations(page, 'console', name);
}

/**
 * Puts lines the platform never made into a day's WeChat Pay bill of the sandbox emulator, so
 * reconciling that day shows discrepancies (the emulator's address is read off a demo hospital's
 * sandbox credentials: its emulated HIS lives on the same port).
 */
export async function addBillDiscrepancies(billDate: string, count: number): Promise<void> {
  const hospitals = (await (await fetch(`${consoleBff()}/api/v1/hospitals?pageSize=1`)).json()) as {
    items: { code: string }[];
  };
  const credentials = (await (
    await fetch(`${consoleBff()}/sandbox/hospitals/${hospitals.items[0]!.code}/credentials`)
  ).json()) as { webhookUrl: string };
  const emulator = new URL(credentials.webhookUrl).origin;
  const res = await fetch(`${emulator}/wechatpay/sandbox/bill-faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ billDate, faults: Array.from({ length: count }, () => ({ kind: 'extra' })) }),
  });
  if (!res.ok) throw new Error(`bill faults refused: ${res.status} ${await res.text()}`);
}

/**
 * Opens an antd Select and picks an option as a person does (its role=option list is a hidden copy
 * for screen readers; the visible items are what one clicks). Without a label, the first option.
 */
export async function chooseOption(page: Page, field: Locator, label?: string): Promise<void> {
  // The label names the Select's inner input, which the chosen value's text covers: click its box.
  await field.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select-selector ")][1]').click();
  const listbox = page.locator(`#${await field.getAttribute('aria-controls')}`);
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: listbox });
  const items = dropdown.locator('.ant-select-item-option');
  try {
    await (label ? items.filter({ hasText: label }) : items).first().click();
  } catch (e) {
    await page.screenshot({ path: `${ARTIFACTS_DIR}/console/failed-choose-${label ?? 'first'}.png` });
    throw e;
  }
  await dropdown.waitFor({ state: 'hidden' });
}
