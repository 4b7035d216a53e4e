/**
 * Runs `work` on every item, `concurrency` keys at a time, each key's items one after another in
 * their order (an order's events or notices never overtake each other). `work` answering false
 * stops the rest of that key's items.
 */
export async function inTurnPerKey<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  concurrency: number,
  work: (item: T) => Promise<boolean>,
): Promise<void> {
  const byKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const queue = byKey.get(key);
    if (queue) queue.push(item);
    else byKey.set(key, [item]);
  }
  const queues = [...byKey.values()];
  const worker = async () => {
    for (let q = queues.shift(); q; q = queues.shift()) for (const item of q) if (!(await work(item))) break;
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queues.length) }, worker));
}
