import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage, settle } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { addVerifiedPatient, apiOfPage, openSession, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { findOpenSession } from './support/prepare.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';
import { watchPageErrors } from './support/on-screen.js';

/** 15:00 of an instant in Beijing, as the app writes it. */
const shanghaiClock = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

const ALL_HOOKS = Object.values(HOOKS).flat();

describeJourney('a new user books and cancels in the browser', ALL_HOOKS, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('SMS login → patient → real-name → search → department → session → book → order → cancel', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const page = await newPhonePage(browser, bffUrl(edition));
      const phone = makePhone();

      await page.goto(ROUTES.home);
      await checkPage(page, edition, 'home');
      await smsLogin(page, api, edition, phone);
      await addVerifiedPatient(page, edition, '王秀英', phone);
      await openSession(page, edition, target);

      const errors = watchPageErrors(page);
      await hook(page, 'booking-patient').filter({ hasText: '王秀英' }).first().click();
      await hook(page, 'booking-rules-agree').click();
      // This session's own cancellation deadline, before booking (two days ahead: still to come).
      expect(await hook(page, 'booking-cancel-terms').first().textContent()).toContain(
        `${shanghaiClock(target.schedule.cancelDeadline)} 前取消`,
      );
      await checkPage(page, edition, 'booking-confirm', { targets: hookSelector('booking-submit') });
      await hook(page, 'booking-submit').click();
      await hook(page, 'order-visit-time').waitFor();
      await checkPage(page, edition, 'booking-result', { keyFigures: hookSelector('order-visit-time') });
      const sameAccount = await apiOfPage(page, api);
      const booked = await sameAccount.call<{ items: { scheduleId?: string; status: string }[] }>(
        'GET',
        '/api/v1/orders',
      );
      expect(booked.items).toEqual([expect.objectContaining({ status: 'booked' })]);

      await page.goto(ROUTES.orders);
      await hook(page, 'order-item').first().waitFor();
      await checkPage(page, edition, 'orders');
      await hook(page, 'order-item').first().click();
      await settle(page);
      await checkPage(page, edition, 'order-detail', {
        keyFigures: hookSelector('order-visit-time'),
        targets: hookSelector('order-cancel'),
      });
      await hook(page, 'order-cancel').click();
      await hook(page, 'order-cancel-confirm').click();
      await waitUntil(
        () => hook(page, 'order-status').first().textContent(),
        (t) => (t ?? '').includes('已取消'),
        'the order to show 已取消',
      );
      await checkPage(page, edition, 'order-cancelled');
      // A cancelled booking does not wear the green of 预约成功.
      const badge = hook(page, 'order-status').first();
      expect(await badge.getAttribute('data-status')).toBe('cancelled');
      expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(230, 244, 241)');
      expect(errors).toEqual([]);
      // The browser's own request for the site icon finds one.
      expect((await page.request.get('/favicon.ico')).status()).toBe(200);
      const after = await api.schedules(target.schedule.departmentId);
      expect(after.schedules.find((s) => s.id === target.schedule.id)?.freeCount).toBe(target.schedule.capacity);
      await page.context().close();
    });
  });
});
