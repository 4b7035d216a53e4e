/**
 * A key for one booking attempt: the page keeps it while the patient retries the same booking, so a
 * retry after a lost answer returns the first booking instead of making a second one.
 */
export function newIdempotencyKey(): string {
  const rand = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
  return `mp-${Date.now().toString(36)}-${rand}`;
}
