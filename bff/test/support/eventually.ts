/**
 * Reads until `check` passes or the time is up, then returns the
 * last value (emulator notifies and refunds arrive on their own).
 */
export async function eventually<T>(read: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
