import { fenToYuan } from '../pay/money.js';

/** How the monthly report writes its figures (Chinese units). */

export const REPORT_TITLE = '月度数据分析报告';

export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}分${seconds % 60}秒`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时${minutes % 60}分`;
  return `${Math.floor(hours / 24)}天${hours % 24}小时`;
}

export const percentText = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

export const yuanText = (fen: number): string => `${fenToYuan(fen)}元`;

/** The report's file name: 月度数据分析报告-2026-11[-医院].xlsx */
export function reportFileName(month: string, hospitalName: string | null, extension: 'xlsx' | 'pdf'): string {
  const hospital = hospitalName ? `-${hospitalName.replace(/[\\/:*?"<>|\r\n]/g, '_')}` : '';
  return `${REPORT_TITLE}-${month}${hospital}.${extension}`;
}
