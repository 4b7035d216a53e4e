import type { StaffRole } from '@cityhealth/shared-types';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { type StaffHeaders, staffHttp, staffSession } from '../support/staff.js';

import { buildKnownData, D0, day, T0, type KnownData } from './statistics-data.js';

const byKey = <T extends Record<string, unknown>>(items: T[], key: keyof T) =>
  Object.fromEntries(items.map((i) => [String(i[key]), i]));

describe.each(databaseKinds())('statistics for the commission on %s', (kind) => {
  let t: TestApp;
  let data: KnownData;
  let admin: StaffHeaders;

  beforeAll(async () => {
    t = await startTestApp(kind, { now: T0, env: { RATE_BOOKING_PER_IP_MINUTE: '100000' } });
    data = await buildKnownData(t);
    admin = await staffSession(t, 'admin');
  });
  afterAll(async () => t.close());

  const figures = (query: Record<string, string | number>, headers: StaffHeaders = admin) =>
    staffHttp(t).get('/api/v1/console/statistics').query(query).set(headers);

  it('counts the bookings made each day, per hospital, department, channel and edition, with yuan', async () => {
    const r = await figures({ from: D0, to: day(2) }).expect(200);
    expect(r.body).toMatchObject({ from: D0, to: day(2), days: 3 });
    expect(r.body.totals).toEqual({ bookings: 16, feeFen: 12500, feeYuan: '125.00' });
    expect(r.body.byDay).toEqual([
      { date: D0, bookings: 7, feeFen: 8000, feeYuan: '80.00' },
      { date: day(1), bookings: 7, feeFen: 3500, feeYuan: '35.00' },
      { date: day(2), bookings: 2, feeFen: 1000, feeYuan: '10.00' },
    ]);
    expect(r.body.byHospital).toEqual([
      { hospital: { id: data.hospitalA, name: '甲医院' }, bookings: 14, feeFen: 8500, feeYuan: '85.00' },
      { hospital: { id: data.hospitalB, name: '乙医院' }, bookings: 2, feeFen: 4000, feeYuan: '40.00' },
    ]);
    expect(r.body.byDepartment.map((d: { department: { name: string }; bookings: number }) => d)).toEqual([
      expect.objectContaining({ department: { id: data.surgery, name: '外科' }, bookings: 8, feeFen: 4000 }),
      expect.objectContaining({ department: { id: data.internal, name: '内科' }, bookings: 6, feeFen: 4500 }),
      expect.objectContaining({
        department: { id: data.paediatrics, name: '儿科' },
        hospital: { id: data.hospitalB, name: '乙医院' },
        bookings: 2,
      }),
    ]);
    expect(r.body.byChannel).toEqual([
      { channel: 'weapp', label: '微信小程序', bookings: 9 },
      { channel: 'alipay', label: '支付宝小程序', bookings: 3 },
      { channel: 'swan', label: '百度小程序', bookings: 1 },
      { channel: 'h5', label: 'H5', bookings: 2 },
      { channel: 'phone', label: '电话预约', bookings: 0 },
      { channel: 'unknown', label: '未知', bookings: 1 },
    ]);
    expect(r.body.byEdition).toEqual([
      { edition: 'standard', label: '标准版', bookings: 12 },
      { edition: 'elder', label: '敬老版', bookings: 3 },
      { edition: 'unknown', label: '未知', bookings: 1 },
    ]);
    const top = await figures({ from: D0, to: day(2), top: 1 }).expect(200);
    expect(top.body.byDepartment).toHaveLength(1);
  });

  it('counts cancellations by kind when they happened, attendance by visit date, suspensions', async () => {
    const r = await figures({ from: D0, to: day(2) }).expect(200);
    expect(r.body.cancellations).toEqual({
      total: 7,
      byKind: [
        { kind: 'patient', label: '患者取消', count: 2 },
        { kind: 'timeout', label: '超时未支付', count: 2 },
        { kind: 'stop-clinic', label: '停诊取消', count: 2 },
        { kind: 'staff', label: '工作人员取消', count: 1 },
      ],
    });
    expect(r.body.attendance).toEqual({ arrivals: 2, noShows: 2, noShowRate: 0.5 });
    expect(r.body.blacklist).toEqual({ activeNow: 1, newInRange: 1 });

    const firstDay = await figures({ from: D0, to: D0 }).expect(200);
    expect(byKey(firstDay.body.cancellations.byKind, 'kind').timeout).toMatchObject({ count: 2 });
    expect(firstDay.body.cancellations.total).toBe(2);
    expect(firstDay.body.blacklist).toEqual({ activeNow: 1, newInRange: 0 });
    expect(firstDay.body.attendance).toEqual({ arrivals: 0, noShows: 0, noShowRate: null });

    const week = await figures({ from: D0, to: day(6) }).expect(200);
    expect(week.body.attendance).toEqual({ arrivals: 2, noShows: 5, noShowRate: 5 / 7 });
  });

  it('times each release from its release to its last place taken', async () => {
    const r = await figures({ from: D0, to: day(2) }).expect(200);
    const s = r.body.sellOut;
    expect(s).toMatchObject({ released: 9, soldOut: 3, soldOutShare: 1 / 3, p50Ms: 100_000, p90Ms: 400_000 });
    expect(s.fastest).toMatchObject({
      hospital: { id: data.hospitalA, name: '甲医院' },
      department: { id: data.internal, name: '内科' },
      date: day(3),
      capacity: 2,
      releaseAt: new Date(T0 + 86_400_000).toISOString(),
      soldOutAfterMs: 65_000,
    });
    expect(s.slowest).toMatchObject({ date: day(4), capacity: 1, soldOutAfterMs: 400_000 });
    expect(s.distribution.map((b: { sessions: number }) => b.sessions)).toEqual([0, 2, 1, 0, 0, 0]);
    expect(s.byHospital).toEqual([
      {
        hospital: { id: data.hospitalA, name: '甲医院' },
        released: 8,
        soldOut: 3,
        averageMs: 188_333,
        fastestMs: 65_000,
        slowestMs: 400_000,
      },
      {
        hospital: { id: data.hospitalB, name: '乙医院' },
        released: 1,
        soldOut: 0,
        averageMs: null,
        fastestMs: null,
        slowestMs: null,
      },
    ]);
    const firstDay = await figures({ from: D0, to: D0 }).expect(200);
    expect(firstDay.body.sellOut).toMatchObject({ released: 3, soldOut: 1, p50Ms: 100_000, p90Ms: 100_000 });
  });

  it('narrows every figure to a hospital, department, channel or edition', async () => {
    const b = await figures({ from: D0, to: day(2), hospitalId: data.hospitalB }).expect(200);
    expect(b.body.totals).toEqual({ bookings: 2, feeFen: 4000, feeYuan: '40.00' });
    expect(b.body.cancellations.total).toBe(2);
    expect(b.body.sellOut).toMatchObject({ released: 1, soldOut: 0, p50Ms: null, fastest: null });
    expect(b.body.filters).toEqual({ hospitalId: data.hospitalB, departmentId: null, channel: null, edition: null });

    const internal = await figures({ from: D0, to: day(2), departmentId: data.internal }).expect(200);
    expect(internal.body.totals.bookings).toBe(6);
    expect(internal.body.sellOut).toMatchObject({ released: 3, soldOut: 3 });

    const weapp = await figures({ from: D0, to: day(2), channel: 'weapp' }).expect(200);
    expect(weapp.body.totals.bookings).toBe(9);
    expect(weapp.body.cancellations.byKind.map((k: { count: number }) => k.count)).toEqual([1, 1, 1, 0]);
    expect(weapp.body.byChannel.filter((c: { bookings: number }) => c.bookings > 0)).toHaveLength(1);

    const unknown = await figures({ from: D0, to: day(2), channel: 'unknown' }).expect(200);
    expect(unknown.body.totals.bookings).toBe(1);

    const elder = await figures({ from: D0, to: day(2), edition: 'elder' }).expect(200);
    expect(elder.body.totals.bookings).toBe(3);
    expect(elder.body.attendance).toEqual({ arrivals: 0, noShows: 1, noShowRate: 1 });
  });

  it('refuses a bad range with the reason in Chinese', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: day(2), to: D0 }, '开始日期不能晚于结束日期'],
      [{ from: '2025-03-01', to: '2026-03-02' }, '一次最多统计 366 天'],
    ];
    for (const [query, message] of cases) {
      const r = await figures(query).expect(400);
      expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message });
    }
    const bad: Record<string, string>[] = [
      { from: '2026-02-30', to: day(1) },
      { to: day(1) },
      { from: D0, to: day(1), channel: 'fax' },
    ];
    for (const query of bad) {
      const r = await figures(query).expect(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    await figures({ from: '2025-03-02', to: '2026-03-02' }).expect(200);
  });

  it('lets the commission see every hospital and a hospital’s finance or scheduler only their own', async () => {
    const headers = {} as Record<StaffRole, StaffHeaders>;
    for (const role of ['admin', 'auditor', 'agent'] as const) headers[role] = await staffSession(t, role);
    for (const role of ['finance', 'scheduler'] as const)
      headers[role] = await staffSession(t, role, { hospitalId: data.hospitalA });
    const paths = [
      `/api/v1/console/statistics?from=${D0}&to=${day(2)}`,
      '/api/v1/console/statistics/monthly/2026-03.xlsx',
      '/api/v1/console/statistics/monthly/2026-03.pdf',
    ];
    const withHospital = (path: string, id: string) => `${path}${path.includes('?') ? '&' : '?'}hospitalId=${id}`;
    for (const path of paths) {
      await staffHttp(t).get(path).expect(401);
      await staffHttp(t).get(path).set(headers.agent).expect(403);
      for (const role of ['admin', 'auditor'] as const) {
        await staffHttp(t).get(path).set(headers[role]).expect(200);
        await staffHttp(t).get(withHospital(path, data.hospitalB)).set(headers[role]).expect(200);
      }
      for (const role of ['finance', 'scheduler'] as const) {
        await staffHttp(t).get(withHospital(path, data.hospitalA)).set(headers[role]).expect(200);
        const other = await staffHttp(t).get(withHospital(path, data.hospitalB)).set(headers[role]).expect(403);
        expect(other.body.error.code).toBe('STAFF_FORBIDDEN');
      }
    }
    // without a hospital named, a hospital's staff get their own hospital's figures
    const own = await staffHttp(t).get(paths[0]!).set(headers.finance).expect(200);
    expect(own.body.filters.hospitalId).toBe(data.hospitalA);
    expect(own.body.totals.bookings).toBe(14);
  });
});
