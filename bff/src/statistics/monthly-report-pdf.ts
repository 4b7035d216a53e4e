import { fenToYuan } from '../pay/money.js';
import { beijingMinute } from '../shared/time.js';
import { availabilityRows, availabilityText, worstDays } from './availability-text.js';
import { type Block, renderPdf } from './pdf-canvas.js';
import { reportFont } from './report-font.js';
import { durationText, percentText, REPORT_TITLE, yuanText } from './report-format.js';
import type { MonthlyReportData } from './statistics-service.js';

/** The report's pages as blocks: key figures, bar charts and tables. */
function reportBlocks(data: MonthlyReportData, scope: string): Block[] {
  const s = data.statistics;
  const share = (n: number) => percentText(s.totals.bookings === 0 ? null : n / s.totals.bookings);
  const end = (x: typeof s.sellOut.fastest) =>
    x ? `${x.hospital.name} ${x.department.name} ${x.date}：${durationText(x.soldOutAfterMs)}` : '—';
  const generated = beijingMinute(Date.parse(s.generatedAt));
  return [
    { kind: 'text', text: `${REPORT_TITLE}（${data.month}）`, size: 20 },
    {
      kind: 'text',
      text: `范围：${scope}　统计时段：${s.from} 至 ${s.to}　生成时间：${generated}（北京时间）`,
      size: 9,
    },
    { kind: 'heading', text: '一、核心指标' },
    {
      kind: 'table',
      widths: [0.25, 0.25, 0.25, 0.25],
      rows: [
        ['指标', '数值', '指标', '数值'],
        ['预约量', String(s.totals.bookings), '挂号费合计', yuanText(s.totals.feeFen)],
        ['取消量', String(s.cancellations.total), '爽约率', percentText(s.attendance.noShowRate)],
        ['到诊', String(s.attendance.arrivals), '爽约', String(s.attendance.noShows)],
        ['放号场次', String(s.sellOut.released), '约满比例', percentText(s.sellOut.soldOutShare)],
        ['售罄用时中位数', durationText(s.sellOut.p50Ms), '售罄用时P90', durationText(s.sellOut.p90Ms)],
        ['当前停约人数（全市）', String(s.blacklist.activeNow), '本月新增停约（全市）', String(s.blacklist.newInRange)],
      ],
    },
    { kind: 'heading', text: '二、每日预约量' },
    { kind: 'vertical-bars', items: s.byDay.map((d) => ({ label: d.date.slice(5), value: d.bookings })) },
    { kind: 'heading', text: '三、预约渠道与版本' },
    {
      kind: 'horizontal-bars',
      items: s.byChannel.map((x) => ({
        label: x.label,
        value: x.bookings,
        text: `${x.bookings}（${share(x.bookings)}）`,
      })),
    },
    { kind: 'gap', points: 6 },
    {
      kind: 'horizontal-bars',
      items: s.byEdition.map((x) => ({
        label: x.label,
        value: x.bookings,
        text: `${x.bookings}（${share(x.bookings)}）`,
      })),
    },
    { kind: 'heading', text: '四、医院预约量（前10）' },
    {
      kind: 'horizontal-bars',
      items: s.byHospital.slice(0, 10).map((h) => ({ label: h.hospital.name, value: h.bookings })),
    },
    { kind: 'heading', text: '五、科室预约量排名' },
    {
      kind: 'table',
      widths: [0.08, 0.25, 0.37, 0.12, 0.18],
      rows: [
        ['排名', '科室', '医院', '预约量', '挂号费（元）'],
        ...s.byDepartment.map((d, i) => [
          String(i + 1),
          d.department.name,
          d.hospital.name,
          String(d.bookings),
          fenToYuan(d.feeFen),
        ]),
      ],
    },
    { kind: 'heading', text: '六、放号售罄' },
    {
      kind: 'text',
      text: `放号 ${s.sellOut.released} 场，约满 ${s.sellOut.soldOut} 场（${percentText(s.sellOut.soldOutShare)}）`,
    },
    { kind: 'text', text: `最快：${end(s.sellOut.fastest)}`, size: 9 },
    { kind: 'text', text: `最慢：${end(s.sellOut.slowest)}`, size: 9 },
    { kind: 'horizontal-bars', items: s.sellOut.distribution.map((b) => ({ label: b.label, value: b.sessions })) },
    { kind: 'heading', text: '七、取消与爽约' },
    { kind: 'horizontal-bars', items: s.cancellations.byKind.map((k) => ({ label: k.label, value: k.count })) },
    {
      kind: 'text',
      text: `取消合计 ${s.cancellations.total}；到诊 ${s.attendance.arrivals}，爽约 ${s.attendance.noShows}`,
      size: 9,
    },
    { kind: 'heading', text: '八、支付与对账' },
    {
      kind: 'table',
      widths: [0.14, 0.1, 0.1, 0.12, 0.18, 0.18, 0.18],
      rows: [
        ['支付渠道', '对账天数', '一致', '差异笔数', '平台收款（元）', '渠道收款（元）', '手续费（元）'],
        ...data.reconciliation.map((r) => [
          r.label,
          String(r.days),
          String(r.matched),
          String(r.missingLocal + r.missingChannel + r.amountMismatch + r.statusMismatch),
          fenToYuan(r.ourPaidFen),
          fenToYuan(r.channelPaidFen),
          fenToYuan(r.feeFen),
        ]),
      ],
    },
    ...availabilityBlocks(data),
  ];
}

/** The platform's availability (every hospital's report shows the one platform's). */
function availabilityBlocks(data: MonthlyReportData): Block[] {
  const a = data.availability;
  const days = worstDays(a, 5);
  const blocks: Block[] = [
    { kind: 'heading', text: '九、平台可用性与错误（全平台）' },
    { kind: 'table', widths: [0.4, 0.6], rows: [['指标', '数值'], ...availabilityRows(a)] },
  ];
  if (days.length === 0) return blocks;
  blocks.push({ kind: 'text', text: '不可用时长最多的日期', size: 9 });
  blocks.push({
    kind: 'table',
    widths: [0.25, 0.25, 0.25, 0.25],
    rows: [
      ['日期', '不可用', '可用率', '服务端错误'],
      ...days.map((d) => [
        d.date,
        `${d.downMinutes}分钟`,
        availabilityText(1 - d.downMinutes / d.minutes),
        String(d.serverErrors),
      ]),
    ],
  });
  return blocks;
}

/** The monthly report as a PDF in the embedded CJK font. */
export async function monthlyReportPdf(data: MonthlyReportData): Promise<Buffer> {
  const scope = data.hospital ? data.hospital.name : '全市';
  const bytes = await renderPdf(await reportFont(), {
    title: `${REPORT_TITLE} ${data.month}`,
    footer: `${REPORT_TITLE}　${data.month}　${scope}`,
    blocks: reportBlocks(data, scope),
  });
  // a Buffer: Koa sends a plain Uint8Array body as JSON
  return Buffer.from(bytes);
}
