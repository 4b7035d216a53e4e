import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Randomness for ids, drawn from the CSPRNG a pool at a time: fetching 16 bytes per id costs a
 * system call each, which showed up at the booking peak (several ids per booking).
 */
const POOL_BYTES = 16 * 256;
let pool = Buffer.alloc(0);
let offset = POOL_BYTES;

function random16(): Uint8Array {
  if (offset >= POOL_BYTES) {
    pool = crypto.randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/** Time-ordered ids keep InnoDB primary keys append-mostly. */
export const newId = (): string => uuidv7({ random: random16() });
