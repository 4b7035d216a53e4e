import { accountByPhoneHash } from '../../src/console/phone-caller-view.js';
import { Pii } from '../../src/identity/pii.js';
import { personFor } from '../../src/identity/person-index.js';
import { reencrypt } from '../../src/ops/reencrypt/reencrypt.js';
import { applyUpdates } from '../../src/ops/reencrypt/row-update.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { databaseKinds } from '../support/databases.js';
import { auth, latestSmsCode, loginAs, makeIdNumber, makePhone, patientBody } from '../support/identity.js';

const AGREED = { terms: '2026-12', privacy: '2026-12' };

class Stop extends Error {}

describe.each(databaseKinds())('re-encryption to the 国密 configuration on %s', (kind) => {
  let t: TestApp;
  let sm: Pii;
  let token: string;
  const phones: { phone: string; accountId: string }[] = [];
  const patients: { idNumber: string; phone: string; id: string; personId: string }[] = [];

  /** An SMS login through the running platform (PII_CIPHER=aes-gcm): which account the phone finds. */
  const smsLogin = async (phone: string): Promise<string> => {
    await t.http.post('/api/v1/auth/sms/send').send({ phone, purpose: 'login' }).expect(200);
    const code = await latestSmsCode(t, phone);
    const r = await t.http
      .post('/api/v1/auth/sms/login')
      .send({ phone, code, platform: 'weapp', agreements: AGREED })
      .expect(200);
    return r.body.account.id as string;
  };

  const rows = () =>
    t.services.db.query<{
      id: string;
      person_id: string;
      id_enc: string;
      id_hash: string;
      phone_enc: string;
      phone_hash: string;
    }>('SELECT id, person_id, id_enc, id_hash, phone_enc, phone_hash FROM patient');

  /** Every row readable and every lookup by blind index finding what it found before. */
  const expectAllFound = async () => {
    const pii = t.services.identity.pii;
    for (const p of phones) {
      expect((await accountByPhoneHash(t.services.db, pii.indexes('phone', p.phone)))?.id).toBe(p.accountId);
      await expect(
        t.services.identity.accounts.registerByPhone(p.phone, { type: 'staff', id: 'agent-1' }, '127.0.0.1'),
      ).rejects.toMatchObject({ code: 'PHONE_IN_USE' });
    }
    const stored = await rows();
    for (const p of patients) {
      const row = stored.find((r) => r.id === p.id)!;
      expect(pii.decrypt('id-number', row.id_enc)).toBe(p.idNumber);
      expect(sm.decrypt('phone', row.phone_enc)).toBe(p.phone);
      const again = await t.http.post('/api/v1/patients').set(auth(token)).send(patientBody(p));
      expect([again.status, again.body.error?.code]).toEqual([409, 'PATIENT_DUPLICATE']);
      for (const lookup of [pii, sm]) {
        const person = await t.services.db.write((tx) =>
          personFor(tx, t.services.db.dialect, lookup.indexes('id-number', p.idNumber), t.clock.now()),
        );
        expect(person).toBe(p.personId);
      }
      const byPhone = await t.services.db.query<{ id: string }>(
        'SELECT id FROM patient WHERE phone_hash IN (?, ?)',
        sm.indexes('phone', p.phone),
      );
      expect(byPhone.map((r) => r.id)).toContain(p.id);
    }
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    sm = new Pii(t.config.piiKey, 'sm4');
    for (let i = 0; i < 3; i++) {
      const phone = makePhone();
      phones.push({ phone, accountId: await smsLogin(phone) });
    }
    ({ token } = await loginAs(t, 'reencrypt-test'));
    for (const name of ['郑秀兰', '王建国', '李娜']) {
      const body = patientBody({ name, idNumber: makeIdNumber(), phone: makePhone(), relation: 'other' });
      const r = await t.http.post('/api/v1/patients').set(auth(token)).send(body).expect(201);
      const [row] = await t.services.db.query<{ person_id: string }>('SELECT person_id FROM patient WHERE id = ?', [
        r.body.id,
      ]);
      patients.push({ idNumber: body.idNumber, phone: body.phone, id: r.body.id, personId: row!.person_id });
    }
  });
  afterAll(async () => t.close());

  it('moves every row over in batches, lookups finding them throughout, and a rerun does nothing', async () => {
    expect((await rows()).every((r) => r.id_enc.startsWith('v1.'))).toBe(true);
    await expectAllFound();

    // stopped after its first batch of one row: some rows moved, most not
    await expect(
      reencrypt(t.services.db, sm, {
        batch: 1,
        onProgress: () => {
          throw new Stop();
        },
      }),
    ).rejects.toBeInstanceOf(Stop);
    const during = await t.services.db.query<{ phone_enc: string }>(
      'SELECT phone_enc FROM account WHERE phone_enc IS NOT NULL',
    );
    expect(during.filter((r) => r.phone_enc.startsWith('v2.')).length).toBe(1);
    await expectAllFound();

    const done = await reencrypt(t.services.db, sm, { batch: 2 });
    const total = (k: 'rewritten' | 'raced' | 'unreadable') => done.reduce((n, p) => n + p[k], 0);
    expect(total('raced')).toBe(0);
    expect(total('unreadable')).toBe(0);
    expect(done.find((p) => p.pass.startsWith('account'))!.rewritten).toBe(phones.length - 1);

    for (const r of await rows()) {
      expect(r.id_enc).toMatch(/^v2\./);
      expect(r.phone_enc).toMatch(/^v2\./);
      const p = patients.find((x) => x.id === r.id);
      if (!p) continue;
      expect(r.id_hash).toBe(sm.index('id-number', p.idNumber));
      expect(r.phone_hash).toBe(sm.index('phone', p.phone));
      const [person] = await t.services.db.query<{ id_hash: string }>('SELECT id_hash FROM person WHERE id = ?', [
        p.personId,
      ]);
      expect(person!.id_hash).toBe(sm.index('id-number', p.idNumber));
    }
    for (const p of phones) {
      const [a] = await t.services.db.query<{ phone_hash: string; phone_enc: string }>(
        'SELECT phone_hash, phone_enc FROM account WHERE id = ?',
        [p.accountId],
      );
      expect(a!.phone_enc).toMatch(/^v2\./);
      expect(a!.phone_hash).toBe(sm.index('phone', p.phone));
    }
    const [secret] = await t.services.db.query<{ secret_enc: string }>(
      'SELECT secret_enc FROM hospital_secret LIMIT 1',
    );
    if (secret) expect(secret.secret_enc).toMatch(/^v2\./);
    await expectAllFound();

    const rerun = await reencrypt(t.services.db, sm);
    expect(rerun.reduce((n, p) => n + p.rewritten + p.raced, 0)).toBe(0);
  });

  it('runs while patients change their phones: each row ends with its latest phone, indexed for it', async () => {
    const aes = t.services.identity.pii; // back from v2 to v1: the same job, the other way
    const latest = new Map(patients.map((p) => [p.id, p.phone]));
    const writes = (async () => {
      for (let round = 0; round < 4; round++)
        for (const p of patients) {
          const phone = makePhone();
          await t.http.patch(`/api/v1/patients/${p.id}`).set(auth(token)).send({ phone }).expect(200);
          latest.set(p.id, phone);
        }
    })();
    const first = await reencrypt(t.services.db, aes, { batch: 1 });
    await writes;
    await reencrypt(t.services.db, aes);
    for (const r of await rows()) {
      const phone = latest.get(r.id);
      if (!phone) continue;
      expect(aes.decrypt('phone', r.phone_enc)).toBe(phone);
      expect(r.phone_enc).toMatch(/^v1\./);
      expect(r.phone_hash).toBe(aes.index('phone', phone));
    }
    expect(first.every((p) => p.unreadable === 0)).toBe(true);
    const rerun = await reencrypt(t.services.db, aes);
    expect(rerun.reduce((n, p) => n + p.rewritten + p.raced, 0)).toBe(0);
  });

  it('leaves a row that changed since it was read to the concurrent write', async () => {
    const [row] = await t.services.db.query<{ id: string; phone_enc: string }>(
      'SELECT id, phone_enc FROM account WHERE phone_enc IS NOT NULL LIMIT 1',
    );
    const applied = await t.services.db.write((tx) =>
      applyUpdates(tx, [{ table: 'account', id: row!.id, set: { phone_enc: 'v2.x' }, was: { phone_enc: 'v1.stale' } }]),
    );
    expect(applied).toBe(false);
    const [after] = await t.services.db.query<{ phone_enc: string }>('SELECT phone_enc FROM account WHERE id = ?', [
      row!.id,
    ]);
    expect(after!.phone_enc).toBe(row!.phone_enc);
  });
});

describe.each(databaseKinds())('the 国密 configuration (PII_CIPHER=sm4) running on %s', (kind) => {
  let t: TestApp;
  let sm: Pii;
  let aes: Pii;
  beforeAll(async () => {
    t = await startTestApp(kind, { env: { PII_CIPHER: 'sm4' } });
    sm = t.services.identity.pii;
    aes = new Pii(t.config.piiKey, 'aes-gcm');
  });
  afterAll(async () => t.close());

  it('writes v2 and HMAC-SM3 indexes; a person indexed before the switch is joined, not made twice', async () => {
    expect(sm.cipher).toBe('sm4');
    const first = await loginAs(t, 'guomi-first');
    const body = patientBody({ name: '陈静', relation: 'other' });
    const made = await t.http.post('/api/v1/patients').set(auth(first.token)).send(body).expect(201);
    const [row] = await t.services.db.query<{ id_enc: string; id_hash: string; phone_hash: string; person_id: string }>(
      'SELECT id_enc, id_hash, phone_hash, person_id FROM patient WHERE id = ?',
      [made.body.id],
    );
    expect(row!.id_enc).toMatch(/^v2\./);
    expect(row!.id_hash).toBe(sm.index('id-number', body.idNumber));
    expect(row!.phone_hash).toBe(sm.index('phone', body.phone));

    // as if made before the switch: its person and patient under HMAC-SHA256
    const legacy = aes.index('id-number', body.idNumber);
    await t.services.db.write(async (tx) => {
      await tx.query('UPDATE person SET id_hash = ? WHERE id = ?', [legacy, row!.person_id]);
      await tx.query('UPDATE patient SET id_hash = ?, id_enc = ? WHERE id = ?', [
        legacy,
        aes.encrypt('id-number', body.idNumber),
        made.body.id,
      ]);
    });
    const again = await t.http.post('/api/v1/patients').set(auth(first.token)).send(body);
    expect([again.status, again.body.error?.code]).toEqual([409, 'PATIENT_DUPLICATE']);
    const second = await loginAs(t, 'guomi-second');
    const other = await t.http.post('/api/v1/patients').set(auth(second.token)).send(body).expect(201);
    const [joined] = await t.services.db.query<{ person_id: string; id_hash: string }>(
      'SELECT person_id, id_hash FROM patient WHERE id = ?',
      [other.body.id],
    );
    expect(joined).toEqual({ person_id: row!.person_id, id_hash: sm.index('id-number', body.idNumber) });

    // the person is re-indexed from its patients (the second one is current already)
    await reencrypt(t.services.db, sm);
    const [person] = await t.services.db.query<{ id_hash: string }>('SELECT id_hash FROM person WHERE id = ?', [
      row!.person_id,
    ]);
    expect(person!.id_hash).toBe(sm.index('id-number', body.idNumber));
  });
});
