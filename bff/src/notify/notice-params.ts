import type { NoticeKind } from '../db/entities/notice.js';
import { fenToYuan } from '../pay/money.js';
import { beijingMinute } from '../shared/time.js';
import type { NoticeOrder } from './notice-order.js';

/** A subscription message keyword takes at most 20 characters; an SMS variable 35. */
const clip = (text: string, max = 20) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

const STATUS: Record<NoticeKind, string> = {
  'booked-unpaid': '待支付',
  booked: '预约成功',
  paid: '支付成功',
  cancelled: '已取消',
  'stop-clinic': '停诊',
  refunded: '已退款',
  expiring: '即将超时',
  expired: '超时取消',
  reminder: '明日就诊',
  'waitlist-booked': '候补成功',
  'waitlist-ended': '候补结束',
  'draw-won': '抽签成功',
  'draw-lost': '未约上',
};

/**
 * The parameters of a notice: every variable any of its templates takes (the SMS template picks
 * its own, the subscription template its keywords). `reason` is the hospital's, for stop-clinic.
 */
export function noticeParams(kind: NoticeKind, order: NoticeOrder, reason: string | null): Record<string, string> {
  const department = order.doctor ? `${order.department}${order.doctor}` : order.department;
  const deadline = order.payDeadline === null ? '' : beijingMinute(order.payDeadline);
  const amount = fenToYuan(order.feeFen);
  const tips: Record<NoticeKind, string> = {
    'booked-unpaid': `请于${deadline.slice(11)}前完成支付`,
    booked: '请按时就诊',
    paid: '请按时就诊',
    cancelled: '预约已取消',
    'stop-clinic': reason ? `停诊原因：${reason}` : '医院停诊，预约已取消',
    refunded: `挂号费${amount}元已退回`,
    expiring: `将于${deadline.slice(11)}自动取消`,
    expired: '超时未支付，预约已取消',
    reminder: '请携带身份证件按时就诊',
    'waitlist-booked': deadline ? `请于${deadline.slice(11)}前完成支付` : '请按时就诊',
    'waitlist-ended': reason || '候补已截止',
    'draw-won': deadline ? `请于${deadline.slice(11)}前完成支付` : '请按时就诊',
    'draw-lost': reason || '号源已被抽完',
  };
  return {
    hospital: clip(order.hospital),
    department: clip(department),
    visit: beijingMinute(order.startsAt),
    ...(deadline ? { deadline } : {}),
    ...(kind === 'stop-clinic' ? { reason: clip(reason || '医院安排调整') } : {}),
    ...(kind === 'refunded' ? { amount } : {}),
    place: clip(`${order.hospital} ${department}`),
    status: STATUS[kind],
    tip: clip(tips[kind]),
  };
}
