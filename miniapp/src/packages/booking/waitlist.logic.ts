import type { BookingRulesView, ScheduleSummary } from '@cityhealth/shared-types';

const daysBeforeText = (n: number): string => (n === 0 ? '就诊当天' : n === 1 ? '就诊前一天' : `就诊前 ${n} 天`);

/** What a patient is told before joining a waitlist (候补须知), with this deployment's numbers. */
export function waitlistRuleLines(r: BookingRulesView): string[] {
  return [
    '候补不是预约：有人取消、超时未支付或医院加号时，按候补先后顺序自动为您预约。',
    `候补成功后需在线支付的，请在 ${r.paymentWindowMinutes} 分钟内完成支付，超时将顺延给下一位。`,
    `候补于${daysBeforeText(r.waitlist.closes.daysBefore)} ${r.waitlist.closes.time} 截止，截止前未约到即自动结束，并通知您。`,
    `同一就诊人最多同时候补 ${r.waitlist.maxPerPerson} 个；轮到时仍按预约规则（次数上限、同一时段一个号、爽约暂停等）办理。`,
  ];
}

/** Refusals after which the patient should book directly instead. */
export const BOOK_INSTEAD = new Set(['WAITLIST_NOT_FULL']);

/** What the join page was opened for: one session, or a department's day. */
export type WaitlistAsk = { scheduleId: string } | { departmentId: string; date: string };

export interface WaitlistTarget {
  hospitalName: string;
  departmentName: string;
  sessions: Pick<ScheduleSummary, 'id' | 'date' | 'period' | 'startsAt' | 'endsAt' | 'doctor'>[];
}

/** The page's query: `scheduleId`, or `departmentId` and `date`. */
export function waitlistAsk(params: Partial<Record<string, string>>): WaitlistAsk {
  if (params.departmentId && params.date) return { departmentId: params.departmentId, date: params.date };
  return { scheduleId: params.scheduleId ?? '' };
}
