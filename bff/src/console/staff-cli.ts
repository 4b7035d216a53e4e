import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { Database } from '../db/database.js';
import { systemClock } from '../shared/clock.js';
import { StaffService, type StaffRole } from './staff.js';

/**
 * `npm run staff -w bff -- add --role hospital --hospital <code> --name <name>` (or `--role admin`):
 * makes a console key and prints it once. `disable --id <staff id>` revokes one.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      hospital: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
    },
  });
  const config = loadConfig();
  const db = await Database.open(config.database);
  try {
    const staff = new StaffService(db, systemClock);
    if (positionals[0] === 'add') {
      const role = values.role as StaffRole;
      if ((role !== 'admin' && role !== 'hospital') || !values.name || (role === 'hospital' && !values.hospital)) {
        throw new Error('usage: add --role admin|hospital [--hospital <hospital code>] --name <name>');
      }
      const { staff: made, key } = await staff.add({ name: values.name, role, hospitalCode: values.hospital });
      process.stdout.write(
        `staff ${made.id} (${made.role}${made.hospitalId ? ` of ${values.hospital}` : ''}) key, ` +
          `shown only now:\n${key}\n`,
      );
    } else if (positionals[0] === 'disable' && values.id) {
      await staff.disable(values.id);
      process.stdout.write(`staff ${values.id} disabled\n`);
    } else {
      throw new Error('usage: add --role admin|hospital [--hospital <code>] --name <name> | disable --id <staff id>');
    }
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
