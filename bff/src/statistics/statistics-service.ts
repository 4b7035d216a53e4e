import type { Statistics, StatisticsQuery } from '@cityhealth/shared-types';
import type { Database } from '../db/database.js';
import { type AvailabilityFigures, availabilityFigures } from '../ops/availability/availability-figures.js';
import type { Clock } from '../shared/clock.js';
import { iso } from '../shared/time.js';
import { bookingFigures } from './booking-figures.js';
import { namesOf } from './names.js';
import { attendanceFigures, blacklistFigures, cancellationFigures } from './outcome-figures.js';
import { reconciliationMonth, type ReconciliationMonthRow } from './reconciliation-month.js';
import { dateRange, monthRange } from './range.js';
import { sellOutFigures } from './sell-out.js';

/** What a monthly report shows: the month's statistics and its reconciliation outcomes. */
export interface MonthlyReportData {
  month: string;
  /** The hospital the report is for, or null for the whole city. */
  hospital: { id: string; name: string } | null;
  statistics: Statistics;
  reconciliation: ReconciliationMonthRow[];
  /** The whole platform's availability and server errors (one platform serves every hospital). */
  availability: AvailabilityFigures;
}

/** The commission's statistics: aggregate figures only, never a person's data. */
export class StatisticsService {
  constructor(private readonly o: { db: Database; clock: Clock; blacklistDays: number }) {}

  async figures(q: StatisticsQuery): Promise<Statistics> {
    const { db, clock } = this.o;
    const now = clock.now();
    const range = dateRange(q.from, q.to);
    const filter = { hospitalId: q.hospitalId, departmentId: q.departmentId, channel: q.channel, edition: q.edition };
    const [bookings, cancellations, attendance, blacklist, sellOut] = await Promise.all([
      bookingFigures(db, range, filter, q.top),
      cancellationFigures(db, range, filter),
      attendanceFigures(db, range, filter),
      blacklistFigures(db, range, now, this.o.blacklistDays),
      sellOutFigures(db, range, { hospitalId: q.hospitalId, departmentId: q.departmentId }, now),
    ]);
    return {
      from: q.from,
      to: q.to,
      days: range.days.length,
      filters: {
        hospitalId: q.hospitalId ?? null,
        departmentId: q.departmentId ?? null,
        channel: q.channel ?? null,
        edition: q.edition ?? null,
      },
      generatedAt: iso(now),
      ...bookings,
      cancellations,
      attendance,
      blacklist,
      sellOut,
    };
  }

  async monthly(month: string, hospitalId: string | undefined): Promise<MonthlyReportData> {
    const range = monthRange(month);
    const [statistics, reconciliation, names, availability] = await Promise.all([
      this.figures({ from: range.from, to: range.to, hospitalId, top: 20 }),
      reconciliationMonth(this.o.db, range, hospitalId),
      hospitalId ? namesOf(this.o.db, 'hospital', [hospitalId]) : Promise.resolve(new Map<string, string>()),
      availabilityFigures(this.o.db, range, this.o.clock.now()),
    ]);
    const hospital = hospitalId ? { id: hospitalId, name: names.get(hospitalId) ?? hospitalId } : null;
    return { month, hospital, statistics, reconciliation, availability };
  }
}
