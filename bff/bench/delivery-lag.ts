/**
 * How long after the storm until each queue is empty: the outbox relayed and the hospital's
 * stream taken by its system (`pushes`), and the patients' notices sent (`notices`).
 */
export async function deliveryLag(
  pending: () => Promise<{ pushes: number; notices: number }>,
  timeoutMs = 600_000,
): Promise<{ pushesSeconds: number | null; noticesSeconds: number | null }> {
  const t = performance.now();
  const done: { pushesSeconds: number | null; noticesSeconds: number | null } = {
    pushesSeconds: null,
    noticesSeconds: null,
  };
  while (performance.now() - t < timeoutMs) {
    const p = await pending();
    const at = (performance.now() - t) / 1000;
    if (!p.pushes) done.pushesSeconds ??= at;
    if (!p.notices) done.noticesSeconds ??= at;
    if (done.pushesSeconds !== null && done.noticesSeconds !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done;
}
