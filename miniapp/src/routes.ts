/** Every page's path, in one place (app.config.ts registers them; pages navigate by these). */
export const ROUTES = {
  home: '/pages/index/index',
  orders: '/pages/orders/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  hospital: '/packages/hospital/index',
  department: '/packages/hospital/department',
  doctor: '/packages/hospital/doctor',
  confirm: '/packages/booking/confirm',
  waitlistJoin: '/packages/booking/waitlist',
  waitlist: '/packages/waitlist/index',
  order: '/packages/order/detail',
  patients: '/packages/patient/index',
  patientForm: '/packages/patient/form',
  announcements: '/packages/content/announcements',
  announcement: '/packages/content/announcement',
  help: '/packages/content/help',
  phone: '/packages/account/phone',
  agreement: '/packages/privacy/agreement',
  consent: '/packages/privacy/consent',
  deleteAccount: '/packages/privacy/delete',
  reports: '/packages/records/reports',
  report: '/packages/records/report',
  imaging: '/packages/records/imaging',
  study: '/packages/records/study',
  shares: '/packages/records/shares',
  payments: '/packages/payments/index',
} as const;

/** A route with its query string, e.g. withQuery(ROUTES.hospital, { id }). */
export function withQuery(route: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${route}?${parts.join('&')}` : route;
}
