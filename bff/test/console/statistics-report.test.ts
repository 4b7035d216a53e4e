import ExcelJS from 'exceljs';
import type supertest from 'supertest';
import { addServiceMinutes, type MinuteCount } from '../../src/ops/availability/service-minutes.js';
import { beijingMinute, shanghaiDate } from '../../src/shared/time.js';
import { EXCEL_SHEETS } from '../../src/statistics/monthly-report-excel.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { readPdf } from '../support/read-pdf.js';
import { type StaffHeaders, staffHttp, staffSession } from '../support/staff.js';

import { buildKnownData, D0, T0, type KnownData } from './statistics-data.js';

/** Reads a binary answer (supertest buffers only text by default). */
const binary = (res: supertest.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const cells = (ws: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

/**
 * The hour before the report is made (the clock's now, after the data), as the processes record
 * it: 100 answers a minute, none written in its minutes 10–12 (nothing serving), 10 errors in
 * minute 20 (down: over 5 %), 5 in minute 30 (exactly 5 %: up). Its last two are not yet settled.
 */
async function recordServiceMinutes(t: TestApp): Promise<number> {
  const now = t.clock.now();
  const start = now - (now % 60_000) - 3_600_000;
  const minutes: MinuteCount[] = [];
  for (let i = 0; i < 60; i++) {
    if (i >= 10 && i <= 12) continue;
    minutes.push({ minuteStart: start + i * 60_000, requests: 100, serverErrors: i === 20 ? 10 : i === 30 ? 5 : 0 });
  }
  await addServiceMinutes(t.services.db, minutes);
  return start;
}

describe.each(databaseKinds())('the monthly report on %s', (kind) => {
  let t: TestApp;
  let data: KnownData;
  let admin: StaffHeaders;
  let adminId: string;
  let hourStart: string;
  let outageStart: string;
  let hourDate: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { now: T0, env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    data = await buildKnownData(t);
    // a day's reconciliation of WeChat Pay at hospital A, as a run stores it
    await t.services.db.query(
      `INSERT INTO reconciliation (id, channel, bill_date, scope, hospital_id, matched, missing_local, missing_channel,
        amount_mismatch, status_mismatch, our_paid_fen, our_refunded_fen, channel_paid_fen, channel_refunded_fen,
        fee_fen, run_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), 'wechat', D0, data.hospitalA, data.hospitalA, 5, 0, 1, 1, 0, 2500, 500, 2400, 500, 15, newId(), T0],
    );
    const start = await recordServiceMinutes(t);
    hourStart = beijingMinute(start);
    outageStart = beijingMinute(start + 10 * 60_000);
    hourDate = shanghaiDate(start);
    const { login, ...headers } = await staffSession(t, 'admin');
    admin = headers;
    adminId = login.id;
  });
  afterAll(async () => t.close());

  const month = async () =>
    (await staffHttp(t).get('/api/v1/console/statistics').query({ from: '2026-03-01', to: '2026-03-31' }).set(admin))
      .body;

  it('writes the month to an Excel workbook whose sheets hold the figures of the API', async () => {
    const r = await staffHttp(t)
      .get('/api/v1/console/statistics/monthly/2026-03.xlsx')
      .set(admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = r.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="monthly-report-2026-03\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('月度数据分析报告-2026-03.xlsx');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.body as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((w) => w.name)).toEqual([...EXCEL_SHEETS]);
    const stats = await month();
    const overview = Object.fromEntries(cells(book.getWorksheet('概览')!).map(([k, v]) => [k, v]));
    expect(overview).toMatchObject({
      月份: '2026-03',
      范围: '全市',
      预约量: stats.totals.bookings,
      '挂号费合计（元）': 125,
      取消量: stats.cancellations.total,
      爽约: stats.attendance.noShows,
      约满场次: 3,
    });
    expect(stats.totals.bookings).toBe(16);
    const days = cells(book.getWorksheet('按日')!);
    expect(days).toHaveLength(32);
    expect(days[9]).toEqual([D0, 7, 80]);
    expect(cells(book.getWorksheet('按医院')!).slice(1)).toEqual([
      ['甲医院', 14, 85],
      ['乙医院', 2, 40],
    ]);
    const channels = cells(book.getWorksheet('按渠道')!);
    expect(channels).toContainEqual(['渠道', '微信小程序', 9, '56.3%']);
    expect(channels).toContainEqual(['版本', '敬老版', 3, '18.8%']);
    expect(cells(book.getWorksheet('取消与爽约')!)).toContainEqual(['停诊取消', 2]);
    expect(cells(book.getWorksheet('放号售罄')!)).toContainEqual(['P90', '6分40秒']);
    const payments = cells(book.getWorksheet('支付与对账')!);
    expect(payments[1]).toEqual(['微信支付', 1, 5, 0, 1, 1, 0, 25, 5, 24, 5, 0.15]);
    const availability = cells(book.getWorksheet('可用性')!);
    for (const row of [
      ['计量起点（北京时间）', hourStart],
      ['计量时长', '58分0秒'],
      ['可用率', '93.10%'],
      ['不可用时长', '4分0秒'],
      ['其中：无进程服务', '3分0秒'],
      ['其中：服务端错误超过5%', '1分0秒'],
      ['最长一次中断', `${outageStart} 起 3分0秒`],
      ['请求数', '5500'],
      ['服务端错误（5xx）', '15（0.3%）'],
    ])
      expect(availability).toContainEqual(row);
    expect(availability).toContainEqual([hourDate, 58, 4, '93.10%', 5500, 15]);

    const [audit] = await t.services.db.query<{ actor_id: string; detail: string }>(
      "SELECT actor_id, detail FROM audit_event WHERE action = 'statistics.report.download' AND target_id = '2026-03'",
    );
    expect(audit!.actor_id).toBe(adminId);
    expect(JSON.parse(audit!.detail)).toEqual({ format: 'xlsx', hospitalId: 'all' });
  });

  it('writes the month to a PDF in an embedded Chinese font, read back as text', async () => {
    const r = await staffHttp(t)
      .get(`/api/v1/console/statistics/monthly/2026-03.pdf?hospitalId=${data.hospitalA}`)
      .set(admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent((r.headers['content-disposition'] as string).split("UTF-8''")[1]!)).toBe(
      '月度数据分析报告-2026-03-甲医院.pdf',
    );
    const pdf = await readPdf(new Uint8Array(r.body as Buffer));
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    expect(pdf.fonts.some((f) => f.includes('NotoSansSC'))).toBe(true);
    const text = pdf.text.join('\n');
    for (const words of [
      '月度数据分析报告（2026-03）',
      '范围：甲医院',
      '核心指标',
      '预约量',
      '外科',
      '支付与对账',
      '平台可用性与错误（全平台）',
      '93.10%',
      `${outageStart} 起 3分0秒`,
    ])
      expect(text).toContain(words);
    expect(text).not.toContain('乙医院');
    // the glyphs are there to see, not only the text behind them
    for (const char of '月度数据分析报告甲医院外科预约量第页0123456789.%（）')
      expect([char, pdf.draws(char)]).toEqual([char, true]);

    const audits = await t.services.db.query<{ detail: string }>(
      "SELECT detail FROM audit_event WHERE action = 'statistics.report.download' ORDER BY at",
    );
    expect(audits.map((a) => JSON.parse(a.detail))).toContainEqual({ format: 'pdf', hospitalId: data.hospitalA });
  });

  it('refuses a month that is not one', async () => {
    for (const bad of ['2026-13', '2026-3', 'march'])
      expect(
        (await staffHttp(t).get(`/api/v1/console/statistics/monthly/${bad}.pdf`).set(admin).expect(400)).body.error
          .message,
      ).toMatch(/月份格式|[\u4e00-\u9fff]/);
  });
});
