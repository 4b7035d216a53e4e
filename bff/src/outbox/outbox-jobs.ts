import type { Database } from '../db/database.js';
import type { Logger } from '../shared/logger.js';
import type { OutboxRelay } from './relay.js';

/** Something that sends what the relay queued (the hospital pushes, the patients' notices). */
export interface OutboxSender {
  readonly name: string;
  sendOnce(): Promise<unknown>;
}

/**
 * Runs the relay and the senders every `intervalMs` in each process (the relay's lock and the
 * senders' leases keep processes from doing the same work twice); never on the booking path.
 */
export class OutboxJobs {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly senders: OutboxSender[] = [];

  constructor(
    readonly relay: OutboxRelay,
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly intervalMs = 250,
  ) {}

  addSender(sender: OutboxSender): void {
    this.senders.push(sender);
  }

  /** Relays everything waiting, then gives each sender one pass. */
  async runOnce(): Promise<void> {
    const [waiting] = await this.db.query<{ id: string }>('SELECT id FROM outbox LIMIT 1');
    if (waiting) await this.relay.drain();
    for (const s of this.senders) {
      try {
        await s.sendOnce();
      } catch (err) {
        this.logger.error({ err, sender: s.name }, 'outbox sender failed');
      }
    }
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'outbox relay failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
