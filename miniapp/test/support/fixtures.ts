import type { Order, Patient, ScheduleSummary } from '@cityhealth/shared-types';

/* Plain objects in the API's shapes for the logic tests (no server needed for pure functions). */

export function patient(p: Partial<Patient> = {}): Patient {
  return {
    id: 'p1',
    name: '王秀英',
    documentType: 'id-card',
    idNumberMasked: '1101**********002X',
    phoneMasked: '138****8000',
    relation: 'self',
    gender: 'F',
    birthDate: '1949-12-31',
    verified: true,
    verifiedAt: '2026-11-01T00:00:00.000Z',
    blacklistedUntil: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    ...p,
  };
}

export function schedule(s: Partial<ScheduleSummary> = {}): ScheduleSummary {
  return {
    id: 's1',
    hospitalId: 'h1',
    departmentId: 'd1',
    departmentName: '心血管内科',
    date: '2026-11-25',
    period: 'morning',
    type: 'general',
    feeFen: 5000,
    status: 'open',
    capacity: 30,
    freeCount: 30,
    closedSince: null,
    startsAt: '2026-11-25T00:00:00.000Z',
    endsAt: '2026-11-25T04:00:00.000Z',
    releaseAt: '2026-11-18T00:30:00.000Z',
    bookingClosesAt: '2026-11-24T16:00:00.000Z',
    cancelDeadline: '2026-11-24T07:00:00.000Z',
    doctor: null,
    ...s,
  };
}

export function orderState(o: {
  status: Order['status'];
  payment: Order['payment']['status'];
  deadline?: string | null;
}): Pick<Order, 'status' | 'payment'> {
  return { status: o.status, payment: { status: o.payment, deadline: o.deadline ?? null } };
}
