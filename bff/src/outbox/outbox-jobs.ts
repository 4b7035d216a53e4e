import type { Database } from '../db/database.js';
import type { Logger } from '../shared/logger.js';
import type { OutboxRelay } from './relay.js';

/** Something that sends what the relay queued (the hospital pushes, the patients' notices). */
export interface OutboxSender {
  readonly name: string;
  /** One pass; `bounded`: a single batch of work, the pass a busy process can spare. */
  sendOnce(bounded: boolean): Promise<unknown>;
}

export interface OutboxJobOptions {
  intervalMs: number;
  /** True while the process is booking hard (a release): the relay and senders then wait … */
  busy: () => boolean;
  /** … but never longer than this between two runs. */
  maxDeferMs: number;
}

/**
 * Runs the relay and the senders every `intervalMs` in each process (the relay's lock and the
 * senders' leases keep processes from doing the same work twice); never on the booking path, and
 * during a release storm only every `maxDeferMs`, so delivery takes the cores bookings leave.
 */
export class OutboxJobs {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastRunAt = 0;
  private readonly senders: OutboxSender[] = [];

  constructor(
    readonly relay: OutboxRelay,
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly o: OutboxJobOptions = { intervalMs: 250, busy: () => false, maxDeferMs: 5000 },
  ) {}

  addSender(sender: OutboxSender): void {
    this.senders.push(sender);
  }

  /** Relays everything waiting, then gives each sender one pass (`bounded`: one batch of each). */
  async runOnce(bounded = false): Promise<void> {
    const [waiting] = await this.db.query<{ id: string }>('SELECT id FROM outbox LIMIT 1');
    if (waiting) await this.relay.drain(bounded ? 1 : undefined);
    for (const s of this.senders) {
      try {
        await s.sendOnce(bounded);
      } catch (err) {
        this.logger.error({ err, sender: s.name }, 'outbox sender failed');
      }
    }
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      const busy = this.o.busy();
      const deferred = busy && performance.now() - this.lastRunAt < this.o.maxDeferMs;
      if (!deferred) this.lastRunAt = performance.now();
      this.running = (deferred ? Promise.resolve() : this.runOnce(busy))
        .catch((err: unknown) => this.logger.error({ err }, 'outbox relay failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.o.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.o.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
