import type { BlacklistPerson, BlacklistPersonDetail, NoShow, Page } from '@cityhealth/shared-types';
import type { AuditLog } from '../audit/audit-log.js';
import type { BookingRules } from '../config/config.js';
import type { Database } from '../db/database.js';
import { execute, forUpdate, placeholders } from '../db/sql/execute.js';
import { maskName, type Pii } from '../identity/pii.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { DAY_MS, iso, isoOrNull } from '../shared/time.js';
import { actorNames } from './display-names.js';
import type { PhoneIndex } from './phone-index.js';
import type { Staff } from './staff.js';

/** How many people one search by name or phone lists at most. */
const SEARCH_LIMIT = 50;
const LIFT_ACTIONS = ['blacklist.lift', 'person.blacklist.lift'];

export type BlacklistSearch = { idNumber: string } | { phone: string } | { name: string };

interface PersonFacts {
  id: string;
  until: number | null;
  liftedAt: number | null;
  patients: { name: string; id_masked: string; phone_masked: string; live: number | null; created_at: number }[];
  noShows: { startsAt: number; markedAt: number }[];
}

/**
 * The no-show blacklist in the console: who is suspended, finding a person, the no-shows behind a
 * suspension, and lifting one (administrators, for a stated reason kept in the audit trail).
 */
export class Blacklist {
  constructor(
    private readonly d: {
      db: Database;
      pii: Pii;
      phones: PhoneIndex;
      audit: AuditLog;
      clock: Clock;
      rules: BookingRules;
    },
  ) {}

  /** The people suspended now, the latest suspension (the furthest end) first. */
  async suspended(page: number, pageSize: number): Promise<Page<BlacklistPerson>> {
    const now = this.d.clock.now();
    const [{ n }] = (await this.d.db.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM person WHERE blacklisted_until > ?',
      [now],
    )) as [{ n: number }];
    const rows = await this.d.db.query<{ id: string }>(
      `SELECT id FROM person WHERE blacklisted_until > ? ORDER BY blacklisted_until DESC, id DESC
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [now],
    );
    return { items: await this.summaries(rows.map((r) => r.id)), page, pageSize, total: Number(n) };
  }

  /** Finds people by full ID number or phone (blind indexes) or by name (exact); the search is audited. */
  async search(by: BlacklistSearch, staff: Staff, ip: string): Promise<BlacklistPerson[]> {
    const ids = await this.find(by);
    await this.d.audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'blacklist.search',
      ip,
      detail: { by: Object.keys(by)[0], found: ids.length },
    });
    return this.summaries(ids);
  }

  async person(personId: string): Promise<BlacklistPersonDetail> {
    const [summary] = await this.summaries([personId]);
    if (!summary) throw new AppError('BLACKLIST_PERSON_NOT_FOUND');
    return { ...summary, noShows: await this.noShows(personId), lastLift: await this.lastLift(personId) };
  }

  /** Ends a person's suspension now: they can book again at once. */
  async lift(staff: Staff, personId: string, reason: string, ip: string): Promise<BlacklistPersonDetail> {
    const now = this.d.clock.now();
    await this.d.db.write(async (tx) => {
      const [row] = (await tx.query(
        `SELECT blacklisted_until FROM person WHERE id = ?${forUpdate(this.d.db.dialect)}`,
        [personId],
      )) as { blacklisted_until: unknown }[];
      if (!row) throw new AppError('BLACKLIST_PERSON_NOT_FOUND');
      const until = row.blacklisted_until === null ? null : Number(row.blacklisted_until);
      if (until === null || until <= now) throw new AppError('BLACKLIST_NOT_SUSPENDED');
      await execute(
        tx,
        'UPDATE person SET blacklisted_until = NULL, blacklist_lifted_at = ?, updated_at = ? WHERE id = ?',
        [now, now, personId],
      );
      await this.d.audit.record(
        {
          actorType: 'staff',
          actorId: staff.id,
          action: 'blacklist.lift',
          targetType: 'person',
          targetId: personId,
          ip,
          detail: { reason, suspendedUntil: iso(until) },
        },
        tx,
      );
    });
    return this.person(personId);
  }

  private async find(by: BlacklistSearch): Promise<string[]> {
    if ('idNumber' in by) {
      const rows = await this.d.db.query<{ id: string }>(
        'SELECT id FROM person WHERE id_hash IN (?, ?)',
        this.d.pii.indexes('id-number', by.idNumber),
      );
      return rows.map((r) => r.id);
    }
    if ('phone' in by) await this.d.phones.ready();
    const [column, values] = 'phone' in by ? ['phone_hash', this.d.phones.hashesOf(by.phone)] : ['name', [by.name]];
    const rows = await this.d.db.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM patient WHERE ${column} IN (${values.map(() => '?')})
        ORDER BY person_id LIMIT ${SEARCH_LIMIT}`,
      values,
    );
    return rows.map((r) => r.person_id);
  }

  /** The people of `ids` (in that order), each as their latest patient record shows them, masked. */
  private async summaries(ids: string[]): Promise<BlacklistPerson[]> {
    if (!ids.length) return [];
    const facts = await this.facts(ids);
    const now = this.d.clock.now();
    return ids.flatMap((id) => {
      const f = facts.get(id);
      if (!f) return [];
      const shown = f.patients.find((p) => p.live === 1) ?? f.patients[0];
      return [
        {
          personId: id,
          nameMasked: shown ? maskName(shown.name) : '',
          idMasked: shown?.id_masked ?? '',
          phoneMasked: shown?.phone_masked ?? '',
          patientCount: f.patients.length,
          suspended: f.until !== null && f.until > now,
          blacklistedUntil: f.until !== null && f.until > now ? isoOrNull(f.until) : null,
          recentNoShows: f.noShows.filter((n) => this.counts(n, f, now)).length,
        },
      ];
    });
  }

  private async facts(ids: string[]): Promise<Map<string, PersonFacts>> {
    const list = placeholders(ids.length);
    const people = await this.d.db.query<{ id: string; blacklisted_until: unknown; blacklist_lifted_at: unknown }>(
      `SELECT id, blacklisted_until, blacklist_lifted_at FROM person WHERE id IN (${list})`,
      ids,
    );
    const facts = new Map<string, PersonFacts>(
      people.map((p) => [
        p.id,
        {
          id: p.id,
          until: p.blacklisted_until === null ? null : Number(p.blacklisted_until),
          liftedAt: p.blacklist_lifted_at === null ? null : Number(p.blacklist_lifted_at),
          patients: [],
          noShows: [],
        },
      ]),
    );
    const patients = await this.d.db.query<PersonFacts['patients'][number] & { person_id: string }>(
      `SELECT person_id, name, id_masked, phone_masked, live, created_at FROM patient WHERE person_id IN (${list})
        ORDER BY created_at DESC, id`,
      ids,
    );
    for (const p of patients)
      facts.get(p.person_id)?.patients.push({ ...p, live: p.live === null ? null : Number(p.live) });
    const noShows = await this.d.db.query<{ person_id: string; starts_at: unknown; marked_at: unknown }>(
      `SELECT o.person_id, o.starts_at, MAX(e.at) AS marked_at FROM booking_order o
        LEFT JOIN order_event e ON e.order_id = o.id AND e.to_status = 'noshow'
        WHERE o.person_id IN (${list}) AND o.status = 'noshow' GROUP BY o.id, o.person_id, o.starts_at`,
      ids,
    );
    for (const o of noShows)
      facts.get(o.person_id)?.noShows.push({ startsAt: Number(o.starts_at), markedAt: Number(o.marked_at ?? 0) });
    return facts;
  }

  /**
   * Whether a no-show counts: a visit in the window behind the current suspension (before it
   * began) or, without one, in the window that would lead to one now; and marked after the last
   * lifting, which forgives the ones before it.
   */
  private counts(
    n: { startsAt: number; markedAt: number },
    person: { until: number | null; liftedAt: number | null },
    now: number,
  ): boolean {
    const { blacklistDays, noShowWindowDays } = this.d.rules;
    const suspended = person.until !== null && person.until > now;
    const from = (suspended ? person.until! - blacklistDays * DAY_MS : now) - noShowWindowDays * DAY_MS;
    return n.startsAt >= from && n.markedAt >= (person.liftedAt ?? 0);
  }

  private async noShows(personId: string): Promise<NoShow[]> {
    const rows = await this.d.db.query<{
      id: string;
      order_no: string;
      visit_date: string;
      period: NoShow['period'];
      starts_at: unknown;
      hospital_id: string;
      hospital_name: string;
      department_id: string;
      department_name: string;
      doctor_id: string | null;
      doctor_name: string | null;
    }>(
      `SELECT o.id, o.order_no, o.visit_date, o.period, o.starts_at, o.hospital_id, h.name AS hospital_name,
        o.department_id, d.name AS department_name, o.doctor_id, doc.name AS doctor_name
        FROM booking_order o JOIN hospital h ON h.id = o.hospital_id JOIN department d ON d.id = o.department_id
        LEFT JOIN doctor doc ON doc.id = o.doctor_id
        WHERE o.person_id = ? AND o.status = 'noshow' ORDER BY o.starts_at DESC, o.id LIMIT 200`,
      [personId],
    );
    const marked = new Map<string, number>();
    if (rows.length)
      for (const e of await this.d.db.query<{ order_id: string; at: unknown }>(
        `SELECT order_id, MAX(at) AS at FROM order_event WHERE to_status = 'noshow'
          AND order_id IN (${placeholders(rows.length)}) GROUP BY order_id`,
        rows.map((r) => r.id),
      ))
        marked.set(e.order_id, Number(e.at));
    const [person] = await this.d.db.query<{ blacklisted_until: unknown; blacklist_lifted_at: unknown }>(
      'SELECT blacklisted_until, blacklist_lifted_at FROM person WHERE id = ?',
      [personId],
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    const facts = { until: num(person?.blacklisted_until), liftedAt: num(person?.blacklist_lifted_at) };
    const now = this.d.clock.now();
    return rows.map((r) => ({
      orderId: r.id,
      orderNo: r.order_no,
      visitDate: r.visit_date,
      period: r.period,
      hospital: { id: r.hospital_id, name: r.hospital_name },
      department: { id: r.department_id, name: r.department_name },
      doctor: r.doctor_id ? { id: r.doctor_id, name: r.doctor_name ?? '' } : null,
      markedAt: isoOrNull(marked.get(r.id)),
      counts: this.counts({ startsAt: Number(r.starts_at), markedAt: marked.get(r.id) ?? 0 }, facts, now),
    }));
  }

  private async lastLift(personId: string): Promise<BlacklistPersonDetail['lastLift']> {
    const [row] = await this.d.db.query<{
      at: unknown;
      actor_type: string;
      actor_id: string | null;
      detail: string | null;
    }>(
      `SELECT at, actor_type, actor_id, detail FROM audit_event WHERE target_id = ? AND target_type = 'person'
        AND action IN (${placeholders(LIFT_ACTIONS.length)}) ORDER BY at DESC, id DESC LIMIT 1`,
      [personId, ...LIFT_ACTIONS],
    );
    if (!row) return null;
    const actor = { type: row.actor_type, id: row.actor_id };
    const nameOf = await actorNames(this.d.db, [actor]);
    let reason = '';
    try {
      reason = String((JSON.parse(row.detail ?? '{}') as { reason?: unknown }).reason ?? '');
    } catch {
      // a detail cut at its length limit: the reason is at its start, but not worth parsing by hand
    }
    return { at: iso(Number(row.at)), by: nameOf(actor), reason };
  }
}
