import { KEY_LIMITS, pinyinKeys } from '../../src/core/catalog/pinyin-keys.js';
import { BEIJING_DISTRICTS } from '../../src/core/catalog/districts.js';
import { seedDemoIfEmpty } from '../../src/db/seed/seed-demo.js';
import { Hospital } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { hospitalRow } from '../support/rows.js';
import { newId } from '../../src/shared/ids.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';

interface Summary {
  id: string;
  name: string;
  district: string;
  level: string;
}

describe.each(databaseKinds())('catalog API on %s', (kind) => {
  let t: TestApp;
  let hospitals: number;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // The catalog needs no sessions: one day keeps the seed quick.
    hospitals = (await seedDemoIfEmpty(t.services.db, { now: t.clock.now(), rules: t.config.rules, days: 1 }))
      .hospitals;
  }, 120_000);
  afterAll(async () => t.close());

  const names = (items: Summary[]) => items.map((h) => h.name);

  it('lists hospitals page by page, 三甲 first, as cacheable JSON', async () => {
    const first = await t.http.get('/api/v1/hospitals').expect(200);
    expect(first.headers['content-type']).toMatch(/application\/json/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(first.body).toMatchObject({ page: 1, pageSize: 20, total: hospitals });
    expect(first.body.items).toHaveLength(20);
    expect(first.body.items[0]).toMatchObject({
      name: '北京协和医院',
      level: '3A',
      levelName: '三级甲等',
      demo: true,
      releaseRule: { releaseTime: '07:30', daysAhead: 14 },
    });
    const levels: string[] = first.body.items.map((h: Summary) => h.level);
    expect(levels.indexOf('2A') === -1 || levels.lastIndexOf('3A') < levels.indexOf('2A')).toBe(true);
    const second = await t.http.get('/api/v1/hospitals?page=2&pageSize=20').expect(200);
    const seen = new Set([...names(first.body.items), ...names(second.body.items)]);
    expect(seen.size).toBe(Math.min(40, hospitals));
    const beyond = await t.http.get('/api/v1/hospitals?page=99').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: hospitals });
  });

  it('puts a hospital with a known location on the map, the others without one', async () => {
    const { items } = (await t.http.get('/api/v1/hospitals?pageSize=50').expect(200)).body as {
      items: { id: string; name: string; location?: { latitude: number; longitude: number } }[];
    };
    const pumch = items.find((h) => h.name === '北京协和医院')!;
    expect(pumch.location).toEqual({ latitude: 39.913, longitude: 116.417 });
    expect(items.filter((h) => !h.location).length).toBeGreaterThan(0);
    expect(items.find((h) => !h.location)).not.toHaveProperty('location');
    const detail = (await t.http.get(`/api/v1/hospitals/${pumch.id}`).expect(200)).body;
    expect(detail.location).toEqual({ latitude: 39.913, longitude: 116.417 });
  });

  it('filters by district and level', async () => {
    const dc = await t.http.get(`/api/v1/hospitals?district=${encodeURIComponent('东城区')}&pageSize=50`).expect(200);
    expect(dc.body.total).toBeGreaterThanOrEqual(3);
    expect(dc.body.items.every((h: Summary) => h.district === '东城区')).toBe(true);
    const l2 = await t.http.get('/api/v1/hospitals?level=2A&pageSize=50').expect(200);
    expect(l2.body.total).toBeGreaterThan(5);
    expect(l2.body.items.every((h: Summary) => h.level === '2A')).toBe(true);
    const both = await t.http.get(`/api/v1/hospitals?level=3A&district=${encodeURIComponent('延庆区')}`).expect(200);
    expect(both.body.total).toBe(0);
  });

  it('matches q against the name, its pinyin initials and full pinyin, case-insensitively', async () => {
    for (const q of ['xh', 'XH', '协和', 'xiehe', 'bjxhyy']) {
      const r = await t.http.get(`/api/v1/hospitals?q=${encodeURIComponent(q)}`).expect(200);
      expect(r.body.items[0]?.name).toBe('北京协和医院');
    }
    const cy = await t.http.get(`/api/v1/hospitals?q=${encodeURIComponent('朝阳医院')}`).expect(200);
    expect(names(cy.body.items)).toEqual(['首都医科大学附属北京朝阳医院']);
    const tr = await t.http.get('/api/v1/hospitals?q=bjtr').expect(200);
    expect(names(tr.body.items)).toContain('首都医科大学附属北京同仁医院');
  });

  it('lists the districts that have hospitals in the city’s order', async () => {
    const r = await t.http.get('/api/v1/districts').expect(200);
    expect(r.body.items).toEqual([...BEIJING_DISTRICTS]);
  });

  it('shows a hospital with its two-level departments in order', async () => {
    const list = await t.http.get(`/api/v1/hospitals?q=${encodeURIComponent('北京协和医院')}`).expect(200);
    const r = await t.http.get(`/api/v1/hospitals/${list.body.items[0].id}`).expect(200);
    expect(r.body).toMatchObject({
      name: '北京协和医院',
      district: '东城区',
      intro: expect.stringContaining('北京协和医院'),
      onlinePayment: true,
    });
    const groups: { id: string; name: string; children: { parentId: string; name: string }[] }[] = r.body.departments;
    expect(groups.map((g) => g.name).slice(0, 4)).toEqual(['内科', '外科', '妇产科', '儿科']);
    for (const g of groups) {
      expect(g.children.length).toBeGreaterThan(0);
      for (const c of g.children) expect(c.parentId).toBe(g.id);
    }
    expect(groups[0]!.children.map((c) => c.name)).toContain('心血管内科');
  });

  it('searches hospitals, departments and doctors by Chinese text, initials and full pinyin', async () => {
    const xh = await t.http.get('/api/v1/search?q=xh').expect(200);
    expect(xh.body.hospitals[0].name).toBe('北京协和医院');
    const dept = await t.http.get(`/api/v1/search?q=${encodeURIComponent('心血管')}&limit=5`).expect(200);
    expect(dept.body.departments.length).toBe(5);
    expect(dept.body.departments[0]).toMatchObject({
      name: '心血管内科',
      parentName: '内科',
      hospitalName: expect.any(String),
    });
    const byInitials = await t.http.get('/api/v1/search?q=xxgnk').expect(200);
    expect(byInitials.body.departments[0].name).toBe('心血管内科');
    const byPinyin = await t.http.get('/api/v1/search?q=xinxueguan').expect(200);
    expect(byPinyin.body.departments[0].name).toBe('心血管内科');

    const [doc] = await t.services.db.query<{ name: string; name_initials: string; name_pinyin: string }>(
      "SELECT name, name_initials, name_pinyin FROM doctor WHERE title = '主任医师' ORDER BY id LIMIT 1",
    );
    const byName = await t.http.get(`/api/v1/search?q=${encodeURIComponent(doc!.name)}`).expect(200);
    expect(byName.body.doctors[0]).toMatchObject({
      name: doc!.name,
      title: '主任医师',
      hospitalName: expect.any(String),
      departmentName: expect.any(String),
    });
    const byFull = await t.http.get(`/api/v1/search?q=${doc!.name_pinyin.split(' ')[0]}`).expect(200);
    expect(byFull.body.doctors.map((d: { name: string }) => d.name)).toContain(doc!.name);
    const bySpecialty = await t.http.get(`/api/v1/search?q=${encodeURIComponent('冠心病')}`).expect(200);
    expect(bySpecialty.body.doctors.length).toBeGreaterThan(0);
  });

  it('finds departments by the names patients use (心内科, 消化科, 妇科) and their initials, saying so', async () => {
    type Hit = { name: string; match: { by: string; text?: string } };
    const search = async (q: string): Promise<Hit[]> =>
      (await t.http.get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=50`).expect(200)).body.departments;
    for (const q of ['心内科', 'xnk', 'XNK', 'xinneike']) {
      const hits = await search(q);
      expect([q, hits.map((d) => d.name)]).toEqual([q, expect.arrayContaining(['心血管内科'])]);
      // What the alias names comes first; initials found inside other names (呼吸内科, hxnk) only after.
      const named = hits.map((d) => ['心血管内科', '心脏内科', '心内科'].includes(d.name));
      expect([q, named.indexOf(false) === -1 || named.lastIndexOf(true) < named.indexOf(false)]).toEqual([q, true]);
      if (!q.match(/[a-z]/i)) expect([q, named.every(Boolean)]).toEqual([q, true]);
      expect(hits.find((d) => d.name === '心血管内科')!.match).toEqual({ by: 'alias', text: '心内科' });
    }
    const digestive = await search('消化科');
    expect(digestive.map((d) => d.name)).toContain('消化内科');
    // A department named 消化科 itself (none in this seed, perhaps) is found by its name.
    for (const own of digestive.filter((d) => d.name === '消化科')) expect(own.match).toEqual({ by: 'name' });
    expect(digestive.find((d) => d.name === '消化内科')!.match).toEqual({ by: 'alias', text: '消化科' });
    const women = await search('妇科');
    expect(women.map((d) => d.name)).toEqual(expect.arrayContaining(['妇科', '妇产科']));
    expect(women.find((d) => d.name === '妇产科')!.match).toEqual({ by: 'alias', text: '妇科' });
    expect((await search('sjnk'))[0]).toMatchObject({ name: '神经内科', match: { by: 'pinyin' } });
    expect((await search('神内')).map((d) => d.name)).toContain('神经内科');
    expect((await search('耳鼻喉科')).map((d) => d.name)).toContain('耳鼻咽喉科');
    expect((await search('泌尿科')).map((d) => d.name)).toContain('泌尿外科');
    // An alias never reaches a department it does not name.
    expect((await search('心内科')).map((d) => d.name)).not.toContain('神经内科');
  });

  it('finds a doctor by name or its pinyin initials, with their department and hospital', async () => {
    // Initials no other doctor has: the doctor is the one exact match (shorter names' initials are common).
    const [doc] = await t.services.db.query<{ id: string; name: string; name_initials: string }>(
      `SELECT d.id, d.name, d.name_initials FROM doctor d WHERE d.title = '副主任医师'
        AND (SELECT COUNT(*) FROM doctor e WHERE e.name_initials = d.name_initials) = 1 ORDER BY d.id LIMIT 1`,
    );
    const byName = (await t.http.get(`/api/v1/search?q=${encodeURIComponent(doc!.name)}&limit=50`).expect(200)).body;
    expect(byName.doctors.find((d: { id: string }) => d.id === doc!.id)).toMatchObject({
      name: doc!.name,
      title: '副主任医师',
      specialty: expect.any(String),
      hospitalName: expect.any(String),
      departmentName: expect.any(String),
      match: { by: 'name' },
    });
    const initials = doc!.name_initials.split(' ')[0]!;
    const byInitials = (await t.http.get(`/api/v1/search?q=${initials}&limit=50`).expect(200)).body;
    expect(byInitials.doctors.find((d: { id: string }) => d.id === doc!.id)).toMatchObject({
      name: doc!.name,
      match: { by: 'pinyin' },
    });
    const bySpecialty = (await t.http.get(`/api/v1/search?q=${encodeURIComponent('冠心病')}`).expect(200)).body;
    expect(bySpecialty.doctors[0].match).toEqual({ by: 'specialty' });
  });

  it('handles polyphones: 重庆 is found by cq (and zq), 长安 by ca', async () => {
    const now = t.clock.now();
    const rows = ['北京重庆路医院', '长安街社区卫生服务中心'].map((name, i) => {
      const k = pinyinKeys(name, KEY_LIMITS.hospital);
      const where = { level: '2A', district: '西城区', address: '测试地址', intro: '' };
      return hospitalRow({
        id: newId(),
        code: `POLY${i}`,
        name,
        namePinyin: k.pinyin,
        nameInitials: k.initials,
        ...where,
        createdAt: now,
      });
    });
    await t.services.db.write((tx) => insertRows(tx, Hospital, rows));
    t.services.catalog.invalidate();
    const find = async (q: string) => names((await t.http.get(`/api/v1/search?q=${q}`).expect(200)).body.hospitals);
    expect(await find('bjcql')).toContain('北京重庆路医院');
    expect(await find('chongqing')).toContain('北京重庆路医院');
    expect(await find('bjzql')).toContain('北京重庆路医院');
    expect(await find('cajsq')).toContain('长安街社区卫生服务中心');
    expect(await find('changan')).toContain('长安街社区卫生服务中心');
  });

  it('answers hostile or malformed input with clean 200s or 4xx, never a 500', async () => {
    for (const q of ["' OR 1=1 --", '"; DROP TABLE hospital; --', '%', '_', '\\', '%%%', '<script>alert(1)</script>']) {
      const list = await t.http.get(`/api/v1/hospitals?q=${encodeURIComponent(q)}`).expect(200);
      expect(list.body.total).toBe(0);
      const s = await t.http.get(`/api/v1/search?q=${encodeURIComponent(q)}`).expect(200);
      expect(s.body).toEqual({ hospitals: [], departments: [], doctors: [] });
    }
    await t.http
      .get(`/api/v1/hospitals?district=${encodeURIComponent("东城区' OR '1'='1")}`)
      .expect(200, { items: [], page: 1, pageSize: 20, total: 0 });
    for (const bad of ['level=5A', 'pageSize=500', 'page=0', 'page=abc', `q=${'x'.repeat(51)}`]) {
      const r = await t.http.get(`/api/v1/hospitals?${bad}`).expect(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await t.http.get('/api/v1/search?q=').expect(400)).body.error.message).toBe('请输入搜索内容');
    await t.http.get('/api/v1/search').expect(400);
    const unknown = await t.http.get('/api/v1/hospitals/00000000-0000-7000-8000-000000000000').expect(404);
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: '医院不存在' });
    await t.http.get(`/api/v1/hospitals/${encodeURIComponent("1' OR '1'='1")}`).expect(400);
    expect(await t.services.db.query('SELECT COUNT(*) AS n FROM hospital')).toEqual([{ n: expect.anything() }]);
  });
});
