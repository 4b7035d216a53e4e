import type { Browser, Page } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, HOOKS } from './support/app-hooks.js';
import { launchBrowser, newPhonePage } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS, type Edition } from './support/editions.js';
import { apiOfPage, openSession, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { fillSession, findOpenSession, reachBookingLimit, type OpenSession } from './support/prepare.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';
import { isOnScreen, watchPageErrors } from './support/on-screen.js';

const NEEDED = [...HOOKS.login, ...HOOKS.search, ...HOOKS.booking];
const smallest = (c: OpenSession['schedule'][]) => [...c].sort((a, b) => a.capacity - b.capacity)[0];

/** A new user logged in through the browser by SMS; `me` is the same account through the API. */
async function loggedInPage(browser: Browser, api: Api, edition: Edition): Promise<{ page: Page; me: Api }> {
  const page = await newPhonePage(browser, bffUrl(edition));
  await smsLogin(page, api, edition, makePhone());
  return { page, me: await apiOfPage(page, api) };
}

/** Opens the session's confirm page with the patient chosen and the rules agreed. */
async function confirmPageFor(page: Page, edition: Edition, patientName: string, target: OpenSession): Promise<void> {
  await openSession(page, edition, target);
  await hook(page, 'booking-patient').filter({ hasText: patientName }).first().click();
  await hook(page, 'booking-rules-agree').click();
}

/**
 * The booking page shows the API's Chinese refusal as it is, where
 * the eye is: on screen, above the footer's button, not under it.
 */
async function expectBookingError(page: Page, words: string): Promise<void> {
  await waitUntil(
    () =>
      hook(page, 'booking-error')
        .first()
        .textContent()
        .catch(() => ''),
    (t) => (t ?? '').includes(words),
    `the booking error “${words}”`,
  );
  expect(await isOnScreen(page, 'booking-error')).toBe(true);
}

describeJourney('booking refusals in the browser', NEEDED, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  describe.each(EDITIONS)('%s edition', (edition) => {
    it('session full: the last slot goes to someone else while the patient confirms', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api, { pick: smallest });
      const { page, me } = await loggedInPage(browser, api, edition);
      await me.addVerifiedPatient('李桂兰');
      await fillSession(api, target.schedule, 1);

      const errors = watchPageErrors(page);
      await confirmPageFor(page, edition, '李桂兰', target);
      await fillSession(api, { ...target.schedule, freeCount: 1 }, 0);
      await hook(page, 'booking-submit').click();
      await expectBookingError(page, '号源已约满');
      await checkPage(page, edition, 'booking-session-full');
      // The page re-rendered its busy button and the refusal without a DOM fault.
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('one per department and session: the refusal names the unpaid booking in the way, opens it to pay', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api, { onlinePayment: true });
      const { page, me } = await loggedInPage(browser, api, edition);
      const patient = await me.addVerifiedPatient('孙玉梅');
      // The first attempt's answer was lost: the booking exists, unpaid, and the patient starts again.
      const existing = await me.book(target.schedule.id, patient.id);
      expect(existing.status).toBe('pending');
      const errors = watchPageErrors(page);

      await confirmPageFor(page, edition, '孙玉梅', target);
      await hook(page, 'booking-submit').click();
      await expectBookingError(page, existing.orderNo);
      await checkPage(page, edition, 'booking-duplicate');
      expect(await isOnScreen(page, 'booking-open-existing')).toBe(true);
      await hook(page, 'booking-open-existing').click();
      await hook(page, 'order-pay').waitFor();
      expect(page.url()).toContain(existing.id);
      await checkPage(page, edition, 'booking-duplicate-opened');
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it('limit reached: the patient has used up the bookings of the window', async () => {
      const api = new Api(bffUrl(edition));
      const target = await findOpenSession(api);
      const other = await findOpenSession(api, { skipScheduleIds: new Set([target.schedule.id]) });
      const { page, me } = await loggedInPage(browser, api, edition);
      const patient = await me.addVerifiedPatient('赵淑珍');
      expect(await reachBookingLimit(me, patient.id, other.schedule.id)).toBeGreaterThan(0);

      await confirmPageFor(page, edition, '赵淑珍', target);
      await hook(page, 'booking-submit').click();
      await expectBookingError(page, '已达上限');
      await checkPage(page, edition, 'booking-limit-reached');
      await page.context().close();
    });
  });
});
