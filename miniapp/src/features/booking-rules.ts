import type { BookingRulesView } from '@cityhealth/shared-types';
import { api } from '../api';

let once: Promise<BookingRulesView> | null = null;

/**
 * The server's rule book, read once per run of the app (it changes only with the deployment's
 * configuration); a failed read is tried again on the next call.
 */
export function bookingRulesView(): Promise<BookingRulesView> {
  once ??= api.bookingRules().catch((e: unknown) => {
    once = null;
    throw e;
  });
  return once;
}
