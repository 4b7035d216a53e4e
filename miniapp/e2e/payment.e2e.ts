import type { Browser } from 'playwright-core';
import { Api } from './support/api.js';
import { hook, hookSelector, HOOKS, ROUTES } from './support/app-hooks.js';
import { launchBrowser, newPhonePage } from './support/browser.js';
import { checkPage } from './support/check-page.js';
import { describeJourney } from './support/describe-journey.js';
import { EDITIONS } from './support/editions.js';
import { waitUntilOrderBooked, addVerifiedPatient, apiOfPage, openSession, smsLogin } from './support/flows.js';
import { makePhone } from './support/id-number.js';
import { findOpenSession } from './support/prepare.js';
import { saveScreenshot } from './support/screenshots.js';
import { bffUrl } from './support/real-bff.js';
import { waitUntil } from './support/wait.js';

const PAYMENT_HOOKS = [
  ...HOOKS.login,
  ...HOOKS.patient,
  ...HOOKS.search,
  ...HOOKS.booking,
  ...HOOKS.orders,
  ...HOOKS.payment,
];

describeJourney(
  'a patient pays for a booking on the sandbox cashier and is refunded on cancelling',
  PAYMENT_HOOKS,
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());

    describe.each(EDITIONS)('%s edition', (edition) => {
      it('book a paid session → 去支付 → WeChat Pay H5 cashier → back to the order → cancel → refunded', async () => {
        const api = new Api(bffUrl(edition));
        const target = await findOpenSession(api, { onlinePayment: true });
        const page = await newPhonePage(browser, bffUrl(edition));
        const phone = makePhone();

        await page.goto('/');
        await smsLogin(page, api, edition, phone);
        await addVerifiedPatient(page, edition, '李淑珍', phone);
        await openSession(page, edition, target);
        await hook(page, 'booking-patient').filter({ hasText: '李淑珍' }).first().click();
        await hook(page, 'booking-rules-agree').click();
        await hook(page, 'booking-submit').click();

        // The slot is held for the payment window; the order offers to pay the fee.
        await hook(page, 'order-pay').waitFor();
        await checkPage(page, edition, 'order-unpaid', { targets: hookSelector('order-pay') });
        expect(await hook(page, 'order-status').first().textContent()).toContain('待支付');
        const fee = `¥${(target.schedule.feeFen / 100).toFixed(2)}`;
        await hook(page, 'order-pay').click();

        // WeChat Pay's H5 cashier (the sandbox's stand-in) shows the fee and takes the payment.
        await page.getByTestId('cashier-pay').waitFor();
        expect(await page.getByTestId('cashier-amount').textContent()).toBe(fee);
        await saveScreenshot(page, edition, 'wechatpay-cashier');
        await page.getByTestId('cashier-pay').click();

        // Back on the order: booked once the payment notify is in (the page is reloaded until then).
        await waitUntilOrderBooked(page);
        // The payment record: the fee, the channel and the time it was paid.
        const record = hook(page, 'payment-record').first();
        await record.waitFor();
        expect(await record.getAttribute('data-status')).toBe('paid');
        expect(await record.textContent()).toContain(`已支付 ${fee}`);
        expect(await record.textContent()).toContain('微信支付');
        await checkPage(page, edition, 'order-paid', { targets: hookSelector('order-cancel') });
        const account = await apiOfPage(page, api);
        const { items } = await account.call<{ items: { id: string; status: string; payment: { status: string } }[] }>(
          'GET',
          '/api/v1/orders',
        );
        expect(items).toEqual([
          expect.objectContaining({ status: 'booked', payment: expect.objectContaining({ status: 'paid' }) }),
        ]);

        await hook(page, 'order-cancel').click();
        await hook(page, 'order-cancel-confirm').click();
        await waitUntil(
          async () => {
            const note = hook(page, 'order-refund');
            const text = (await note.count()) ? await note.first().textContent() : '';
            if (!text?.includes('已原路退回'))
              await page.reload().then(() => hook(page, 'order-status').first().waitFor());
            return text ?? '';
          },
          (text) => text.includes('挂号费已原路退回'),
          'the refund note 挂号费已原路退回',
          20_000,
        );
        await checkPage(page, edition, 'order-refunded');
        await waitUntil(
          async () => {
            const status = await hook(page, 'payment-record').first().getAttribute('data-status');
            if (status !== 'refunded') await page.reload().then(() => hook(page, 'order-status').first().waitFor());
            return status ?? '';
          },
          (status) => status === 'refunded',
          'the payment record to show the refund',
          20_000,
        );
        expect(await hook(page, 'payment-record').first().textContent()).toContain(`已退款 ${fee}`);

        // 我的 › 支付记录 lists it, refund included.
        await page.goto(ROUTES.me);
        await hook(page, 'me-payments').click();
        const listed = hook(page, 'payment-record');
        await listed.first().waitFor();
        expect(await listed.count()).toBe(1);
        expect(await listed.first().textContent()).toContain(target.hospital.name);
        expect(await page.getByTestId('payment-refund').filter({ visible: true }).first().textContent()).toContain(
          `退款 ${fee} · 已退回`,
        );
        await checkPage(page, edition, 'payments');
        await page.context().close();
      });
    });
  },
);
