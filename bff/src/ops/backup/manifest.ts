import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What a backup folder holds, written last (a folder without it is not a finished backup). */
export interface BackupManifest {
  format: 1;
  /** When the snapshot was taken (UTC). */
  takenAt: string;
  engine: 'sqlite' | 'mariadb';
  /** The last migration applied: a restore runs on code that knows this schema. */
  schemaVersion: string;
  /** The data file(s) and their SHA-256. */
  files: { name: string; bytes: number; sha256: string }[];
  /** Rows per table in the snapshot. */
  rows: Record<string, number>;
  /** MariaDB with binary logging: where the snapshot stands in the log, for incremental recovery. */
  binlog: { file: string; position: number; gtid?: string } | null;
}

export const MANIFEST = 'manifest.json';

export async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function describeFile(dir: string, name: string): Promise<BackupManifest['files'][number]> {
  const file = path.join(dir, name);
  return { name, bytes: fs.statSync(file).size, sha256: await sha256Of(file) };
}

export function writeManifest(dir: string, manifest: BackupManifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads a backup's manifest and checks every file against its size and checksum. */
export async function readVerifiedManifest(dir: string): Promise<BackupManifest> {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} holds no ${MANIFEST}: not a finished backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 1) throw new Error(`backup format ${String(manifest.format)} is not known here`);
  for (const f of manifest.files) {
    const actual = await describeFile(dir, f.name);
    if (actual.bytes !== f.bytes || actual.sha256 !== f.sha256)
      throw new Error(`${f.name} does not match the manifest (size or SHA-256): the backup is damaged`);
  }
  return manifest;
}
