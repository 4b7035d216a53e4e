import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS } from './support/app-hooks.js';
import { launchBrowser, newPhonePage } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { waitUntilOrderBooked, addVerifiedPatient, openSession, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { accountWithPatients, fillSession, findOpenSession } from './support/prepare.js';
import { bffUrl } from './support/real-bff.js';
import { saveScreenshot } from './support/screenshots.js';
import { waitUntil } from './support/wait.js';

const WAITLIST_HOOKS = [
  ...HOOKS.login,
  ...HOOKS.patient,
  ...HOOKS.search,
  ...HOOKS.booking,
  ...HOOKS.orders,
  ...HOOKS.payment,
  ...HOOKS.waitlist,
];

describeJourney(
  'a patient joins the waitlist of a full session, a cancellation elsewhere serves it, and pays',
  WAITLIST_HOOKS,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());

    describe.each(EDITIONS)('%s edition', (edition) => {
      it('full session → 加入候补 → 我的候补 排第 1 位 → another patient cancels → 候补成功 → pay → notice', async () => {
        const api = new Api(bffUrl(edition));
        const target = await findOpenSession(api, { onlinePayment: true });
        // everyone else books it full; the last of them will cancel
        await fillSession(api, target.schedule, 1);
        const { account: holder, patientIds } = await accountWithPatients(api, 1);
        const held = await holder.book(target.schedule.id, patientIds[0]!);

        const page = await newPhonePage(browser, bffUrl(edition));
        const phone = makePhone();
        await page.goto('/');
        await smsLogin(page, api, edition, phone);
        await addVerifiedPatient(page, edition, '周玉兰', phone);
        // the full session's card says it can be waited for, and opens the waitlist
        await openSession(page, edition, target);
        await hook(page, 'waitlist-submit').waitFor();
        await hook(page, 'booking-patient').filter({ hasText: '周玉兰' }).first().click();
        await hook(page, 'booking-rules-agree').click();
        await checkPage(page, edition, 'waitlist-join', { targets: hookSelector('waitlist-submit') });
        await hook(page, 'waitlist-submit').click();

        await hook(page, 'waitlist-position').waitFor();
        expect(await hook(page, 'waitlist-position').textContent()).toBe('排第 1 位');
        expect(await hook(page, 'waitlist-status').textContent()).toBe('候补中');
        await checkPage(page, edition, 'waitlist-waiting', { keyFigures: hookSelector('waitlist-position') });

        // another patient cancels: the freed slot goes to the queue, not to whoever asks first
        await holder.cancel(held.id);
        await waitUntil(
          async () => {
            await page.reload();
            await hook(page, 'waitlist-status').first().waitFor();
            return (await hook(page, 'waitlist-status').first().textContent()) ?? '';
          },
          (text) => text === '候补成功',
          'the waitlist to show 候补成功 after the cancellation',
          20_000,
        );
        await checkPage(page, edition, 'waitlist-booked', { targets: hookSelector('waitlist-open-order') });

        await hook(page, 'waitlist-open-order').click();
        await hook(page, 'order-pay').waitFor();
        expect(await hook(page, 'order-status').first().textContent()).toContain('待支付');
        await hook(page, 'order-pay').click();
        await page.getByTestId('cashier-pay').waitFor();
        await page.getByTestId('cashier-pay').click();
        await waitUntilOrderBooked(page);
        await saveScreenshot(page, edition, 'waitlist-order-paid');

        // the patient was told: 候补成功 (by SMS on H5), then the payment
        const notices = await waitUntil(
          () => api.call<{ items: { kind: string }[] }>('GET', `/sandbox/notifications?phone=${phone}`),
          (r) => r.items.some((n) => n.kind === 'waitlist-booked') && r.items.some((n) => n.kind === 'paid'),
          'the 候补成功 and 支付成功 notices',
          20_000,
        );
        expect(notices.items.map((n) => n.kind)).toEqual(expect.arrayContaining(['waitlist-booked', 'paid']));
        await page.context().close();
      });
    });
  },
);
