import crypto from 'node:crypto';
import {
  type DocumentIdentifier,
  documentOfSystem,
  type HospitalEvent,
  parseIdNumber,
  RESIDENT_ID_SYSTEM,
} from '@cityhealth/shared-types';
import { maskDocumentNumber } from '../../../identity/patient-documents.js';
import { maskIdNumber } from '../../../identity/pii.js';

/** A patient the emulated HIS has registered (建档): the full document number under its own 门诊号. */
export interface RegisteredPatient {
  /** 门诊号: `MZ` and 10 digits, derived from the hospital and the document (the same after a restart). */
  mrn: string;
  /** The document the patient registered with: the resident ID card, a passport, a permit … */
  document: DocumentIdentifier;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  birthDate: string | null;
  /** When the patient's first booking here happened (ms): the records' dates are counted from it. */
  since: number;
}

/** One page of the platform's event feed, as far as the index reads it. */
export interface EventPage {
  items: HospitalEvent[];
  next: number;
}

const KEEP_BOOKINGS = 50_000;
const KEEP_PATIENTS = 20_000;
/** A catch-up reads at most this many pages of the feed (500 events each). */
const MAX_CATCH_UP_PAGES = 20;

const bookingKey = (idNumberMasked: string, name: string) => `${idNumberMasked}\u0000${name}`;
/** One key per document: the ID number alone (as before), another document with its system. */
const documentKey = (d: DocumentIdentifier) =>
  d.system === RESIDENT_ID_SYSTEM ? d.value : `${d.system}\u0000${d.value}`;
/** The document's number as the platform masks it in a booking push. */
const maskedAsPushed = (d: DocumentIdentifier) =>
  d.system === RESIDENT_ID_SYSTEM ? maskIdNumber(d.value) : maskDocumentNumber(d.value);

function bound<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

/**
 * Who a hospital's HIS knows. A booking push names a patient only by name and masked ID number;
 * the first search with a full ID number and name that fit a booking registers the person under a
 * 门诊号. On a miss it reads the platform's event feed once (what pushes it may have missed) and
 * looks again. In memory, bounded.
 */
export class PatientIndex {
  /** booking key → the earliest booking time seen (ms), and which document (its key) has claimed it. */
  private readonly bookings = new Map<string, { since: number; claimedBy: string | null }>();
  private readonly byId = new Map<string, RegisteredPatient>();
  private readonly byMrn = new Map<string, RegisteredPatient>();
  /** The `next` of the last feed page read. */
  private feedAt = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly code: string) {}

  /** A booking the HIS took (a push, or read from the feed): its patient may come to register. */
  learn(event: HospitalEvent): void {
    if (event.type !== 'booking.created') return;
    const { name, idNumberMasked } = event.order.patient;
    const key = bookingKey(idNumberMasked, name);
    const at = Date.parse(event.occurredAt);
    const known = this.bookings.get(key);
    // a new booking may be a second person with the same masked number and name: anyone may claim it again
    this.bookings.set(key, { since: Math.min(known?.since ?? at, at), claimedBy: null });
    bound(this.bookings, KEEP_BOOKINGS);
  }

  /** The patient of this document: registered before, or now from a booking that fits. Null: unknown. */
  lookup(document: DocumentIdentifier, name: string, today: string): RegisteredPatient | null {
    const id = documentKey(document);
    const known = this.byId.get(id);
    if (known) return known;
    if (!documentOfSystem(document.system)) return null;
    const key = bookingKey(maskedAsPushed(document), name);
    const booking = this.bookings.get(key);
    if (!booking || (booking.claimedBy && booking.claimedBy !== id)) return null;
    booking.claimedBy = id;
    return this.register(document, name, booking.since, today);
  }

  /** `lookup`, and after a miss a catch-up from the platform's feed and a second look. */
  async find(
    document: DocumentIdentifier,
    name: string,
    today: string,
    readFeed: (after: number) => Promise<EventPage>,
  ): Promise<RegisteredPatient | null> {
    const first = this.lookup(document, name, today);
    if (first) return first;
    await this.catchUp(readFeed);
    return this.lookup(document, name, today);
  }

  /** The patient registered with this document, without registering anyone. */
  registered(document: DocumentIdentifier): RegisteredPatient | null {
    return this.byId.get(documentKey(document)) ?? null;
  }

  byNumber(mrn: string): RegisteredPatient | null {
    return this.byMrn.get(mrn) ?? null;
  }

  /** Reads the feed from where it last stopped; concurrent misses share one catch-up. */
  private catchUp(readFeed: (after: number) => Promise<EventPage>): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
          const { items, next } = await readFeed(this.feedAt);
          for (const event of items) this.learn(event);
          const moved = next > this.feedAt;
          this.feedAt = Math.max(this.feedAt, next);
          if (!moved || items.length === 0) break;
        }
      } finally {
        this.catchingUp = null;
      }
    })();
    return this.catchingUp;
  }

  private register(document: DocumentIdentifier, name: string, since: number, today: string): RegisteredPatient {
    // only the ID card's number says sex and birth date; a booking push carries neither
    const info = document.system === RESIDENT_ID_SYSTEM ? parseIdNumber(document.value, today) : null;
    const id = documentKey(document);
    const patient: RegisteredPatient = {
      mrn: this.newMrn(id),
      document,
      name,
      gender: info ? (info.gender === 'M' ? 'male' : 'female') : 'unknown',
      birthDate: info?.birthDate ?? null,
      since,
    };
    this.byId.set(id, patient);
    this.byMrn.set(patient.mrn, patient);
    for (const [key, p] of this.byId) {
      if (this.byId.size <= KEEP_PATIENTS) break;
      this.byId.delete(key);
      this.byMrn.delete(p.mrn);
    }
    return patient;
  }

  private newMrn(documentKey: string): string {
    for (let salt = 0; ; salt++) {
      const digest = crypto.createHash('sha256').update(`${this.code}\u0000${documentKey}\u0000${salt}`).digest();
      const mrn = `MZ${(digest.readBigUInt64BE(0) % 10_000_000_000n).toString().padStart(10, '0')}`;
      const holder = this.byMrn.get(mrn);
      if (!holder || documentKeyOf(holder) === documentKey) return mrn;
    }
  }
}

const documentKeyOf = (p: RegisteredPatient) => documentKey(p.document);
