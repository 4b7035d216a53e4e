import { databaseKinds } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createClinic, createPatients, createSession, type Clinic, type PatientFixture } from '../support/fixtures.js';
import { auth } from '../support/identity.js';
import { AliyunSmsSender } from '../../src/identity/sms/aliyun-sms.js';
import { createNotifications } from '../../src/notify/notifications.js';
import { createLogger } from '../../src/shared/logger.js';
import {
  armSmsFault,
  notificationsOf,
  outboxEvent,
  relay,
  smsTo,
  wechatMessages,
  wechatSandbox,
  withPhone,
  withWechat,
} from './notice-support.js';
import { bookThroughApi } from '../support/booking.js';

describe.each(databaseKinds())('patient notices on %s', (kind) => {
  let t: TestApp;
  let online: Clinic;
  let atDesk: Clinic;

  beforeAll(async () => {
    t = await startTestApp(kind);
    online = await createClinic(t.services.db, { now: t.clock.now(), onlinePayment: true });
    atDesk = await createClinic(t.services.db, { now: t.clock.now() });
  });
  afterAll(async () => t.close());

  const send = () => t.services.notices.sender.runOnce();

  async function patientWithOrder(clinic: Clinic): Promise<{ p: PatientFixture; phone: string; orderId: string }> {
    const [p] = (await createPatients(t.services.db, 1, { now: t.clock.now() })) as [PatientFixture];
    const phone = await withPhone(t, p);
    const s = await createSession(t.services.db, clinic, { now: t.clock.now(), capacity: 5 });
    return { p, phone, orderId: await bookThroughApi(t, p, s.id) };
  }

  it('gives each booking event its message, by SMS, newest first, none for attendance', async () => {
    const { phone, orderId } = await patientWithOrder(online);
    const events: [Parameters<typeof outboxEvent>[2], string | null, string][] = [
      ['booking.created', 'patient', 'booked-unpaid'],
      ['payment.succeeded', null, 'paid'],
      ['booking.cancelled', 'patient', 'cancelled'],
      ['booking.cancelled', 'stop-clinic: 专家临时出差', 'stop-clinic'],
      ['booking.cancelled', 'payment-timeout', 'expired'],
      ['refund.succeeded', null, 'refunded'],
      ['attendance.recorded', 'arrived', 'none'],
    ];
    for (const [topic, detail] of events) {
      t.clock.advance(1000);
      await relay(t, [outboxEvent(online, orderId, topic, detail, t.clock.now())]);
      await send();
    }
    const got = await notificationsOf(t, phone);
    expect(got.map((n) => n.kind)).toEqual(
      events
        .map(([, , k]) => k)
        .filter((k) => k !== 'none')
        .reverse(),
    );
    expect(got.every((n) => n.channel === 'sms')).toBe(true);
    const texts = smsTo(t, phone).map((m) => m.content);
    expect(texts).toHaveLength(6);
    expect(texts.find((c) => c.includes('停诊'))).toContain('专家临时出差');
    expect(texts.find((c) => c.includes('请于'))).toMatch(/请于\d{4}-\d\d-\d\d \d\d:\d\d前完成支付/);
    expect(texts.find((c) => c.includes('退回'))).toContain('5.00元');

    const free = await patientWithOrder(atDesk);
    await relay(t, [outboxEvent(atDesk, free.orderId, 'booking.created', 'patient', t.clock.now())]);
    await send();
    expect((await notificationsOf(t, free.phone)).map((n) => n.kind)).toEqual(['booked']);
  });

  it('retries a channel that fails, and sends the notice once in the end', async () => {
    const { phone, orderId } = await patientWithOrder(atDesk);
    await armSmsFault(t, phone, 3);
    await relay(t, [outboxEvent(atDesk, orderId, 'booking.created', 'patient', t.clock.now())]);
    for (let i = 0; i < 3; i++) {
      expect(await send()).toMatchObject({ retried: 1 });
      expect(await send()).toMatchObject({ retried: 0 }); // waiting out its back-off
      expect(smsTo(t, phone)).toHaveLength(0);
      t.clock.advance(60_000 * 2 ** i);
    }
    await send();
    await send();
    expect(smsTo(t, phone)).toHaveLength(1);
    const [row] = await t.services.db.query<{ attempts: number; status: string }>(
      'SELECT attempts, status FROM notice WHERE order_id = ?',
      [orderId],
    );
    expect({ attempts: Number(row!.attempts), status: row!.status }).toEqual({ attempts: 4, status: 'sent' });
  });

  it('sends once when the relay hands the same events over again, with two senders at work', async () => {
    const { phone, orderId } = await patientWithOrder(atDesk);
    const events = [
      outboxEvent(atDesk, orderId, 'booking.created', 'patient', t.clock.now()),
      outboxEvent(atDesk, orderId, 'booking.cancelled', 'patient', t.clock.now()),
    ];
    await relay(t, events);
    await relay(t, events);
    // Another process's sender at the same time: each notice is claimed by one of them.
    const other = createNotifications({
      db: t.services.db,
      config: t.config,
      clock: t.clock,
      logger: createLogger('silent'),
      pii: t.services.identity.pii,
    });
    await Promise.all([send(), other.sender.runOnce(), send()]);
    await relay(t, events);
    await send();
    expect(smsTo(t, phone)).toHaveLength(2);
    expect(await notificationsOf(t, phone)).toHaveLength(2);
  });

  it('lets the SMS gateway drop a repeated OutId (a send whose answer was lost)', async () => {
    const { phone } = await patientWithOrder(atDesk);
    const sms = new AliyunSmsSender({
      endpoint: t.config.endpoints.smsEndpoint,
      ...t.config.providers.sms,
      logger: createLogger('silent'),
    });
    const template = t.config.notices.smsTemplates.booked;
    const message = {
      phone,
      templateCode: template.code,
      params: { hospital: '测试医院', department: '内科', visit: '2026-12-03 08:00' },
      outId: 'notice-1',
    };
    const first = await sms.sendTemplate(message);
    expect(await sms.sendTemplate(message)).toEqual(first);
    expect(smsTo(t, phone)).toHaveLength(1);
    await expect(sms.sendTemplate({ ...message, templateCode: 'SMS_404', outId: 'n2' })).rejects.toMatchObject({
      code: 'isv.SMS_TEMPLATE_ILLEGAL',
      retryable: false,
    });
    await expect(sms.sendTemplate({ ...message, params: { hospital: 'x' }, outId: 'n3' })).rejects.toMatchObject({
      code: 'isv.TEMPLATE_MISSING_PARAMETERS',
    });
  });

  it('sends a WeChat subscription message only with a consent credit, else SMS', async () => {
    const { p, phone, orderId } = await patientWithOrder(atDesk);
    const openId = await withWechat(t, p);
    const event = (topic: Parameters<typeof outboxEvent>[2], detail: string | null = null) =>
      outboxEvent(atDesk, orderId, topic, detail, t.clock.now());

    await relay(t, [event('booking.created', 'patient')]);
    await send();
    expect((await notificationsOf(t, phone))[0]).toMatchObject({ kind: 'booked', channel: 'sms' });

    const templates = await t.http.get('/api/v1/notice-templates').expect(200);
    const { token } = await t.services.tokens.issue(p.accountId);
    const r = await t.http
      .post('/api/v1/me/subscriptions')
      .set(auth(token))
      .send({ templateIds: [...templates.body.weapp, 'not-ours'] })
      .expect(200);
    expect(r.body.accepted).toEqual(templates.body.weapp);

    t.clock.advance(1000);
    await relay(t, [event('booking.cancelled', 'patient')]);
    await send();
    expect((await notificationsOf(t, phone))[0]).toMatchObject({ kind: 'cancelled', channel: 'wechat' });
    const change = t.config.notices.wechatTemplates.change;
    expect((await wechatMessages(t, openId)).map((m) => m.templateId)).toEqual([change]);

    // The credit is used up: the next message of that template goes by SMS.
    t.clock.advance(1000);
    await relay(t, [event('refund.succeeded')]);
    await send();
    expect((await notificationsOf(t, phone))[0]).toMatchObject({ kind: 'refunded', channel: 'sms' });
    expect(await wechatMessages(t, openId)).toHaveLength(1);
  });

  it('falls back to SMS when WeChat refuses for want of a subscription, and retries its outages', async () => {
    const { p, phone, orderId } = await patientWithOrder(atDesk);
    const openId = await withWechat(t, p);
    const booking = t.config.notices.wechatTemplates.booking;
    // A credit only the BFF knows of (WeChat answers 43101).
    await t.services.db.query(
      'INSERT INTO notice_consent (id, account_id, template_id, credits, updated_at) VALUES (?, ?, ?, 2, 0)',
      [`c-${orderId.slice(0, 30)}`, p.accountId, booking],
    );
    await relay(t, [outboxEvent(atDesk, orderId, 'booking.created', 'patient', t.clock.now())]);
    await send();
    expect((await notificationsOf(t, phone))[0]).toMatchObject({ kind: 'booked', channel: 'sms' });

    await wechatSandbox(t, 'subscriptions', { openid: openId, templateIds: [booking] });
    await wechatSandbox(t, 'faults', { errcode: -1, times: 2 });
    await wechatSandbox(t, 'expire-tokens', {});
    t.clock.advance(1000);
    await relay(t, [outboxEvent(atDesk, orderId, 'payment.succeeded', null, t.clock.now())]);
    expect(await send()).toMatchObject({ retried: 1 });
    t.clock.advance(60_000);
    expect(await send()).toMatchObject({ retried: 1 });
    t.clock.advance(60_000);
    expect(await send()).toMatchObject({ sent: 1 });
    expect((await notificationsOf(t, phone))[0]).toMatchObject({ kind: 'paid', channel: 'wechat' });
    expect(await wechatMessages(t, openId)).toHaveLength(1);
  });
});
