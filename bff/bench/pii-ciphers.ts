import crypto from 'node:crypto';
import { Pii, type PiiCipher } from '../src/identity/pii.js';

/**
 * `npm run bench:pii -w bff [-- --ops N]`: the personal-data cryptography of a login and of adding
 * a patient, under each PII_CIPHER (aes-gcm: AES-256-GCM and HMAC-SHA256; sm4: SM4-CTR with
 * HMAC-SM3 and HMAC-SM3 indexes), in CPU microseconds per operation of this process. The two
 * configurations alternate in rounds so the machine's drift falls on both.
 */
const ops = Number(process.argv.includes('--ops') ? process.argv[process.argv.indexOf('--ops') + 1] : 20_000);
const rounds = 5;
const key = crypto.randomBytes(32);

const phone = (i: number) => `13${String(900_000_000 + i).padStart(9, '0')}`;
const idNumber = (i: number) => `11010519${String(800_000 + (i % 100_000)).padStart(6, '0')}123X`.slice(0, 18);

/** What each step does with personal data (see identity/: accounts, patients, SMS codes). */
const steps: Record<string, (pii: Pii, i: number) => unknown> = {
  // an SMS login: the code checked under both configurations, the phone looked up, a new account's phone sealed
  login: (pii, i) => [
    pii.codeHashes(`salt-${i}`, '123456'),
    pii.indexes('phone', phone(i)),
    pii.encrypt('phone', phone(i)),
  ],
  // adding a patient: the ID number looked up (person, duplicates) and sealed, with the phone
  addPatient: (pii, i) => [
    pii.indexes('id-number', idNumber(i)),
    pii.encrypt('id-number', idNumber(i)),
    pii.encrypt('phone', phone(i)),
  ],
  // showing a patient to a staff member who may reveal it: both opened (sealed beforehand, see `sealed`)
  reveal: (pii, i) => {
    const [id, tel] = sealed(pii)[i % SEALED]!;
    return [pii.decrypt('id-number', id), pii.decrypt('phone', tel)];
  },
};

const SEALED = 2_000;
const sealedBy = new Map<Pii, [string, string][]>();
function sealed(pii: Pii): [string, string][] {
  let list = sealedBy.get(pii);
  if (!list) {
    list = Array.from({ length: SEALED }, (_, i) => [
      pii.encrypt('id-number', idNumber(i)),
      pii.encrypt('phone', phone(i)),
    ]);
    sealedBy.set(pii, list);
  }
  return list;
}

function measure(cipher: PiiCipher, step: string): number {
  const pii = new Pii(key, cipher);
  const run = steps[step]!;
  for (let i = 0; i < SEALED; i++) run(pii, i); // warm (and seal what `reveal` opens)
  const t0 = process.cpuUsage();
  for (let i = 0; i < ops; i++) run(pii, i);
  const u = process.cpuUsage(t0);
  return (u.user + u.system) / ops;
}

const results: Record<string, Record<PiiCipher, number[]>> = {};
for (let r = 0; r < rounds; r++)
  for (const step of Object.keys(steps))
    for (const cipher of (r % 2 ? ['sm4', 'aes-gcm'] : ['aes-gcm', 'sm4']) as PiiCipher[]) {
      results[step] ??= { 'aes-gcm': [], sm4: [] };
      results[step][cipher].push(measure(cipher, step));
    }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = Object.fromEntries(
  Object.entries(results).map(([step, byCipher]) => {
    const aes = median(byCipher['aes-gcm']);
    const sm4 = median(byCipher.sm4);
    return [step, { aesGcmMicros: +aes.toFixed(1), sm4Micros: +sm4.toFixed(1), sm4OverAes: +(sm4 / aes).toFixed(2) }];
  }),
);
process.stdout.write(`${JSON.stringify({ opsPerRound: ops, rounds, cpuMicrosPerOperation: summary }, null, 2)}\n`);
