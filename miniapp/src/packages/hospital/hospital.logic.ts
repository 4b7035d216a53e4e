import type { HospitalDetail } from '@cityhealth/shared-types';

/** 每天 08:30 放出未来 7 天的号源 from the hospital's release rule. */
export function releaseRuleText(rule: HospitalDetail['releaseRule']): string {
  return `每天 ${rule.releaseTime} 放出未来 ${rule.daysAhead} 天的号源`;
}

export function paymentText(onlinePayment: boolean): string {
  return onlinePayment ? '挂号费需在预约后线上支付' : '挂号费到院缴纳，预约时无需支付';
}

/** The department groups with only the departments whose name contains the filter (groups left empty are dropped). */
export function filterDepartments(
  groups: HospitalDetail['departments'],
  filter: string,
): HospitalDetail['departments'] {
  const f = filter.trim();
  if (!f) return groups;
  return groups
    .map((g) => ({ ...g, children: g.name.includes(f) ? g.children : g.children.filter((d) => d.name.includes(f)) }))
    .filter((g) => g.children.length > 0);
}
