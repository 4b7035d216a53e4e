import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { MINIAPP_DIR } from './paths.js';

/**
 * The data-testid hooks the journeys drive, in the order a new user meets them. The app lists the
 * hooks it provides in miniapp/TESTIDS.md; a journey runs once every hook it needs is listed there
 * and is skipped, naming the missing ones, before that. `schedule-item` also carries
 * `data-schedule-id` (the journeys pick the session they prepared).
 */
export const HOOKS = {
  login: ['login-phone', 'login-send-code', 'login-code', 'login-agree', 'login-submit'],
  patient: ['patient-add', 'patient-name', 'patient-id-number', 'patient-phone', 'patient-save', 'patient-verified'],
  child: ['patient-type-child', 'patient-gender-F', 'patient-birth-date', 'patient-item', 'patient-document'],
  consent: ['consent-page', 'consent-accept', 'me-account', 'me-privacy', 'agreement-version'],
  search: ['search-input', 'hospital-item', 'department-item', 'schedule-day', 'schedule-item'],
  booking: [
    'booking-patient',
    'booking-rules-agree',
    'booking-submit',
    'booking-error',
    'booking-cancel-terms',
    'booking-open-existing',
    'order-visit-time',
  ],
  doctors: ['doctor-item', 'doctor-chip', 'doctor-page-link', 'doctor-name', 'booking-login', 'day-release'],
  orders: ['order-item', 'order-status', 'order-cancel', 'order-cancel-confirm'],
  payment: ['order-pay', 'order-refund', 'payment-record', 'me-payments'],
  waitlist: [
    'waitlist-submit',
    'waitlist-item',
    'waitlist-status',
    'waitlist-position',
    'waitlist-note',
    'waitlist-open-order',
    'me-waitlist',
  ],
  screens: [
    'booking-slots',
    'booking-slot',
    'booking-slots-toggle',
    'order-seq',
    'order-rebook',
    'page-back',
    'home-booking',
    'home-patients',
    'hospital-call',
    'hospital-map',
  ],
  account: [
    'me-account',
    'me-phone',
    'me-phone-change',
    'me-announcements',
    'me-help',
    'me-logout',
    'me-logout-confirm',
    'me-login',
    'phone-new',
    'phone-save',
  ],
  draws: [
    'booking-fair-draw',
    'draw-tickets',
    'draw-ticket',
    'draw-ticket-state',
    'draw-ticket-note',
    'draw-ticket-order',
  ],
  content: ['announcement-item', 'announcement-detail', 'help-search', 'help-question', 'help-answer'],
  records: [
    'home-reports',
    'home-imaging',
    'records-refresh',
    'reports-category',
    'report-item',
    'report-abnormal',
    'report-item-flag',
    'report-disclaimer',
    'report-pdf',
    'study-item',
    'study-image',
    'study-window',
    'study-next',
    'study-position',
    'share-create',
    'share-code',
    'share-list',
    'share-item',
    'share-revoke',
  ],
} as const;

/** Entry routes the journeys open directly (H5 router, browser mode). */
export const ROUTES = {
  home: '/',
  login: '/pages/login/index',
  patients: '/packages/patient/index',
  orders: '/pages/orders/index',
  me: '/pages/me/index',
  reports: '/packages/records/reports',
  imaging: '/packages/records/imaging',
  payments: '/packages/payments/index',
  department: '/packages/hospital/department',
  confirm: '/packages/booking/confirm',
  order: '/packages/order/detail',
} as const;

export type HookId = (typeof HOOKS)[keyof typeof HOOKS][number];

const TESTIDS_FILE = path.join(MINIAPP_DIR, 'TESTIDS.md');

/** The hooks of `ids` that miniapp/TESTIDS.md does not list (as `id` in backticks). */
export function missingHooks(ids: readonly string[]): string[] {
  const listed = fs.existsSync(TESTIDS_FILE) ? fs.readFileSync(TESTIDS_FILE, 'utf8') : '';
  return ids.filter((id) => !listed.includes(`\`${id}\``));
}

/** A hooked element of the page on screen (Taro's H5 router keeps the pages below in the DOM, hidden). */
export const hook = (page: Page, id: HookId): Locator => page.getByTestId(id).filter({ visible: true });

/**
 * Types into a hooked field: the element itself when it is an input, else the input inside it (Taro wraps H5 inputs).
 */
export async function fillHook(page: Page, id: HookId, value: string): Promise<void> {
  const el = hook(page, id).first();
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  const field = tag === 'input' || tag === 'textarea' ? el : el.locator('input, textarea').first();
  await field.fill(value);
}

/** Which selector measures a hook as an element on the page (for key figures and touch targets). */
export const hookSelector = (...ids: HookId[]): string => ids.map((id) => `[data-testid="${id}"]`).join(', ');

/** Where the app keeps the logged-in session (`src/api/session-store.ts`). */
export const SESSION_STORAGE_KEY = 'cityhealth.session';
