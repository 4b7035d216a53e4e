import type { OutboxRow, OutboxTopic } from '../../src/db/entities/index.js';
import { AccountIdentity, Patient } from '../../src/db/entities/index.js';
import { insertRows } from '../../src/db/sql/table.js';
import { newId } from '../../src/shared/ids.js';
import type { TestApp } from '../support/app.js';
import type { Clinic, PatientFixture } from '../support/fixtures.js';
import { makePhone } from '../support/identity.js';

/** A patient whose phone is really encrypted with this app's key (the fixtures store a placeholder). */
export async function withPhone(t: TestApp, p: PatientFixture): Promise<string> {
  const phone = makePhone();
  const phoneEnc = t.services.identity.pii.encrypt('phone', phone);
  await t.services.db.write((tx) => tx.getRepository(Patient).update({ id: p.patientId }, { phoneEnc }));
  return phone;
}

/** Gives the account a WeChat identity (as a weapp login would); returns its openid. */
export async function withWechat(t: TestApp, p: PatientFixture): Promise<string> {
  const openId = `o${newId().replaceAll('-', '').slice(0, 27)}`;
  await t.services.db.write((tx) =>
    insertRows(tx, AccountIdentity, [
      { id: newId(), accountId: p.accountId, platform: 'weapp', openId, unionId: null, createdAt: t.clock.now() },
    ]),
  );
  return openId;
}

/** An outbox event as the booking core writes it (its id is a fresh order-event id). */
export function outboxEvent(
  clinic: Clinic,
  orderId: string,
  topic: OutboxTopic,
  detail: string | null,
  at: number,
): OutboxRow {
  return { id: newId(), hospitalId: clinic.hospitalId, orderId, topic, detail, at };
}

/** What the relay does with a batch: the consumer's work inside one transaction. */
export async function relay(t: TestApp, events: OutboxRow[]): Promise<void> {
  await t.services.db.write((tx) => t.services.notices.consumer.consume(tx, events, t.clock.now()));
}

export async function notificationsOf(t: TestApp, phone: string): Promise<{ kind: string; channel: string }[]> {
  const r = await t.http.get(`/sandbox/notifications?phone=${phone}`).expect(200);
  return r.body.items;
}

export const smsTo = (t: TestApp, phone: string) => t.sandbox!.outbox.filter((m) => m.phone === phone);

export async function armSmsFault(t: TestApp, phone: string, times: number, code = 'isp.SYSTEM_ERROR') {
  const r = await fetch(`${t.sandbox!.url}/aliyun-sms/sandbox/faults`, {
    method: 'POST',
    body: JSON.stringify({ phone, times, code }),
  });
  if (!r.ok) throw new Error(`fault not armed: ${r.status}`);
}

export async function wechatSandbox(t: TestApp, name: string, body: object): Promise<void> {
  const r = await fetch(`${t.sandbox!.url}/wechat/sandbox/${name}`, { method: 'POST', body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`wechat sandbox ${name}: ${r.status}`);
}

export async function wechatMessages(t: TestApp, openId: string): Promise<{ templateId: string }[]> {
  const r = await fetch(`${t.sandbox!.url}/wechat/sandbox/messages?openid=${openId}`);
  return ((await r.json()) as { items: { templateId: string }[] }).items;
}
