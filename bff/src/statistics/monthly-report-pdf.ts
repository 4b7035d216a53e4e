import { fenToYuan } from '../pay/money.js';
import { beijingMinute } from '../shared/time.js';
import { PdfCanvas } from './pdf-canvas.js';
import { reportFont } from './report-font.js';
import { durationText, percentText, REPORT_TITLE, yuanText } from './report-format.js';
import type { MonthlyReportData } from './statistics-service.js';

/** The monthly report as a PDF: key figures, bar charts and tables, in the embedded CJK font. */
export async function monthlyReportPdf(data: MonthlyReportData): Promise<Buffer> {
  const s = data.statistics;
  const scope = data.hospital ? data.hospital.name : '全市';
  const c = await PdfCanvas.create(
    await reportFont(),
    `${REPORT_TITLE} ${data.month}`,
    `${REPORT_TITLE}　${data.month}　${scope}`,
  );

  c.text(`${REPORT_TITLE}（${data.month}）`, { size: 20 });
  c.text(
    `范围：${scope}　统计时段：${s.from} 至 ${s.to}　生成时间：${beijingMinute(Date.parse(s.generatedAt))}（北京时间）`,
    {
      size: 9,
    },
  );

  c.heading('一、核心指标');
  c.table(
    [
      ['指标', '数值', '指标', '数值'],
      ['预约量', String(s.totals.bookings), '挂号费合计', yuanText(s.totals.feeFen)],
      ['取消量', String(s.cancellations.total), '爽约率', percentText(s.attendance.noShowRate)],
      ['到诊', String(s.attendance.arrivals), '爽约', String(s.attendance.noShows)],
      ['放号场次', String(s.sellOut.released), '约满比例', percentText(s.sellOut.soldOutShare)],
      ['售罄用时中位数', durationText(s.sellOut.p50Ms), '售罄用时P90', durationText(s.sellOut.p90Ms)],
      ['当前停约人数（全市）', String(s.blacklist.activeNow), '本月新增停约（全市）', String(s.blacklist.newInRange)],
    ],
    [0.25, 0.25, 0.25, 0.25],
  );

  c.heading('二、每日预约量');
  c.verticalBars(s.byDay.map((d) => ({ label: d.date.slice(5), value: d.bookings })));

  const share = (n: number) => percentText(s.totals.bookings === 0 ? null : n / s.totals.bookings);
  c.heading('三、预约渠道与版本');
  c.horizontalBars(
    s.byChannel.map((x) => ({ label: x.label, value: x.bookings, text: `${x.bookings}（${share(x.bookings)}）` })),
  );
  c.gap(6);
  c.horizontalBars(
    s.byEdition.map((x) => ({ label: x.label, value: x.bookings, text: `${x.bookings}（${share(x.bookings)}）` })),
  );

  c.heading('四、医院预约量（前10）');
  c.horizontalBars(s.byHospital.slice(0, 10).map((h) => ({ label: h.hospital.name, value: h.bookings })));

  c.heading('五、科室预约量排名');
  c.table(
    [
      ['排名', '科室', '医院', '预约量', '挂号费（元）'],
      ...s.byDepartment.map((d, i) => [
        String(i + 1),
        d.department.name,
        d.hospital.name,
        String(d.bookings),
        fenToYuan(d.feeFen),
      ]),
    ],
    [0.08, 0.25, 0.37, 0.12, 0.18],
  );

  c.heading('六、放号售罄');
  const end = (x: typeof s.sellOut.fastest) =>
    x ? `${x.hospital.name} ${x.department.name} ${x.date}：${durationText(x.soldOutAfterMs)}` : '—';
  c.text(`放号 ${s.sellOut.released} 场，约满 ${s.sellOut.soldOut} 场（${percentText(s.sellOut.soldOutShare)}）`);
  c.text(`最快：${end(s.sellOut.fastest)}`, { size: 9 });
  c.text(`最慢：${end(s.sellOut.slowest)}`, { size: 9 });
  c.horizontalBars(s.sellOut.distribution.map((b) => ({ label: b.label, value: b.sessions })));

  c.heading('七、取消与爽约');
  c.horizontalBars(s.cancellations.byKind.map((k) => ({ label: k.label, value: k.count })));
  c.text(`取消合计 ${s.cancellations.total}；到诊 ${s.attendance.arrivals}，爽约 ${s.attendance.noShows}`, { size: 9 });

  c.heading('八、支付与对账');
  c.table(
    [
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
    [0.14, 0.1, 0.1, 0.12, 0.18, 0.18, 0.18],
  );

  // a Buffer: Koa sends a plain Uint8Array body as JSON
  return Buffer.from(await c.save());
}
