import { Cron } from 'croner';
import type { Logger } from '../../shared/logger.js';
import { publishDemoHis } from './publisher.js';

const READY_WITHIN_MS = 60_000;

async function untilReady(bffUrl: string): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      if ((await fetch(`${bffUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      /* not serving yet */
    }
    if (Date.now() > deadline) throw new Error(`the BFF was not ready within ${READY_WITHIN_MS} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * After the platform serves, the demo HIS publish their hospitals through the interface, in the
 * background: the start is not held up, and a failure is a warning, never a failed start. They
 * publish again daily after midnight (Asia/Shanghai), as a HIS does, so their sessions roll forward.
 */
export function publishDemoHisInBackground(bffUrl: string, logger: Logger): Promise<void> {
  const publish = (started: number) =>
    publishDemoHis({ bffUrl })
      .then((hospitals) => logger.info({ hospitals, ms: Date.now() - started }, 'demo HIS published'))
      .catch((err: unknown) => logger.warn({ err }, 'demo HIS publishing failed; the demo goes on without it'));
  new Cron('10 0 * * *', { timezone: 'Asia/Shanghai', protect: true, unref: true }, () => publish(Date.now()));
  const started = Date.now();
  return untilReady(bffUrl).then(
    () => publish(started),
    (err: unknown) => logger.warn({ err }, 'demo HIS publishing failed; the demo goes on without it'),
  );
}
