import type { DrawTicket } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { dayLabel } from '../../utils/time';

/** 11月23日 周一 上午: the session a ticket was drawn for. */
export const ticketSessionText = (t: Pick<DrawTicket, 'date' | 'period'>): string =>
  `${dayLabel(t.date)} ${PERIOD_LABELS[t.period]}`;

/** What became of the ticket, in a sentence the patient reads under it. */
export function ticketOutcomeText(t: Pick<DrawTicket, 'state' | 'reason'>): string {
  if (t.state === 'pending') return '放号抽签进行中，抽签结束后将通知您结果';
  if (t.state === 'won') return '抽签成功，已为您预约';
  return `未约上：${t.reason ?? '号源已被抽完'}`;
}
