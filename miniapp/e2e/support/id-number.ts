import { checkCharacter } from '@cityhealth/shared-types/id-number';

let counter = Math.floor(Math.random() * 900_000);

/**
 * A checksum-valid 18-digit ID number (GB 11643), distinct per call. The sandbox verifies every
 * such number unless its sequence (digits 15–17) is `999`, which it reports as a mismatch.
 */
export function makeIdNumber(o: { birth?: string; sequence?: string } = {}): string {
  const n = ++counter;
  const birth =
    o.birth ??
    new Date(Date.UTC(1945, 0, 1) + (Math.floor(n / 998) % 20_000) * 86_400_000)
      .toISOString()
      .slice(0, 10)
      .replaceAll('-', '');
  const first17 = `110105${birth}${o.sequence ?? String(n % 998).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

let phoneCounter = Math.floor(Math.random() * 10_000_000);
/** A distinct, well-formed mobile number per call. */
export const makePhone = (): string => `137${String(++phoneCounter % 100_000_000).padStart(8, '0')}`;
