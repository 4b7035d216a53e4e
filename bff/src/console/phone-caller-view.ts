import type { Caller, CallerPatient, Order, OrderSummary, Patient } from '@cityhealth/shared-types';
import type { BookingCore } from '../core/booking/booking-core.js';
import { toOrderSummary } from '../core/booking/order-view.js';
import type { Database } from '../db/database.js';
import type { PatientService } from '../identity/patients.js';
import { maskName } from '../identity/pii.js';
import { AppError } from '../shared/errors.js';
import { iso } from '../shared/time.js';

/** Enough for the card: a caller has at most a handful of coming bookings. */
const ACTIVE_ORDERS_SHOWN = 50;

interface AccountRow {
  id: string;
  nickname: string;
  phone_masked: string | null;
  status: string;
  created_at: number | string;
}

const ACCOUNT_COLUMNS = 'id, nickname, phone_masked, status, created_at';

/** The caller's account by the blind indexes of their phone (Pii.indexes); undefined when there is none. */
export async function accountByPhoneHash(
  db: Database,
  phoneHashes: readonly string[],
): Promise<AccountRow | undefined> {
  const [row] = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS} FROM account WHERE phone_hash IN (${phoneHashes.map(() => '?')})`,
    [...phoneHashes],
  );
  return row;
}

/** The caller's account, which must be active: an agent books only for a live account. */
export async function activeAccount(db: Database, accountId: string): Promise<AccountRow> {
  const [row] = await db.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM account WHERE id = ?`, [accountId]);
  return requireActive(row);
}

export function requireActive(row: AccountRow | undefined): AccountRow {
  if (!row) throw new AppError('NOT_FOUND', '来电人账号不存在');
  if (row.status !== 'active') throw new AppError('NOT_FOUND', '来电人账号已停用，无法电话预约');
  return row;
}

export const toCallerPatient = (p: Patient): CallerPatient => ({
  id: p.id,
  nameMasked: maskName(p.name),
  documentType: p.documentType,
  idNumberMasked: p.idNumberMasked,
  phoneMasked: p.phoneMasked,
  relation: p.relation,
  gender: p.gender,
  verified: p.verified,
  blacklistedUntil: p.blacklistedUntil,
});

/** A booking as the agent sees it: the patient's view with the patient's name masked. */
export function maskOrder<O extends Order | OrderSummary>(order: O): O {
  return { ...order, patient: { ...order.patient, name: maskName(order.patient.name) } };
}

/** The caller's card: the account, its patients and its coming bookings, personal data masked. */
export async function callerCard(
  deps: { patients: PatientService; booking: BookingCore; now: number },
  account: AccountRow,
): Promise<Caller> {
  const [patients, orders] = await Promise.all([
    deps.patients.list(account.id),
    deps.booking.listOrders(account.id, 'active', 1, ACTIVE_ORDERS_SHOWN),
  ]);
  return {
    account: {
      id: account.id,
      nickname: account.nickname,
      phoneMasked: account.phone_masked,
      createdAt: iso(Number(account.created_at)),
    },
    patients: patients.items.map(toCallerPatient),
    maxPatients: patients.max,
    activeOrders: orders.items.map((o) => maskOrder(toOrderSummary(o, deps.now))),
  };
}
