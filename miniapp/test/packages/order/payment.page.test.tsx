import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Order } from '@cityhealth/shared-types';
import { api, currentSession, newIdempotencyKey, saveSession } from '../../../src/api';
import OrderDetailPage from '../../../src/packages/order/detail';
import { yuan } from '../../../src/utils/money';
import { departures, resetDepartures } from '../../support/browser-location';
import { addVerifiedPatient, findOpenSchedule, loginAsNewUser } from '../../support/bff-fixtures';
import { resetTaro } from '../../support/taro-api';
import { pressOnCashier } from '../../support/wechat-pay-cashier';

/*
 * 去支付 in the browser (H5): the page asks the BFF for a WeChat Pay H5 ticket and sends the
 * browser to the cashier (the sandbox's), which sends it back to the order.
 */

/** A logged-in patient's new booking at a hospital that takes the fee online: pending until paid. */
async function pendingPaidBooking(): Promise<Order> {
  const schedule = await findOpenSchedule({ onlinePayment: true });
  await loginAsNewUser();
  const patient = await addVerifiedPatient('周玉兰');
  return api.book({ scheduleId: schedule.id, patientId: patient.id }, newIdempotencyKey());
}

/** The order page as the browser opens it (again, when the cashier sends it back), still logged in. */
function openOrderPage(orderId: string) {
  const session = currentSession();
  resetTaro('packages/order/detail', { id: orderId });
  saveSession(session);
  return render(<OrderDetailPage />);
}

const payButton = () => screen.getByTestId('order-pay');

/** Presses 去支付 and waits for the page to send the browser away; answers where to. */
async function pressPay(): Promise<string> {
  fireEvent.click(await screen.findByTestId('order-pay'));
  // Waiting for the ticket: the button is busy and takes no second tap.
  expect(payButton().getAttribute('aria-busy')).toBe('true');
  expect(payButton().hasAttribute('disabled')).toBe(true);
  await waitFor(() => expect(departures).toHaveLength(1));
  return departures[0]!;
}

const prepayIdOf = (url: string) => new URL(url).searchParams.get('prepay_id');

beforeEach(() => resetDepartures());

describe('paying a booking in the browser (WeChat Pay H5 cashier)', () => {
  it('opens the cashier for this booking’s fee and shows the booking as made once paid', async () => {
    const order = await pendingPaidBooking();
    expect(order).toMatchObject({ status: 'pending', payment: { status: 'unpaid' } });
    const page = openOrderPage(order.id);
    expect((await screen.findByTestId('order-pay')).textContent).toContain(yuan(order.feeFen));

    const cashier = await pressPay();
    // The cashier of the trade the BFF opened for WeChat Pay in a browser, asked to come back here.
    const expectedTicket = await api.pay(order.id, 'wechat', 'h5');
    expect(expectedTicket.params).toMatchObject({ channel: 'wechat', scene: 'h5' });
    expect(prepayIdOf(cashier)).toBe(prepayIdOf((expectedTicket.params as { h5Url: string }).h5Url));
    expect(new URL(cashier).searchParams.get('redirect_url')).toBe(window.location.href);

    const { amount, backTo } = await pressOnCashier(cashier, 'pay');
    expect(amount).toBe(yuan(order.feeFen));
    expect(backTo).toBe(window.location.href);

    await waitFor(async () => expect((await api.order(order.id)).status).toBe('booked'), {
      timeout: 15_000,
      interval: 200,
    });
    page.unmount();
    openOrderPage(order.id);
    const status = await screen.findByTestId('order-status');
    expect(status.getAttribute('data-status')).toBe('booked');
    expect(screen.queryByTestId('order-pay')).toBeNull();
    expect(screen.queryByTestId('order-error')).toBeNull();
    // The payment record: the fee in yuan, the channel and the time it was paid.
    const record = await screen.findByTestId('payment-record');
    expect(record.getAttribute('data-status')).toBe('paid');
    expect(record.textContent).toContain(`已支付 ${yuan(order.feeFen)}`);
    expect(record.textContent).toMatch(/微信支付 · 支付时间 \d{4}年\d{1,2}月\d{1,2}日/);
  });

  it('keeps the booking waiting for payment, and payable again, when the patient declines on the cashier', async () => {
    const order = await pendingPaidBooking();
    const page = openOrderPage(order.id);
    const cashier = await pressPay();

    const { backTo } = await pressOnCashier(cashier, 'decline');
    expect(backTo).toBe(window.location.href);
    page.unmount();
    resetDepartures();
    openOrderPage(order.id);
    expect((await screen.findByTestId('order-status')).getAttribute('data-status')).toBe('pending');
    expect(payButton().hasAttribute('disabled')).toBe(false);

    // Paying again resumes the same trade on the cashier.
    expect(prepayIdOf(await pressPay())).toBe(prepayIdOf(cashier));
  });

  it('shows the BFF’s refusal and stays on the page when the booking can no longer be paid', async () => {
    const order = await pendingPaidBooking();
    openOrderPage(order.id);
    await screen.findByTestId('order-pay');
    // Cancelled elsewhere (another device) while this page was open.
    await api.cancelOrder(order.id);

    fireEvent.click(payButton());
    const error = await screen.findByTestId('order-error');
    expect(error.textContent).toMatch(/[\u4e00-\u9fa5]/);
    expect(departures).toEqual([]);
    expect(payButton().hasAttribute('disabled')).toBe(false);
  });
});
