import { isRetryable } from './execute.js';

/**
 * Runs a transaction again after a deadlock, a lock-wait timeout or a busy SQLite, up to
 * `attempts` times, pausing a little longer (with jitter) before each new attempt.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4, pauseMs = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= attempts || !isRetryable(e)) throw e;
      await new Promise((r) => setTimeout(r, pauseMs * attempt + Math.random() * 2 * pauseMs));
    }
  }
}
