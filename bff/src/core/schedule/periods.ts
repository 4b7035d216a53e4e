import type { Period } from '@cityhealth/shared-types';

/** Default clinic hours of each half-day session (Asia/Shanghai wall clock). */
export const PERIOD_HOURS: Record<Period, { start: string; end: string }> = {
  morning: { start: '08:00', end: '12:00' },
  afternoon: { start: '13:30', end: '17:00' },
  evening: { start: '18:00', end: '21:00' },
};
