import crypto from 'node:crypto';

/** A draw's seed: 32 random bytes, hex. */
export const newSeed = (): string => crypto.randomBytes(32).toString('hex');

/**
 * The seeded order of a draw: each person's place is HMAC-SHA256(seed, person id), ascending.
 * Anyone holding the seed and the tickets can recompute it; a ticket added late finds its place
 * among the others without moving them relative to each other.
 */
export function drawOrder(seed: string, personIds: readonly string[]): string[] {
  const keyed = personIds.map((id) => ({ id, score: crypto.createHmac('sha256', seed).update(id).digest('hex') }));
  keyed.sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}
