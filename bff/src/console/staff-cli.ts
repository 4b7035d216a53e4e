import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config/config.js';
import { Database } from '../db/database.js';
import { systemClock } from '../shared/clock.js';
import { AuditLog } from '../audit/audit-log.js';
import {
  hospitalByCode,
  hospitalEndpoints,
  setHospitalEndpoints,
  setHospitalSignatureMethod,
} from '../hospital/hospital-registry.js';
import { SIGNATURE_METHODS } from '../hospital/signature.js';
import { HospitalSecrets } from '../hospital/hospital-secrets.js';
import { Agreements } from '../identity/agreements.js';
import { Pii } from '../identity/pii.js';
import { AGREEMENT_KINDS, CreateStaffRequest, STAFF_ROLES } from '@cityhealth/shared-types';
import { StaffAccounts } from './staff-accounts.js';
import { isHospitalRole, StaffService, type StaffRole } from './staff.js';

/**
 * `npm run staff -w bff -- add-admin --username <user name> --name <name>`: a commission
 * administrator's console login; prints its initial password (changed at the first sign-in) and
 * its TOTP enrolment (secret and otpauth URI) once.
 * `add-key --role <role> [--hospital <code>] --name <name>` (`add` still works): makes a console
 * machine key and prints it once. `disable --id <staff id>` revokes a login or a key.
 * `hospital-secret issue|list|retire --hospital <code> [--id <secret id>]`: a hospital's interface
 * secrets (issue prints the new one once; two may be active while the hospital switches over).
 * `hospital-endpoints show|set --hospital <code> [--webhook URL] [--fhir URL] [--dicomweb URL]`: where
 * the platform pushes its events and reads its reports (FHIR R4) and images (DICOMweb); '' clears one.
 * `hospital-signature --hospital <code> --method HMAC-SHA256|HMAC-SM3`: how the platform signs its calls to it.
 * `agreement-publish --kind terms|privacy --version <v> --title <title> --file <text file>`: a new
 * version of 用户协议 or 隐私政策, in force at once: every account is asked to accept it at its next
 * login or app start.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      hospital: { type: 'string' },
      name: { type: 'string' },
      username: { type: 'string' },
      id: { type: 'string' },
      webhook: { type: 'string' },
      method: { type: 'string' },
      fhir: { type: 'string' },
      dicomweb: { type: 'string' },
      kind: { type: 'string' },
      version: { type: 'string' },
      title: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const config = loadConfig();
  const db = await Database.open(config.database);
  try {
    const staff = new StaffService(db, systemClock);
    if (positionals[0] === 'add-admin') {
      await addAdmin(db, config, values.username, values.name);
    } else if (positionals[0] === 'add-key' || positionals[0] === 'add') {
      const role = values.role as StaffRole;
      if (!STAFF_ROLES.includes(role) || !values.name || (isHospitalRole(role) && !values.hospital)) {
        throw new Error(`usage: add-key --role ${STAFF_ROLES.join('|')} [--hospital <hospital code>] --name <name>`);
      }
      const { staff: made, key } = await staff.add({ name: values.name, role, hospitalCode: values.hospital });
      process.stdout.write(
        `staff ${made.id} (${made.role}${made.hospitalId ? ` of ${values.hospital}` : ''}) key, ` +
          `shown only now:\n${key}\n`,
      );
    } else if (positionals[0] === 'hospital-secret') {
      const secrets = new HospitalSecrets(
        db,
        new Pii(config.piiKey, config.piiCipher),
        systemClock,
        new AuditLog(db, systemClock),
      );
      await hospitalSecret(db, secrets, positionals[1], values.hospital, values.id);
    } else if (positionals[0] === 'hospital-endpoints' && values.hospital) {
      const hospital = await hospitalByCode(db, values.hospital);
      if (!hospital) throw new Error(`no hospital with code ${values.hospital}`);
      const shown =
        positionals[1] === 'set'
          ? await setHospitalEndpoints(
              db,
              new AuditLog(db, systemClock),
              hospital.id,
              { webhookUrl: values.webhook, fhirBaseUrl: values.fhir, dicomwebBaseUrl: values.dicomweb },
              `cli:${os.userInfo().username}`,
            )
          : await hospitalEndpoints(db, hospital.id);
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    } else if (positionals[0] === 'hospital-signature' && values.hospital) {
      const hospital = await hospitalByCode(db, values.hospital);
      if (!hospital) throw new Error(`no hospital with code ${values.hospital}`);
      const method = SIGNATURE_METHODS.find((m) => m === values.method);
      if (!method) throw new Error(`--method ${SIGNATURE_METHODS.join('|')}`);
      const audit = new AuditLog(db, systemClock);
      await setHospitalSignatureMethod(db, audit, hospital.id, method, `cli:${os.userInfo().username}`);
      process.stdout.write(`${values.hospital}: calls to it are signed with ${method}\n`);
    } else if (positionals[0] === 'agreement-publish') {
      const kind = values.kind as (typeof AGREEMENT_KINDS)[number];
      if (!AGREEMENT_KINDS.includes(kind) || !values.version || !values.title || !values.file) {
        throw new Error(`usage: ${AGREEMENT_USAGE}`);
      }
      const body = fs.readFileSync(values.file, 'utf8');
      await new Agreements({ db, clock: systemClock }).publish({
        kind,
        version: values.version,
        title: values.title,
        body,
      });
      process.stdout.write(`${kind} ${values.version} published\n`);
    } else if (positionals[0] === 'disable' && values.id) {
      await staff.disable(values.id);
      process.stdout.write(`staff ${values.id} disabled\n`);
    } else {
      throw new Error(
        [
          'usage: add-admin --username <user name> --name <name>',
          `add-key --role ${STAFF_ROLES.join('|')} [--hospital <hospital code>] --name <name>`,
          'disable --id <staff id>',
          'hospital-secret issue|list|retire --hospital <code> [--id <secret id>]',
          'hospital-endpoints show|set --hospital <code> [--webhook URL] [--fhir URL] [--dicomweb URL]',
          'hospital-signature --hospital <code> --method HMAC-SHA256|HMAC-SM3',
          AGREEMENT_USAGE,
        ].join('\n   or: '),
      );
    }
  } finally {
    await db.close();
  }
}

const AGREEMENT_USAGE = 'agreement-publish --kind terms|privacy --version <version> --title <title> --file <text>';

/** A commission administrator's login: what to hand over is printed once, never stored readable. */
async function addAdmin(db: Database, config: Config, username?: string, name?: string): Promise<void> {
  if (!username || !name) throw new Error('usage: add-admin --username <user name> --name <name>');
  const parsed = CreateStaffRequest.safeParse({ username, name, role: 'admin' });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
  const accounts = new StaffAccounts(
    db,
    new Pii(config.piiKey, config.piiCipher),
    new AuditLog(db, systemClock),
    systemClock,
  );
  const made = await accounts.create(
    { username: parsed.data.username, name: parsed.data.name, role: 'admin' },
    { type: 'cli', id: `cli:${os.userInfo().username}` },
  );
  process.stdout.write(
    [
      `administrator ${made.staff.username} (${made.staff.name}, staff ${made.staff.id}) created; shown only now:`,
      `  initial password: ${made.initialPassword}   (to be changed at the first sign-in)`,
      `  TOTP secret:      ${made.totp.secret}`,
      `  otpauth URI:      ${made.totp.uri}`,
      '',
    ].join('\n'),
  );
}

async function hospitalSecret(
  db: Database,
  secrets: HospitalSecrets,
  action?: string,
  code?: string,
  id?: string,
): Promise<void> {
  const usage = 'usage: hospital-secret issue|list|retire --hospital <hospital code> [--id <secret id>]';
  if (!code) throw new Error(usage);
  const hospital = await hospitalByCode(db, code);
  if (!hospital) throw new Error(`no hospital with code ${code}`);
  const actor = `cli:${os.userInfo().username}`;
  if (action === 'issue') {
    const made = await secrets.issue(hospital.id, actor);
    process.stdout.write(`secret ${made.secretId} of hospital ${code}, shown only now:\n${made.secret}\n`);
  } else if (action === 'list') {
    for (const s of await secrets.list(hospital.id)) {
      const state = s.retiredAt === null ? 'active' : `retired ${new Date(s.retiredAt).toISOString()}`;
      process.stdout.write(`${s.id}  issued ${new Date(s.createdAt).toISOString()}  ${state}\n`);
    }
  } else if (action === 'retire' && id) {
    if (!(await secrets.retire(hospital.id, id, actor))) throw new Error(`no active secret ${id} of hospital ${code}`);
    process.stdout.write(`secret ${id} of hospital ${code} retired\n`);
  } else {
    throw new Error(usage);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
