import { api } from '../../api';
import { bookingRuleLines } from './confirm.logic';

let once: Promise<string[]> | null = null;

/**
 * The 预约须知 lines, from the server's rule book, read once per run of the app (they change only
 * with the deployment's configuration); a failed read is tried again on the next call.
 */
export function bookingRules(): Promise<string[]> {
  once ??= api
    .bookingRules()
    .then(bookingRuleLines)
    .catch((e: unknown) => {
      once = null;
      throw e;
    });
  return once;
}
