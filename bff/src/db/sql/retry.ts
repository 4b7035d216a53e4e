import { retryReasonOf, type RetryReason } from './execute.js';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** The pause before the second try; it doubles before each next one, with jitter. */
  pauseMs?: number;
  /** Told of every transaction run again, and why. */
  onRetry?: (reason: RetryReason) => void;
}

/**
 * Runs a transaction again after a deadlock (on Galera also a lost certification, reported as a
 * deadlock), a lock-wait timeout or a busy SQLite, pausing exponentially longer (with jitter, so
 * two transactions that collided do not collide again in step) before each new try.
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 4, pauseMs = 5, onRetry } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const reason = attempt < attempts ? retryReasonOf(e) : null;
      if (!reason) throw e;
      onRetry?.(reason);
      const pause = pauseMs * 2 ** (attempt - 1);
      await new Promise((r) => setTimeout(r, pause * (0.5 + Math.random())));
    }
  }
}
