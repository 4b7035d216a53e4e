import type { Page } from 'playwright-core';
import type { Api } from './api.js';
import { fillHook, hook, hookSelector, ROUTES, SESSION_STORAGE_KEY } from './app-hooks.js';
import { settle } from './browser.js';
import { checkPage } from './check-page.js';
import type { Edition } from './editions.js';
import { makeIdNumber } from './id-number.js';
import type { OpenSession } from './prepare.js';
import { waitUntil } from './wait.js';

/* The steps of the journeys, as a user takes them in the H5 app; each checks the pages it shows. */

/** Phone + SMS code, as a new user does it in H5: the code is read from the sandbox SMS outbox. */
export async function smsLogin(page: Page, api: Api, edition: Edition, phone: string): Promise<void> {
  await page.goto(ROUTES.login);
  await hook(page, 'login-phone').waitFor();
  await fillHook(page, 'login-phone', phone);
  await hook(page, 'login-send-code').click();
  const code = await waitUntil(
    () => api.latestSmsCode(phone).catch(() => ''),
    (c) => c !== '',
    `an SMS to ${phone}`,
  );
  await fillHook(page, 'login-code', code);
  await hook(page, 'login-agree').click();
  await checkPage(page, edition, 'login', { targets: hookSelector('login-submit') });
  await hook(page, 'login-submit').click();
  await settle(page);
}

/**
 * The API as the account the page is logged in as (its stored session). A second SMS login of the
 * same phone would be refused for a minute (one code per phone per minute), so tests that prepare
 * or check through the API borrow the browser's session instead.
 */
export async function apiOfPage(page: Page, api: Api): Promise<Api> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), SESSION_STORAGE_KEY);
  // Taro's H5 storage keeps each value as JSON `{ data }`.
  const token = raw ? (JSON.parse(raw) as { data?: { token?: string } }).data?.token : undefined;
  if (!token) throw new Error('the page holds no session: the SMS login did not complete');
  return api.withToken(token);
}

/** Adds a patient by 居民身份证 through the form, which saves and verifies the real name in one step. */
export async function addVerifiedPatient(page: Page, edition: Edition, name: string, phone: string): Promise<void> {
  await page.goto(ROUTES.patients);
  await hook(page, 'patient-add').click();
  await hook(page, 'patient-name').waitFor();
  await fillHook(page, 'patient-name', name);
  await fillHook(page, 'patient-id-number', makeIdNumber());
  await fillHook(page, 'patient-phone', phone);
  await checkPage(page, edition, 'patient-form', { targets: hookSelector('patient-save') });
  await hook(page, 'patient-save').click();
  await settle(page);
  await hook(page, 'patient-item').filter({ hasText: name }).first().waitFor();
  await hook(page, 'patient-verified').first().waitFor();
  await checkPage(page, edition, 'patients');
}

/** Adds a child without a document through the form: the account's own verified patient is the guardian. */
export async function addChildPatient(
  page: Page,
  edition: Edition,
  child: { name: string; birthDate: string },
  phone: string,
): Promise<void> {
  await page.goto(ROUTES.patients);
  await hook(page, 'patient-add').click();
  await hook(page, 'patient-type-child').click();
  await fillHook(page, 'patient-name', child.name);
  await hook(page, 'patient-gender-F').click();
  await fillHook(page, 'patient-birth-date', child.birthDate);
  await fillHook(page, 'patient-phone', phone);
  await checkPage(page, edition, 'patient-form-child', {
    targets: hookSelector('patient-save', 'patient-type-child', 'patient-gender-F'),
  });
  await hook(page, 'patient-save').click();
  await settle(page);
  await hook(page, 'patient-item').filter({ hasText: child.name }).first().waitFor();
}

/** Home → search → hospital → department → the session; leaves the booking confirm page open. */
export async function openSession(page: Page, edition: Edition, target: OpenSession): Promise<void> {
  await page.goto(ROUTES.home);
  await fillHook(page, 'search-input', target.hospital.name);
  await hook(page, 'hospital-item').filter({ hasText: target.hospital.name }).first().click();
  await settle(page);
  await checkPage(page, edition, 'hospital');
  await hook(page, 'department-item').filter({ hasText: target.departmentName }).first().click();
  await settle(page);
  await page.locator(`[data-testid="schedule-day"][data-date="${target.schedule.date}"]`).click();
  await checkPage(page, edition, 'schedules');
  await page.locator(`[data-testid="schedule-item"][data-schedule-id="${target.schedule.id}"]`).click();
  await settle(page);
}

/**
 * Signs the browser in as a new account of its own, made through the API with a `sandbox:` login
 * (no SMS spent), by storing its session where the app keeps it; answers that account's API.
 */
export async function signInAsNewAccount(page: Page, api: Api, name: string): Promise<Api> {
  const r = await api.call<{ token: string; expiresAt: string; account: { id: string } }>(
    'POST',
    '/api/v1/auth/login',
    {
      platform: 'weapp',
      code: `sandbox:${name}`,
    },
  );
  await page.goto(ROUTES.home);
  await page.evaluate(([key, session]) => localStorage.setItem(key, JSON.stringify({ data: session })), [
    SESSION_STORAGE_KEY,
    { token: r.token, expiresAt: r.expiresAt, accountId: r.account.id },
  ] as const);
  return api.withToken(r.token);
}

/** Whether every element of a locator is laid out on one line (an inline box broken across lines has several rects). */
export async function onOneLine(page: Page, selector: string): Promise<boolean[]> {
  return page
    .locator(selector)
    .filter({ visible: true })
    .evaluateAll((els) => els.map((el) => el.getClientRects().length === 1));
}

/**
 * Back on the order after paying on the cashier: reloads until it shows 预约成功 (once the payment
 * notify is in), then waits for the page to settle.
 */
export async function waitUntilOrderBooked(page: Page): Promise<void> {
  await hook(page, 'order-status').first().waitFor();
  await waitUntil(
    async () => {
      const text = await hook(page, 'order-status').first().textContent();
      if (!text?.includes('预约成功')) await page.reload().then(() => hook(page, 'order-status').first().waitFor());
      return text ?? '';
    },
    (text) => text.includes('预约成功'),
    'the order to show 预约成功 after paying',
    20_000,
  );
  await settle(page);
}
