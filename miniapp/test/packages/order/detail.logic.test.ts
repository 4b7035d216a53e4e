import { cancelNote, historyLine, payStep, rebookRoute, refundNote } from '../../../src/packages/order/detail.logic';
import { orderState } from '../../support/fixtures';

describe('order detail logic', () => {
  it('offers the pay button only for an unpaid pending booking in a build with a cashier', () => {
    const unpaid = orderState({ status: 'pending', payment: 'unpaid', deadline: '2026-11-22T02:15:00.000Z' });
    expect(payStep(unpaid, true)).toEqual({ kind: 'pay', deadline: '2026-11-22T02:15:00.000Z' });
    expect(payStep(unpaid, false)).toEqual({ kind: 'elsewhere', deadline: '2026-11-22T02:15:00.000Z' });
    expect(payStep(orderState({ status: 'booked', payment: 'paid' }), true)).toEqual({ kind: 'none' });
    expect(payStep(orderState({ status: 'booked', payment: 'pay-at-hospital' }), true)).toEqual({ kind: 'none' });
  });

  it('tells a cancelled patient where the fee is', () => {
    expect(refundNote(orderState({ status: 'cancelled', payment: 'refunding' }))).toMatch(/正在原路退回/);
    expect(refundNote(orderState({ status: 'cancelled', payment: 'refunded' }))).toBe('挂号费已原路退回。');
    expect(refundNote(orderState({ status: 'cancelled', payment: 'pay-at-hospital' }))).toBeNull();
    expect(refundNote(orderState({ status: 'booked', payment: 'paid' }))).toBeNull();
    const late = {
      ...orderState({ status: 'cancelled', payment: 'refunding' }),
      history: [{ reason: 'payment-timeout' }, { reason: 'late-payment-refund' }],
    };
    expect(refundNote(late)).toBe(
      '您的支付完成时已超过支付时限，号源已释放，挂号费正在原路退回，一般 1–3 个工作日到账。',
    );
  });

  it('writes each history step in Chinese, with the patient’s own note and the system’s reasons', () => {
    const at = '2026-11-22T02:00:00.000Z';
    expect(historyLine({ status: 'booked', actor: 'patient', reason: null, at })).toBe('预约成功 · 本人操作');
    expect(historyLine({ status: 'cancelled', actor: 'patient', reason: 'patient', at })).toBe('已取消 · 本人操作');
    expect(historyLine({ status: 'cancelled', actor: 'patient', reason: 'patient: 行程有变: 改天', at })).toBe(
      '已取消 · 本人操作 · 行程有变: 改天',
    );
    expect(historyLine({ status: 'cancelled', actor: 'system', reason: 'payment-timeout', at })).toBe(
      '已取消 · 系统 · 超时未支付，号源已释放',
    );
    expect(historyLine({ status: 'cancelled', actor: 'hospital', reason: 'stop-clinic: 专家外出会诊', at })).toBe(
      '已取消 · 医院 · 医生停诊 · 专家外出会诊',
    );
    expect(historyLine({ status: 'cancelled', actor: 'system', reason: 'cancelled-refund', at })).toBe(
      '已取消 · 系统 · 取消预约，挂号费原路退回',
    );
    expect(historyLine({ status: 'booked', actor: 'system', reason: 'paid', at })).toBe(
      '预约成功 · 系统 · 挂号费已支付',
    );
    // A code this build does not know yet is still shown rather than dropped.
    expect(historyLine({ status: 'booked', actor: 'robot', reason: 'new-reason', at })).toBe(
      '预约成功 · robot · new-reason',
    );
  });

  it('never promises a cancellation it will refuse: past the deadline, unpaid says paying makes it final', () => {
    const now = Date.parse('2026-12-01T07:58:00.000Z'); // 15:58 in Beijing
    const deadline = '2026-12-01T07:00:00.000Z'; // 15:00
    const unpaid = {
      ...orderState({ status: 'pending', payment: 'unpaid' }),
      cancelDeadline: deadline,
      cancellable: true,
    };
    expect(cancelNote(unpaid, now)).toEqual({
      text: '取消截止时间（2026年12月1日 周二 15:00）已过：未支付前仍可取消，支付后将不能取消',
      warnBeforePaying:
        '取消截止时间（2026年12月1日 周二 15:00）已过，支付后将不能取消。如不能按时就诊，请不要支付，直接取消即可。',
    });
    expect(cancelNote({ ...unpaid, cancelDeadline: '2026-12-02T07:00:00.000Z' }, now)).toEqual({
      text: '可在 2026年12月2日 周三 15:00 前取消',
      warnBeforePaying: null,
    });
    // A booking that can no longer be cancelled offers nothing.
    expect(
      cancelNote(
        { ...orderState({ status: 'booked', payment: 'paid' }), cancelDeadline: deadline, cancellable: false },
        now,
      ),
    ).toBeNull();
  });

  it('offers 再次预约 from a booking that is over: the same department, the same doctor first', () => {
    const o = {
      department: { id: 'd1', name: '心血管内科' },
      doctor: { id: 'doc1', name: '李医生', title: '主任医师' },
    };
    expect(rebookRoute({ ...o, status: 'fulfilled' })).toBe('/packages/hospital/department?id=d1&doctorId=doc1');
    expect(rebookRoute({ ...o, status: 'cancelled' })).toBe('/packages/hospital/department?id=d1&doctorId=doc1');
    expect(rebookRoute({ ...o, doctor: null, status: 'noshow' })).toBe('/packages/hospital/department?id=d1');
    expect(rebookRoute({ ...o, status: 'booked' })).toBeNull();
    expect(rebookRoute({ ...o, status: 'pending' })).toBeNull();
    expect(rebookRoute({ ...o, status: 'arrived' })).toBeNull();
  });
});
