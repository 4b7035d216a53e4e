import { NO_JOB_METRICS, type JobMetrics } from '../ops/metrics/ports.js';
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
  /** True while the process is booking at a release's pace: delivery then steps aside … */
  busy: () => boolean;
  /** … relaying one batch at most this often (the outbox stays short) … */
  relayEveryMs: number;
  /** … and sending one batch of each kind at most this often, until the release is over. */
  sendEveryMs: number;
  /** Where the relay's and each sender's passes are counted. */
  jobs?: JobMetrics;
}

/**
 * Runs the relay and the senders every `intervalMs` in each process (the relay's lock and the
 * senders' leases keep processes from doing the same work twice); never on the booking path.
 * While a release storm is booking, delivery steps aside and catches up once it is over.
 */
export class OutboxJobs {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastRelayAt = 0;
  private lastSendAt = 0;
  private readonly senders: OutboxSender[] = [];

  constructor(
    readonly relay: OutboxRelay,
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly o: OutboxJobOptions,
  ) {}

  addSender(sender: OutboxSender): void {
    this.senders.push(sender);
  }

  /** Relays everything waiting, then gives each sender one pass (`bounded`: one batch of each; `send`: or none). */
  async runOnce(bounded = false, send = true): Promise<void> {
    const [waiting] = await this.db.query<{ id: string }>('SELECT id FROM outbox LIMIT 1');
    const jobs = this.o.jobs ?? NO_JOB_METRICS;
    if (waiting) await jobs.run('outbox-relay', () => this.relay.drain(bounded ? 1 : undefined));
    if (!send) return;
    for (const s of this.senders) {
      try {
        await jobs.run(`outbox-${s.name}`, () => s.sendOnce(bounded));
      } catch (err) {
        this.logger.error({ err, sender: s.name }, 'outbox sender failed');
      }
    }
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      const now = performance.now();
      const busy = this.o.busy();
      const relay = !busy || now - this.lastRelayAt >= this.o.relayEveryMs;
      const send = !busy || now - this.lastSendAt >= this.o.sendEveryMs;
      if (relay) this.lastRelayAt = now;
      if (send) this.lastSendAt = now;
      this.running = (relay || send ? this.runOnce(busy, send) : Promise.resolve())
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
