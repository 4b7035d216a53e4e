import type { AuditEntry, AuditSearchQuery, Page } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { placeholders } from '../db/sql/execute.js';
import { maskIdNumber, maskPhone } from '../identity/pii.js';
import { addDays, iso } from '../shared/time.js';
import { actorNames } from './display-names.js';

const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Any ID number or phone a detail might carry, masked (details are written by code, but never trust one). */
const maskText = (text: string): string =>
  text.replace(ID_NUMBER, (id) => maskIdNumber(id)).replace(PHONE, (phone) => maskPhone(phone));

function maskValue(value: unknown): unknown {
  if (typeof value === 'string') return maskText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
  return value;
}

function detailOf(stored: string | null): Record<string, unknown> | null {
  if (stored === null) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return maskValue(parsed) as Record<string, unknown>;
    return { value: maskValue(parsed) };
  } catch {
    // cut at the trail's 1000 characters: shown as the text it is
    return { text: maskText(stored) };
  }
}

/** `10.1.2.3` → `10.1.2.*`; an IPv6 address keeps its first three groups. */
export function maskIp(ip: string | null): string | null {
  if (!ip) return ip;
  const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.*`;
  return `${ip.split(':').slice(0, 3).join(':')}:*`;
}

/** `LIKE` with `!` as the escape character, the same on both databases. */
const likePrefix = (prefix: string) => `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
const beijingMidnight = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

type Row = {
  id: string;
  at: unknown;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  detail: string | null;
};

/** The audit trail as the console searches it: newest first, actors named, nothing personal in plain text. */
export class AuditSearch {
  constructor(private readonly db: Database) {}

  async search(q: AuditSearchQuery): Promise<Page<AuditEntry>> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, ...v: unknown[]) => {
      where.push(sql);
      values.push(...v);
    };
    const empty = { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
    if (q.staff !== undefined) {
      const staff = await this.db.query<{ id: string }>('SELECT id FROM staff_account WHERE username = ? OR name = ?', [
        q.staff,
        q.staff,
      ]);
      if (!staff.length) return empty;
      add(`actor_type = 'staff' AND actor_id IN (${placeholders(staff.length)})`, ...staff.map((s) => s.id));
    }
    if (q.actorType !== undefined) add('actor_type = ?', q.actorType);
    if (q.actorId !== undefined) add('actor_id = ?', q.actorId);
    if (q.action !== undefined) {
      const prefix = q.action.endsWith('*') ? q.action.slice(0, -1) : q.action.endsWith('.') ? q.action : null;
      if (prefix === null) add('action = ?', q.action);
      else if (prefix) add("action LIKE ? ESCAPE '!'", likePrefix(prefix));
    }
    if (q.targetType !== undefined) add('target_type = ?', q.targetType);
    if (q.targetId !== undefined) add('target_id = ?', q.targetId);
    if (q.from !== undefined) add('at >= ?', beijingMidnight(q.from));
    if (q.to !== undefined) add('at < ?', beijingMidnight(addDays(q.to, 1)));
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';

    const [{ n }] = (await this.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_event ${filter}`, values)) as [
      { n: number },
    ];
    const rows = await this.db.query<Row>(
      `SELECT id, at, actor_type, actor_id, action, target_type, target_id, ip, detail FROM audit_event ${filter}
        ORDER BY at DESC, id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      values,
    );
    const nameOf = await actorNames(
      this.db,
      rows.map((r) => ({ type: r.actor_type, id: r.actor_id })),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: iso(Number(r.at)),
        actor: { type: r.actor_type, id: r.actor_id, name: nameOf({ type: r.actor_type, id: r.actor_id }) },
        action: r.action,
        target: { type: r.target_type, id: r.target_id },
        ip: maskIp(r.ip),
        detail: detailOf(r.detail),
      })),
      page: q.page,
      pageSize: q.pageSize,
      total: Number(n),
    };
  }
}
