import type {
  HospitalOutcome,
  HospitalSummary,
  ImagingShare,
  OrderSummary,
  Patient,
  ReportItem,
  ReportStatus,
} from '@cityhealth/shared-types';
import { REPORT_STATUS_LABELS, RESULT_FLAG_WORDS } from '@cityhealth/shared-types/labels';
import { addDays, calendarDate } from '../../utils/time';

/** 未出报告 / 部分出报告 / 已出报告 / 已更正 / 已作废. */
export const statusWords = (s: ReportStatus): string => REPORT_STATUS_LABELS[s] ?? s;

/** Whether a status means results can be read (the others are shown muted). */
export const hasResults = (s: ReportStatus): boolean => s === 'partial' || s === 'final' || s === 'corrected';

export interface FlagView {
  /** 偏高 / 偏低 / 危急（偏高）…, empty when normal. */
  words: string;
  /** ↑ / ↓ beside the words (never the only sign), empty when there is no direction. */
  arrow: string;
  /** high / low / critical / abnormal / normal: the colour class, in addition to the words. */
  tone: 'high' | 'low' | 'critical' | 'abnormal' | 'normal';
}

/** How an item's flag reads: in words first, an arrow for its direction, a colour only in addition. */
export function flagView(item: Pick<ReportItem, 'flag' | 'flagWords' | 'pending'>): FlagView {
  if (item.pending || !item.flag || item.flag === 'N') return { words: '', arrow: '', tone: 'normal' };
  const words = item.flagWords ?? RESULT_FLAG_WORDS[item.flag];
  switch (item.flag) {
    case 'H':
      return { words, arrow: '↑', tone: 'high' };
    case 'L':
      return { words, arrow: '↓', tone: 'low' };
    case 'HH':
      return { words, arrow: '↑', tone: 'critical' };
    case 'LL':
      return { words, arrow: '↓', tone: 'critical' };
    default:
      return { words, arrow: '', tone: 'abnormal' };
  }
}

/** The result cell: the value, or 待出 while pending (or when the hospital has not written one). */
export function resultText(item: Pick<ReportItem, 'result' | 'pending'>): string {
  if (item.pending || item.result === null || item.result === '') return '待出';
  return item.result;
}

/** The line of a report in the list about its abnormal items, or null when there is nothing to say. */
export function abnormalLine(r: { abnormalCount: number; criticalCount: number; status: ReportStatus }): string | null {
  if (!hasResults(r.status)) return null;
  if (r.abnormalCount === 0) return '各项均在参考范围内';
  const critical = r.criticalCount > 0 ? `，其中危急值 ${r.criticalCount} 项` : '';
  return `异常 ${r.abnormalCount} 项${critical}`;
}

export interface HospitalOption {
  /** Empty: every hospital the patient booked at (the API's default). */
  id: string;
  name: string;
  /** The patient has booked there. */
  booked: boolean;
}

/**
 * The hospitals to choose from: 全部就诊医院 first, then the ones the patient booked at (newest
 * booking first), then every other hospital of the list in its own order.
 */
export function hospitalOptions(
  patientId: string | undefined,
  orders: Pick<OrderSummary, 'patient' | 'hospital' | 'createdAt'>[],
  hospitals: Pick<HospitalSummary, 'id' | 'name'>[],
): HospitalOption[] {
  const out: HospitalOption[] = [{ id: '', name: '全部就诊医院', booked: false }];
  const seen = new Set<string>();
  const mine = orders
    .filter((o) => !patientId || o.patient.id === patientId)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  for (const o of mine) {
    if (seen.has(o.hospital.id)) continue;
    seen.add(o.hospital.id);
    out.push({ id: o.hospital.id, name: o.hospital.name, booked: true });
  }
  for (const h of hospitals) {
    if (seen.has(h.id)) continue;
    seen.add(h.id);
    out.push({ id: h.id, name: h.name, booked: false });
  }
  return out;
}

export const RANGE_PRESETS = [
  { id: '3m', label: '近3个月', days: 92 },
  { id: '1y', label: '近1年', days: 366 },
  { id: 'all', label: '全部', days: null },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** The query's from/to (Asia/Shanghai calendar dates) of a preset; 全部 goes back twenty years. */
export function rangeOf(preset: RangePreset, today = calendarDate()): { from: string; to: string } {
  const p = RANGE_PRESETS.find((r) => r.id === preset) ?? RANGE_PRESETS[0];
  return { from: addDays(today, -(p.days ?? 20 * 366)), to: today };
}

/** Who may be asked for: only a verified patient; the others say why. */
export function recordsPatientChoice(
  p: Pick<Patient, 'verified'>,
): { selectable: true } | { selectable: false; reason: string } {
  if (p.verified) return { selectable: true };
  return { selectable: false, reason: '该就诊人尚未实名认证，完成实名认证后才能查询报告与影像' };
}

/** The patient to show first: the one asked for, else the first verified one, else the first. */
export function preselectedRecordsPatient(patients: Patient[], wanted?: string): string | undefined {
  const verified = patients.filter((p) => p.verified);
  if (wanted && patients.some((p) => p.id === wanted)) return wanted;
  return (verified[0] ?? patients[0])?.id;
}

/** The hospitals that did not answer (a partial list), with the message a patient reads. */
export function failedHospitals(outcomes: HospitalOutcome[]): { id: string; text: string }[] {
  return outcomes
    .filter((h) => h.outcome === 'failed')
    .map((h) => ({
      id: h.hospitalId,
      text: `${h.hospitalName}：${h.message ?? '暂时无法查询，请稍后再试'}`,
    }));
}

/**
 * An image's src: the API base before the contract's path (which carries its own expiring
 * ticket), and `window=<id>` when a CT window preset is chosen.
 */
export function imageSrc(apiBase: string, url: string, windowId?: string | null): string {
  const abs = /^https?:\/\//.test(url) ? url : `${apiBase}${url}`;
  if (!windowId) return abs;
  const [path, hash] = abs.split('#');
  const sep = path!.includes('?') ? '&' : '?';
  const withWindow = `${path}${sep}window=${encodeURIComponent(windowId)}`;
  return hash === undefined ? withWindow : `${withWindow}#${hash}`;
}

/** Whether the study's image urls have stopped working (a little before, to leave time to load). */
export const imagesExpired = (imagesExpireAt: string, now = Date.now()): boolean =>
  Date.parse(imagesExpireAt) - 15_000 <= now;

export const SHARE_HOURS = [
  { hours: 24, label: '1天' },
  { hours: 72, label: '3天' },
  { hours: 168, label: '7天' },
] as const;
export const SHARE_USES = [1, 5, 10] as const;

/** The share link as a patient passes it on: absolute, on the app's own origin when the API gives a path. */
export function shareLink(url: string, origin: string): string {
  return /^https?:\/\//.test(url) ? url : `${origin}${url}`;
}

/** 有效 / 已取消 / 已过期 / 次数已用完 of a share. */
export function shareState(
  s: Pick<ImagingShare, 'revokedAt' | 'expiresAt' | 'uses' | 'maxUses'>,
  now = Date.now(),
): { active: boolean; words: string } {
  if (s.revokedAt) return { active: false, words: '已取消' };
  if (Date.parse(s.expiresAt) <= now) return { active: false, words: '已过期' };
  if (s.uses >= s.maxUses) return { active: false, words: '次数已用完' };
  return { active: true, words: '有效' };
}

/** 2.3 MB / 180 KB of a PDF's size. */
export function fileSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
