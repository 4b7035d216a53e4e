import type { AvailabilityFigures } from '../ops/availability/availability-figures.js';
import { beijingMinute } from '../shared/time.js';
import { durationText, percentText } from './report-format.js';

const MINUTE = 60_000;

/** The availability figures as the report's label–value pairs (the same in the PDF and the workbook). */
export function availabilityRows(a: AvailabilityFigures): [string, string][] {
  if (a.measuredFrom === null) return [['可用性', '本月尚无运行记录']];
  const outage = a.longestOutage;
  return [
    ['计量起点（北京时间）', beijingMinute(a.measuredFrom)],
    ['计量时长', durationText(a.minutes * MINUTE)],
    ['可用率', availabilityText(a.availability)],
    ['不可用时长', durationText(a.downMinutes * MINUTE)],
    ['其中：无进程服务', durationText(a.silentMinutes * MINUTE)],
    ['其中：服务端错误超过5%', durationText(a.errorMinutes * MINUTE)],
    ['允许停机（每年48小时折算）', durationText(a.allowedDownMinutes * MINUTE)],
    ['是否达标', a.downMinutes <= a.allowedDownMinutes ? '达标' : '未达标'],
    ['最长一次中断', outage ? `${beijingMinute(outage.startMs)} 起 ${durationText(outage.minutes * MINUTE)}` : '无'],
    ['请求数', String(a.requests)],
    ['服务端错误（5xx）', `${a.serverErrors}（${percentText(a.serverErrorRate)}）`],
  ];
}

/** Availability to the hundredth of a percent: 99.45% is the tenders' line, one place is not enough. */
export const availabilityText = (rate: number | null): string =>
  rate === null ? '—' : `${(Math.floor(rate * 10_000) / 100).toFixed(2)}%`;

/** The days with an outage, worst first (at most `limit`). */
export function worstDays(a: AvailabilityFigures, limit: number) {
  return a.byDay
    .filter((d) => d.downMinutes > 0)
    .sort((x, y) => y.downMinutes - x.downMinutes || x.date.localeCompare(y.date))
    .slice(0, limit);
}
