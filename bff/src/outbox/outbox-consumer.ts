import type { EntityManager } from 'typeorm';
import type { OutboxRow } from '../db/entities/index.js';

/**
 * A consumer of the outbox: the relay hands it each batch of events, oldest first, inside the
 * transaction that deletes them from the outbox, so what it writes there happens exactly once
 * per event. It must only write rows (its own queue); sending happens later, outside.
 */
export interface OutboxConsumer {
  readonly name: string;
  consume(tx: EntityManager, events: readonly OutboxRow[], now: number): Promise<void>;
}
