import {
  EDITION_LABELS,
  EDITIONS,
  ORDER_CHANNEL_LABELS,
  ORDER_CHANNELS,
  UNKNOWN_ORIGIN,
  UNKNOWN_ORIGIN_LABEL,
  type ChannelKey,
  type EditionKey,
  type Statistics,
} from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { fenToYuan } from '../pay/money.js';
import { namesOf, named } from './names.js';
import { andAll, num, orderConditions, type OrderFilter } from './order-filter.js';
import { dateOfDayNumber, shanghaiDayNumberSql, type DateRange } from './range.js';

type BookingFigures = Pick<Statistics, 'totals' | 'byDay' | 'byHospital' | 'byDepartment' | 'byChannel' | 'byEdition'>;

const CHANNEL_KEYS: readonly ChannelKey[] = [...ORDER_CHANNELS, UNKNOWN_ORIGIN];
const EDITION_KEYS: readonly EditionKey[] = [...EDITIONS, UNKNOWN_ORIGIN];

const money = (bookings: unknown, fen: unknown) => ({
  bookings: num(bookings),
  feeFen: num(fen),
  feeYuan: fenToYuan(num(fen)),
});

/**
 * Bookings made within the range, each grouped in SQL (never a booking in memory): per Shanghai
 * day, hospital, department (the top ones) and origin. A booking is found by its creation event
 * (the one from no status) over ix_order_event_to_status_at: booking_order carries no index on its
 * creation time, which every booking of a release storm would pay for.
 */
export async function bookingFigures(
  db: Database,
  range: DateRange,
  filter: OrderFilter,
  top: number,
): Promise<BookingFigures> {
  const f = orderConditions(filter);
  const from = `order_event e JOIN booking_order o ON o.id = e.order_id`;
  const created = `e.to_status IN ('pending', 'booked') AND e.from_status IS NULL`;
  const where = `${created} AND e.at >= ? AND e.at < ?${andAll(f.sql)}`;
  const params = [range.startMs, range.endMs, ...f.params];
  const day = shanghaiDayNumberSql(db.dialect, 'e.at');

  const [days, hospitals, departments, origins] = await Promise.all([
    db.query<{ day: unknown; n: unknown; fen: unknown }>(
      `SELECT ${day} AS day, COUNT(*) AS n, SUM(o.fee_fen) AS fen FROM ${from} WHERE ${where} GROUP BY ${day}`,
      params,
    ),
    db.query<{ hospital_id: string; n: unknown; fen: unknown }>(
      `SELECT o.hospital_id, COUNT(*) AS n, SUM(o.fee_fen) AS fen FROM ${from} WHERE ${where}
        GROUP BY o.hospital_id ORDER BY n DESC, o.hospital_id`,
      params,
    ),
    db.query<{ department_id: string; hospital_id: string; n: unknown; fen: unknown }>(
      `SELECT o.department_id, o.hospital_id, COUNT(*) AS n, SUM(o.fee_fen) AS fen FROM ${from}
        WHERE ${where} GROUP BY o.department_id, o.hospital_id ORDER BY n DESC, o.department_id
        LIMIT ${Math.trunc(top)}`,
      params,
    ),
    db.query<{ channel: string | null; edition: string | null; n: unknown }>(
      `SELECT o.channel, o.edition, COUNT(*) AS n FROM ${from} WHERE ${where} GROUP BY o.channel, o.edition`,
      params,
    ),
  ]);

  const perDay = new Map(days.map((d) => [dateOfDayNumber(num(d.day)), d]));
  const byDay = range.days.map((date) => ({ date, ...money(perDay.get(date)?.n, perDay.get(date)?.fen) }));
  const totals = money(
    byDay.reduce((s, d) => s + d.bookings, 0),
    byDay.reduce((s, d) => s + d.feeFen, 0),
  );

  const hospitalNames = await namesOf(db, 'hospital', [
    ...hospitals.map((h) => h.hospital_id),
    ...departments.map((d) => d.hospital_id),
  ]);
  const departmentNames = await namesOf(
    db,
    'department',
    departments.map((d) => d.department_id),
  );

  const channelCounts = new Map<ChannelKey, number>();
  const editionCounts = new Map<EditionKey, number>();
  for (const o of origins) {
    const channel = (o.channel ?? UNKNOWN_ORIGIN) as ChannelKey;
    const edition = (o.edition ?? UNKNOWN_ORIGIN) as EditionKey;
    channelCounts.set(channel, (channelCounts.get(channel) ?? 0) + num(o.n));
    editionCounts.set(edition, (editionCounts.get(edition) ?? 0) + num(o.n));
  }

  return {
    totals,
    byDay,
    byHospital: hospitals.map((h) => ({ hospital: named(hospitalNames, h.hospital_id), ...money(h.n, h.fen) })),
    byDepartment: departments.map((d) => ({
      department: named(departmentNames, d.department_id),
      hospital: named(hospitalNames, d.hospital_id),
      ...money(d.n, d.fen),
    })),
    byChannel: CHANNEL_KEYS.map((channel) => ({
      channel,
      label: channel === UNKNOWN_ORIGIN ? UNKNOWN_ORIGIN_LABEL : ORDER_CHANNEL_LABELS[channel],
      bookings: channelCounts.get(channel) ?? 0,
    })),
    byEdition: EDITION_KEYS.map((edition) => ({
      edition,
      label: edition === UNKNOWN_ORIGIN ? UNKNOWN_ORIGIN_LABEL : EDITION_LABELS[edition],
      bookings: editionCounts.get(edition) ?? 0,
    })),
  };
}
