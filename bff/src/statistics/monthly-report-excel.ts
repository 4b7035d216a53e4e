import { RECONCILE_OUTCOME_LABELS } from '@cityhealth/shared-types';
import ExcelJS from 'exceljs';
import { fenToYuan } from '../pay/money.js';
import { beijingMinute } from '../shared/time.js';
import { availabilityRows, availabilityText } from './availability-text.js';
import { durationText, percentText, REPORT_TITLE } from './report-format.js';
import type { MonthlyReportData } from './statistics-service.js';

/** The sheets of the workbook, in order. */
export const EXCEL_SHEETS = [
  '概览',
  '按日',
  '按医院',
  '按科室',
  '按渠道',
  '放号售罄',
  '取消与爽约',
  '支付与对账',
  '可用性',
] as const;

/** Yuan as a number for Excel's sums, from exact fen text (never float arithmetic on money). */
const yuan = (fen: number) => Number(fenToYuan(fen));

function sheet(book: ExcelJS.Workbook, name: (typeof EXCEL_SHEETS)[number], header: string[], widths?: number[]) {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  ws.columns = header.map((_, i) => ({ width: widths?.[i] ?? 16 }));
  return ws;
}

/** The monthly report as an Excel workbook: one sheet per view, yuan columns formatted 0.00. */
export async function monthlyReportExcel(data: MonthlyReportData): Promise<Buffer> {
  const s = data.statistics;
  const book = new ExcelJS.Workbook();
  book.creator = '预约挂号统一平台';
  book.title = `${REPORT_TITLE} ${data.month}`;

  const overview = sheet(book, '概览', ['项目', '数值'], [28, 36]);
  const rows: [string, string | number][] = [
    ['报告', REPORT_TITLE],
    ['月份', data.month],
    ['范围', data.hospital ? data.hospital.name : '全市'],
    ['统计时段', `${s.from} 至 ${s.to}`],
    ['生成时间（北京时间）', beijingMinute(Date.parse(s.generatedAt))],
    ['预约量', s.totals.bookings],
    ['挂号费合计（元）', yuan(s.totals.feeFen)],
    ['取消量', s.cancellations.total],
    ['到诊', s.attendance.arrivals],
    ['爽约', s.attendance.noShows],
    ['爽约率', percentText(s.attendance.noShowRate)],
    ['当前停约人数（全市）', s.blacklist.activeNow],
    ['本月新增停约人数（全市）', s.blacklist.newInRange],
    ['放号场次', s.sellOut.released],
    ['约满场次', s.sellOut.soldOut],
    ['约满比例', percentText(s.sellOut.soldOutShare)],
    ['售罄用时中位数', durationText(s.sellOut.p50Ms)],
    ['售罄用时P90', durationText(s.sellOut.p90Ms)],
  ];
  for (const r of rows) overview.addRow(r);
  overview.getCell('B7').numFmt = '0.00';

  const byDay = sheet(book, '按日', ['日期', '预约量', '挂号费（元）']);
  for (const d of s.byDay) byDay.addRow([d.date, d.bookings, yuan(d.feeFen)]);
  byDay.getColumn(3).numFmt = '0.00';

  const byHospital = sheet(book, '按医院', ['医院', '预约量', '挂号费（元）'], [36, 12, 16]);
  for (const h of s.byHospital) byHospital.addRow([h.hospital.name, h.bookings, yuan(h.feeFen)]);
  byHospital.getColumn(3).numFmt = '0.00';

  const byDepartment = sheet(book, '按科室', ['排名', '科室', '医院', '预约量', '挂号费（元）'], [8, 24, 36, 12, 16]);
  for (const [i, d] of s.byDepartment.entries())
    byDepartment.addRow([i + 1, d.department.name, d.hospital.name, d.bookings, yuan(d.feeFen)]);
  byDepartment.getColumn(5).numFmt = '0.00';

  const byChannel = sheet(book, '按渠道', ['类别', '名称', '预约量', '占比'], [10, 20, 12, 12]);
  const share = (n: number) => percentText(s.totals.bookings === 0 ? null : n / s.totals.bookings);
  for (const c of s.byChannel) byChannel.addRow(['渠道', c.label, c.bookings, share(c.bookings)]);
  for (const e of s.byEdition) byChannel.addRow(['版本', e.label, e.bookings, share(e.bookings)]);

  const sellOut = sheet(book, '放号售罄', ['项目', '数值', '', '', '', ''], [24, 20, 16, 16, 16, 16]);
  sellOut.addRow(['放号场次', s.sellOut.released]);
  sellOut.addRow(['约满场次', s.sellOut.soldOut]);
  sellOut.addRow(['约满比例', percentText(s.sellOut.soldOutShare)]);
  sellOut.addRow(['中位数（P50）', durationText(s.sellOut.p50Ms)]);
  sellOut.addRow(['P90', durationText(s.sellOut.p90Ms)]);
  for (const [label, x] of [
    ['最快售罄', s.sellOut.fastest],
    ['最慢售罄', s.sellOut.slowest],
  ] as const)
    sellOut.addRow([
      label,
      x ? `${x.hospital.name} ${x.department.name} ${x.date}` : '—',
      x ? durationText(x.soldOutAfterMs) : '',
    ]);
  sellOut.addRow([]);
  sellOut.addRow(['售罄用时', '场次']).font = { bold: true };
  for (const b of s.sellOut.distribution) sellOut.addRow([b.label, b.sessions]);
  sellOut.addRow([]);
  sellOut.addRow(['医院', '放号场次', '约满场次', '平均用时', '最快', '最慢']).font = { bold: true };
  for (const h of s.sellOut.byHospital)
    sellOut.addRow([
      h.hospital.name,
      h.released,
      h.soldOut,
      durationText(h.averageMs),
      durationText(h.fastestMs),
      durationText(h.slowestMs),
    ]);

  const outcomes = sheet(book, '取消与爽约', ['项目', '数量'], [24, 12]);
  outcomes.addRow(['取消合计', s.cancellations.total]);
  for (const k of s.cancellations.byKind) outcomes.addRow([k.label, k.count]);
  outcomes.addRow(['到诊', s.attendance.arrivals]);
  outcomes.addRow(['爽约', s.attendance.noShows]);
  outcomes.addRow(['爽约率', percentText(s.attendance.noShowRate)]);
  outcomes.addRow(['当前停约人数（全市）', s.blacklist.activeNow]);
  outcomes.addRow(['本月新增停约人数（全市）', s.blacklist.newInRange]);

  const payments = sheet(
    book,
    '支付与对账',
    [
      '支付渠道',
      '对账天数',
      RECONCILE_OUTCOME_LABELS.matched,
      RECONCILE_OUTCOME_LABELS['missing-local'],
      RECONCILE_OUTCOME_LABELS['missing-channel'],
      RECONCILE_OUTCOME_LABELS['amount-mismatch'],
      RECONCILE_OUTCOME_LABELS['status-mismatch'],
      '平台收款（元）',
      '平台退款（元）',
      '渠道收款（元）',
      '渠道退款（元）',
      '手续费（元）',
    ],
    [14, 10, 10, 20, 20, 10, 10, 16, 16, 16, 16, 14],
  );
  for (const r of data.reconciliation)
    payments.addRow([
      r.label,
      r.days,
      r.matched,
      r.missingLocal,
      r.missingChannel,
      r.amountMismatch,
      r.statusMismatch,
      yuan(r.ourPaidFen),
      yuan(r.ourRefundedFen),
      yuan(r.channelPaidFen),
      yuan(r.channelRefundedFen),
      yuan(r.feeFen),
    ]);
  for (let c = 8; c <= 12; c++) payments.getColumn(c).numFmt = '0.00';

  const availability = sheet(book, '可用性', ['项目（全平台）', '数值', '', '', ''], [28, 32, 14, 14, 14]);
  for (const r of availabilityRows(data.availability)) availability.addRow(r);
  availability.addRow([]);
  availability.addRow(['日期', '计量分钟', '不可用分钟', '可用率', '请求数', '服务端错误']).font = { bold: true };
  for (const d of data.availability.byDay)
    availability.addRow([
      d.date,
      d.minutes,
      d.downMinutes,
      availabilityText(1 - d.downMinutes / d.minutes),
      d.requests,
      d.serverErrors,
    ]);

  return Buffer.from(await book.xlsx.writeBuffer());
}
