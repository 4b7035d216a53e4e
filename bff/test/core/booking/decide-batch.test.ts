import type { BookingRules } from '../../../src/config/config.js';
import type {
  BatchFacts,
  BookRequest,
  LockedPatient,
  LockedSchedule,
  LockedWaitlistEntry,
} from '../../../src/core/booking/batch/batch-types.js';
import { idempotencyKeyOf } from '../../../src/core/booking/batch/batch-types.js';
import type { SlotRow } from '../../../src/core/booking/batch/claim-slots.js';
import { decideBatch, type Minting } from '../../../src/core/booking/batch/decide.js';
import type { PersonOrder } from '../../../src/core/booking/rules/index.js';
import { shanghaiInstant } from '../../../src/shared/time.js';

/* The decision step of a booking batch, without a database: facts in, outcomes and rows out. */

const NOW = shanghaiInstant('2026-12-01', '09:00');
const VISIT_DATE = '2026-12-03';
const MINUTE = 60_000;

const rules: BookingRules = {
  maxPerWindow: 3,
  windowDays: 8,
  paymentWindowMs: 15 * MINUTE,
  cancelDeadlineDaysBefore: 1,
  cancelDeadlineTime: '15:00',
  bookingClosesBeforeEndMs: 30 * MINUTE,
  noShowThreshold: 3,
  noShowWindowDays: 90,
  blacklistDays: 90,
  waitlistMaxPerPerson: 3,
  waitlistCloseDaysBefore: 1,
  waitlistCloseTime: '20:00',
  childMaxAge: 16,
};

function counterMinting(): Minting {
  let n = 0;
  return { id: () => `id-${++n}`, orderNo: () => `no-${n}` };
}

const visitStart = shanghaiInstant(VISIT_DATE, '08:00');

function session(id: string, o: Partial<LockedSchedule> = {}): LockedSchedule {
  return {
    id,
    hospital_id: 'h-free',
    department_id: 'dep-1',
    doctor_id: null,
    date: VISIT_DATE,
    period: 'morning',
    type: 'general',
    fee_fen: 0,
    status: 'open',
    release_at: NOW - MINUTE,
    closes_at: NOW + 2 * 86_400_000,
    capacity: 10,
    free_count: 10,
    next_seq: 1,
    waiting_count: 0,
    ...o,
  };
}

function slot(scheduleId: string, seq: number, o: Partial<SlotRow> = {}): SlotRow {
  const startsAt = visitStart + (seq - 1) * 10 * MINUTE;
  return {
    id: `${scheduleId}-slot-${seq}`,
    schedule_id: scheduleId,
    seq,
    starts_at: startsAt,
    ends_at: startsAt + 10 * MINUTE,
    status: 'free',
    ...o,
  };
}

function patient(n: number, o: Partial<LockedPatient> = {}): LockedPatient {
  return {
    id: `pat-${n}`,
    account_id: `acc-${n}`,
    person_id: `per-${n}`,
    name: `就诊人${n}`,
    id_masked: '1****1',
    verified_at: NOW - 86_400_000,
    live: 1,
    blacklisted_until: null,
    ...o,
  };
}

function facts(o: {
  schedules?: LockedSchedule[];
  slots?: SlotRow[];
  patients?: LockedPatient[];
  personOrders?: [string, PersonOrder[]][];
  busy?: string[];
  /** Places of the turns' waitlists; `waiting` counts the places waiting per session. */
  entries?: LockedWaitlistEntry[];
  waiting?: [string, number][];
}): BatchFacts {
  const schedules = o.schedules ?? [session('s1')];
  const slots = o.slots ?? [1, 2, 3].map((seq) => slot('s1', seq));
  const patients = o.patients ?? [1, 2, 3].map((n) => patient(n));
  const bySchedule = new Map<string, SlotRow[]>(
    schedules.map((s) => [s.id, slots.filter((x) => x.schedule_id === s.id)]),
  );
  const personOrders = new Map<string, PersonOrder[]>(patients.map((p) => [p.person_id, []]));
  for (const [person, orders] of o.personOrders ?? []) personOrders.set(person, orders);
  return {
    priorOrders: new Map(),
    patients: new Map(patients.map((p) => [p.id, p])),
    schedules: new Map(schedules.map((s) => [s.id, s])),
    names: {
      hospitals: new Map([
        ['h-free', { name: '免费医院', address: '一路1号', onlinePayment: false }],
        ['h-pay', { name: '收费医院', address: '二路2号', onlinePayment: true }],
      ]),
      departments: new Map([['dep-1', '心血管内科']]),
      doctors: new Map(),
      scheduleIds: new Set([...schedules.map((s) => s.id), ...(o.busy ?? [])]),
    },
    personOrders,
    slots: new Map(slots.map((s) => [s.id, s])),
    candidates: new Map([...bySchedule].map(([id, list]) => [id, list.filter((s) => s.status === 'free')])),
    aboveMark: bySchedule,
    waitlist: {
      entries: new Map((o.entries ?? []).map((e) => [e.id, e])),
      waiting: new Map(o.waiting ?? []),
    },
  };
}

let keys = 0;
function request(
  n: number,
  o: {
    scheduleId?: string;
    slotId?: string;
    key?: string;
    hash?: string;
    account?: string;
    turn?: { entryId: string; groupId: string };
  } = {},
): BookRequest {
  const scheduleId = o.slotId ? undefined : (o.scheduleId ?? 's1');
  return {
    cmd: {
      accountId: o.account ?? `acc-${n}`,
      patientId: `pat-${n}`,
      scheduleId,
      slotId: o.slotId,
      idempotencyKey: o.key ?? `key-${++keys}`,
      channel: 'h5',
      waitlist: o.turn,
    },
    requestHash: o.hash ?? 'hash-a',
  };
}

const codes = (d: ReturnType<typeof decideBatch>) =>
  d.outcomes.map((x) => (x.kind === 'refused' ? x.refusal.code : x.kind));

const liveOrder = (o: Partial<PersonOrder>): PersonOrder => ({
  id: 'old-1',
  accountId: 'acc-1',
  orderNo: '261130000000000001',
  departmentId: 'dep-9',
  visitDate: VISIT_DATE,
  period: 'afternoon',
  startsAt: visitStart + 12 * 3600_000,
  endsAt: visitStart + 12 * 3600_000 + 10 * MINUTE,
  live: true,
  status: 'booked',
  cancelReason: null,
  createdAt: NOW - 86_400_000,
  ...o,
});

describe('decideBatch', () => {
  it('hands out the session’s free slots in seq order, one per request, then refuses SLOT_GONE', () => {
    const f = facts({ slots: [slot('s1', 1), slot('s1', 2)] });
    const d = decideBatch([request(1), request(2), request(3)], f, rules, NOW, counterMinting());
    expect(codes(d)).toEqual(['created', 'created', 'SLOT_GONE']);
    expect(d.created.map((o) => o.slotId)).toEqual(['s1-slot-1', 's1-slot-2']);
    expect(d.slotEvents.map((e) => [e.slotId, e.action, e.orderId])).toEqual([
      ['s1-slot-1', 'booked', d.created[0]!.id],
      ['s1-slot-2', 'booked', d.created[1]!.id],
    ]);
  });

  it('moves the high-water mark over the slots taken, and stops at the first still free', () => {
    const d = decideBatch([request(1), request(2)], facts({}), rules, NOW, counterMinting());
    expect(d.nextSeq.get('s1')).toBe(3);
    const none = decideBatch([request(1, { slotId: 's1-slot-2' })], facts({}), rules, NOW, counterMinting());
    expect(none.nextSeq.has('s1')).toBe(false);
  });

  it('books a free session as booked and a paid one as pending with its payment deadline', () => {
    const f = facts({
      schedules: [
        session('s1'),
        session('s2', { hospital_id: 'h-pay', fee_fen: 1200, department_id: 'dep-1', period: 'afternoon' }),
      ],
      slots: [slot('s1', 1), slot('s2', 1)],
    });
    const d = decideBatch([request(1), request(2, { scheduleId: 's2' })], f, rules, NOW, counterMinting());
    const [free, paid] = d.created;
    expect(free).toMatchObject({
      status: 'booked',
      paymentStatus: 'not-required',
      payDeadline: null,
      hospitalName: '免费医院',
      departmentName: '心血管内科',
    });
    expect(paid).toMatchObject({
      status: 'pending',
      paymentStatus: 'unpaid',
      payDeadline: NOW + 15 * MINUTE,
      feeFen: 1200,
    });
    expect(paid!.cancelDeadline).toBe(shanghaiInstant('2026-12-02', '15:00'));
    expect(d.slotEvents.map((e) => e.action)).toEqual(['booked', 'held']);
    expect(paid!.history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'pending', actorType: 'patient', actorId: 'acc-2' }),
    ]);
  });

  it('replays a repeated idempotency key within the batch and refuses it with another body', () => {
    const d = decideBatch(
      [request(1, { key: 'k' }), request(1, { key: 'k' }), request(1, { key: 'k', hash: 'hash-b' })],
      facts({}),
      rules,
      NOW,
      counterMinting(),
    );
    expect(codes(d)).toEqual(['created', 'replay', 'IDEMPOTENCY_CONFLICT']);
    expect(d.outcomes[1]).toEqual({ kind: 'replay', orderId: d.created[0]!.id });
    expect(d.created).toHaveLength(1);
  });

  it('replays an order made earlier under the same key, and refuses the key with another body', () => {
    const f = facts({});
    f.priorOrders.set(idempotencyKeyOf('acc-1', 'k'), { id: 'order-before', requestHash: 'hash-a' });
    const d = decideBatch(
      [request(1, { key: 'k' }), request(1, { key: 'k', hash: 'hash-b' })],
      f,
      rules,
      NOW,
      counterMinting(),
    );
    expect(d.outcomes).toEqual([
      { kind: 'replay', orderId: 'order-before' },
      { kind: 'refused', refusal: { code: 'IDEMPOTENCY_CONFLICT' } },
    ]);
  });

  it('refuses another account’s patient, an unverified one and a suspended one', () => {
    const f = facts({
      patients: [patient(1), patient(2, { verified_at: null }), patient(3, { blacklisted_until: NOW + 86_400_000 })],
    });
    const d = decideBatch([request(1, { account: 'acc-x' }), request(2), request(3)], f, rules, NOW, counterMinting());
    expect(codes(d)).toEqual(['NOT_FOUND', 'REAL_NAME_REQUIRED', 'BLACKLISTED']);
    expect(d.created).toHaveLength(0);
  });

  it('sees earlier bookings of its batch: one person under two accounts gets one per department and session', () => {
    const f = facts({ patients: [patient(1), patient(2, { person_id: 'per-1' })] });
    const d = decideBatch([request(1), request(2)], f, rules, NOW, counterMinting());
    expect(codes(d)).toEqual(['created', 'DUPLICATE_DEPARTMENT_SESSION']);
  });

  it('counts the person’s earlier bookings toward the limit of the window', () => {
    const made = [1, 2, 3].map((n) =>
      liveOrder({
        id: `old-${n}`,
        live: false,
        status: 'cancelled',
        cancelReason: 'patient',
        departmentId: `dep-${n + 5}`,
      }),
    );
    const d = decideBatch([request(1)], facts({ personOrders: [['per-1', made]] }), rules, NOW, counterMinting());
    expect(codes(d)).toEqual(['BOOKING_LIMIT_REACHED']);
    const systemCancelled = made.map((o) => ({ ...o, cancelReason: 'payment-timeout' }));
    expect(
      codes(
        decideBatch([request(1)], facts({ personOrders: [['per-1', systemCancelled]] }), rules, NOW, counterMinting()),
      ),
    ).toEqual(['created']);
  });

  it('skips a slot overlapping a visit the person already holds, and refuses VISIT_OVERLAP when every one does', () => {
    const elsewhere = liveOrder({ startsAt: visitStart, endsAt: visitStart + 10 * MINUTE });
    const d = decideBatch(
      [request(1)],
      facts({ personOrders: [['per-1', [elsewhere]]] }),
      rules,
      NOW,
      counterMinting(),
    );
    expect(d.created[0]!.slotId).toBe('s1-slot-2');
    const all = liveOrder({ startsAt: visitStart, endsAt: visitStart + 60 * MINUTE });
    expect(
      codes(decideBatch([request(1)], facts({ personOrders: [['per-1', [all]]] }), rules, NOW, counterMinting())),
    ).toEqual(['VISIT_OVERLAP']);
  });

  it('refuses a chosen slot that is taken, taken earlier in the batch, or already past', () => {
    const f = facts({
      slots: [
        slot('s1', 1, { status: 'busy' }),
        slot('s1', 2),
        slot('s1', 3, { starts_at: NOW - MINUTE, ends_at: NOW + 9 * MINUTE }),
      ],
    });
    const d = decideBatch(
      [
        request(1, { slotId: 's1-slot-1' }),
        request(2, { slotId: 's1-slot-2' }),
        request(3, { slotId: 's1-slot-2' }),
        request(3, { slotId: 's1-slot-3' }),
      ],
      f,
      rules,
      NOW,
      counterMinting(),
    );
    expect(codes(d)).toEqual(['SLOT_GONE', 'created', 'SLOT_GONE', 'BOOKING_WINDOW_CLOSED']);
  });

  it('refuses before the release and after the close, and a stopped session', () => {
    const f = facts({
      schedules: [
        session('early', { release_at: NOW + MINUTE }),
        session('late', { closes_at: NOW }),
        session('stopped', { status: 'stopped' }),
      ],
      slots: [slot('early', 1), slot('late', 1), slot('stopped', 1)],
    });
    const d = decideBatch(
      [request(1, { scheduleId: 'early' }), request(2, { scheduleId: 'late' }), request(3, { scheduleId: 'stopped' })],
      f,
      rules,
      NOW,
      counterMinting(),
    );
    expect(codes(d)).toEqual(['NOT_YET_RELEASED', 'BOOKING_WINDOW_CLOSED', 'SCHEDULE_STOPPED']);
  });

  it('defers a request whose session another batch holds, and refuses one for a session that does not exist', () => {
    const d = decideBatch(
      [request(1, { scheduleId: 'held-elsewhere' }), request(2, { scheduleId: 'nowhere' })],
      facts({ busy: ['held-elsewhere'] }),
      rules,
      NOW,
      counterMinting(),
    );
    expect(codes(d)).toEqual(['deferred', 'NOT_FOUND']);
  });

  it('leaves the facts it was given as they were', () => {
    const f = facts({});
    decideBatch([request(1)], f, rules, NOW, counterMinting());
    expect(f.personOrders.get('per-1')).toEqual([]);
  });

  describe('the waitlist (候补)', () => {
    const place = (id: string, o: Partial<LockedWaitlistEntry> = {}): LockedWaitlistEntry => ({
      id,
      group_id: id,
      schedule_id: 's1',
      status: 'waiting',
      ...o,
    });
    const turn = (n: number, entryId: string, groupId = entryId) =>
      request(n, { turn: { entryId, groupId }, key: `waitlist-${entryId}` });

    it('holds a session’s free slots for its queue: a patient’s own request finds none while places wait', () => {
      const s1 = session('s1', { free_count: 2, waiting_count: 2 });
      const d = decideBatch(
        [request(1), turn(2, 'w2'), request(3)],
        facts({
          schedules: [s1],
          slots: [1, 2].map((seq) => slot('s1', seq)),
          entries: [place('w2'), place('w9')],
          waiting: [['s1', 2]],
        }),
        rules,
        NOW,
        counterMinting(),
      );
      // the turn takes one slot; the other is still held for the place waiting behind it
      expect(codes(d)).toEqual(['SLOT_GONE', 'created', 'SLOT_GONE']);
      expect(d.waitlist.booked).toEqual([{ entryId: 'w2', orderId: d.created[0]!.id }]);
      expect(d.waitlist.waiting.get('s1')).toBe(1);
      expect(d.created[0]!.history[0]).toMatchObject({ actorType: 'system', actorId: null, reason: 'waitlist' });
    });

    it('lets a patient’s own request take the free slots beyond those the queue holds', () => {
      const s1 = session('s1', { free_count: 3, waiting_count: 1 });
      const d = decideBatch(
        [request(1), request(2), request(3)],
        facts({ schedules: [s1] }),
        rules,
        NOW,
        counterMinting(),
      );
      expect(codes(d)).toEqual(['created', 'created', 'SLOT_GONE']);
    });

    it('ends a place a rule refuses when its turn comes, and keeps one waiting that only lacks a slot', () => {
      const d = decideBatch(
        [turn(1, 'w1'), turn(2, 'w2'), turn(3, 'w3')],
        facts({
          schedules: [session('s1', { free_count: 1, waiting_count: 3 })],
          slots: [slot('s1', 1)],
          patients: [patient(1, { blacklisted_until: NOW + 86_400_000 }), patient(2), patient(3)],
          entries: [place('w1'), place('w2'), place('w3')],
          waiting: [['s1', 3]],
        }),
        rules,
        NOW,
        counterMinting(),
      );
      expect(codes(d)).toEqual(['BLACKLISTED', 'created', 'SLOT_GONE']);
      expect(d.waitlist.ended).toEqual([{ entryId: 'w1', reason: 'refused', refusalCode: 'BLACKLISTED' }]);
      expect(d.waitlist.booked.map((b) => b.entryId)).toEqual(['w2']);
      expect(d.waitlist.waiting.get('s1')).toBe(1);
    });

    it('books a department’s day once: the places of the same waitlist in other sessions end', () => {
      const d = decideBatch(
        [turn(1, 'w1a', 'g1'), turn(1, 'w1b', 'g1')],
        facts({
          schedules: [
            session('s1', { free_count: 1, waiting_count: 1 }),
            session('s2', { free_count: 1, waiting_count: 1, period: 'afternoon' }),
          ],
          slots: [
            slot('s1', 1),
            slot('s2', 1, { starts_at: visitStart + 6 * 3600_000, ends_at: visitStart + 6 * 3600_000 + 10 * MINUTE }),
          ],
          entries: [place('w1a', { group_id: 'g1' }), place('w1b', { group_id: 'g1', schedule_id: 's2' })],
          waiting: [
            ['s1', 1],
            ['s2', 1],
          ],
        }),
        rules,
        NOW,
        counterMinting(),
      );
      expect(codes(d)).toEqual(['created', 'WAITLIST_NOT_WAITING']);
      expect(d.waitlist.ended).toEqual([{ entryId: 'w1b', reason: 'served-elsewhere', refusalCode: null }]);
      expect(d.waitlist.waiting).toEqual(
        new Map([
          ['s1', 0],
          ['s2', 0],
        ]),
      );
    });

    it('does nothing for a place no longer waiting, or one whose waitlist was booked before', () => {
      const d = decideBatch(
        [turn(1, 'gone'), turn(2, 'w2b', 'g2')],
        facts({
          schedules: [session('s1', { free_count: 3, waiting_count: 1 })],
          entries: [
            place('gone', { status: 'ended' }),
            place('w2a', { group_id: 'g2', schedule_id: 's9', status: 'booked' }),
            place('w2b', { group_id: 'g2' }),
          ],
          waiting: [['s1', 1]],
        }),
        rules,
        NOW,
        counterMinting(),
      );
      expect(codes(d)).toEqual(['WAITLIST_NOT_WAITING', 'WAITLIST_NOT_WAITING']);
      expect(d.created).toEqual([]);
      expect(d.waitlist.ended).toEqual([{ entryId: 'w2b', reason: 'served-elsewhere', refusalCode: null }]);
      expect(d.waitlist.waiting.get('s1')).toBe(0);
    });
  });
});
