import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api, newIdempotencyKey } from '../../../src/api';
import PaymentsPage from '../../../src/packages/payments/index';
import { yuan } from '../../../src/utils/money';
import { addVerifiedPatient, findOpenSchedule, loginAsNewUser } from '../../support/bff-fixtures';
import { navigations, resetTaro } from '../../support/taro-api';
import { pressOnCashier } from '../../support/wechat-pay-cashier';

/** A new account books a session that takes the fee online and pays it on the WeChat Pay H5 cashier. */
async function paidBooking() {
  const schedule = await findOpenSchedule({ onlinePayment: true });
  await loginAsNewUser();
  const patient = await addVerifiedPatient('周玉兰');
  const order = await api.book({ scheduleId: schedule.id, patientId: patient.id }, newIdempotencyKey());
  const ticket = await api.pay(order.id, 'wechat', 'h5');
  const h5Url = (ticket.params as { h5Url: string }).h5Url;
  const cashier = `${h5Url}&redirect_url=${encodeURIComponent(window.location.href)}`;
  await pressOnCashier(cashier, 'pay');
  await waitFor(async () => expect((await api.order(order.id)).status).toBe('booked'), {
    timeout: 15_000,
    interval: 200,
  });
  return order;
}

describe('我的 › 支付记录', () => {
  it('lists the account’s payments with hospital, amount in yuan and channel; a tap opens the booking', async () => {
    const order = await paidBooking();
    resetTaro('packages/payments/index');
    render(<PaymentsPage />);
    const [record, ...more] = await screen.findAllByTestId('payment-record');
    expect(more).toHaveLength(0);
    expect(record!.textContent).toContain(order.hospital.name);
    expect(record!.textContent).toContain(`已支付 ${yuan(order.feeFen)}`);
    expect(record!.textContent).toContain('微信支付');
    expect(record!.textContent).toContain(order.orderNo);
    fireEvent.click(record!);
    expect(navigations).toEqual([{ kind: 'navigateTo', url: `/packages/order/detail?id=${order.id}` }]);
  });

  it('shows another account nothing of it', async () => {
    await paidBooking();
    await loginAsNewUser();
    resetTaro('packages/payments/index');
    render(<PaymentsPage />);
    expect((await screen.findByTestId('state-empty')).textContent).toContain('暂无支付记录');
    expect(screen.queryByTestId('payment-record')).toBeNull();
  });
});
