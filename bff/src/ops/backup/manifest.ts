import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A place in a MariaDB server's binary log: file and offset, and the GTID state there when known. */
export interface BinlogPoint {
  file: string;
  position: number;
  gtid?: string;
}

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** A full backup (format 1; the fields after `binlog` were added later and may be absent). */
export interface BackupManifest {
  format: 1;
  /** When the snapshot was taken (UTC). */
  takenAt: string;
  engine: 'sqlite' | 'mariadb';
  /** The last migration applied: a restore runs on code that knows this schema. */
  schemaVersion: string;
  /** The data file(s) and their SHA-256. */
  files: BackupFile[];
  /** Rows per table in the snapshot. */
  rows: Record<string, number>;
  /** MariaDB with binary logging: where the snapshot stands in the log, the base of incrementals. */
  binlog: BinlogPoint | null;
  /** MariaDB: the database dumped (an incremental must be of the same one). */
  database?: string;
}

/**
 * An incremental backup (format 2, which format-1 readers refuse): the binary log events of one
 * database from its base's end point to its own, as the server wrote them (`mariadb-binlog --raw`).
 */
export interface IncrementalManifest {
  format: 2;
  kind: 'incremental';
  takenAt: string;
  engine: 'mariadb';
  /** The database whose events a restore replays (the log holds every database of the server). */
  database: string;
  /** The schema at the end point (migrations run in between are in the log). */
  schemaVersion: string;
  /** The folder taken before this one, next to it, and the SHA-256 of its manifest.json. */
  base: { folder: string; manifestSha256: string };
  /** The base's end point: the events after it are here… */
  start: BinlogPoint;
  /** …up to and including the transaction that ends here. */
  end: BinlogPoint;
  /** The copied log files, in the server's order, each cut to the events of this increment. */
  files: BackupFile[];
  /** Rows per table at the end point, counted in the snapshot the end point was read from. */
  rows: Record<string, number>;
}

export type AnyManifest = BackupManifest | IncrementalManifest;

export const MANIFEST = 'manifest.json';

export const isIncremental = (m: AnyManifest): m is IncrementalManifest => m.format === 2;

/** Where a backup leaves the database in the binary log: a full backup's snapshot, an increment's end. */
export const endPointOf = (m: AnyManifest): BinlogPoint | null => (isIncremental(m) ? m.end : m.binlog);

export async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function describeFile(dir: string, name: string): Promise<BackupFile> {
  const file = path.join(dir, name);
  return { name, bytes: fs.statSync(file).size, sha256: await sha256Of(file) };
}

export function writeManifest(dir: string, manifest: AnyManifest): void {
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A backup's manifest, of a format this code knows; its files are not checked. */
export function readManifest(dir: string): AnyManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} holds no ${MANIFEST}: not a finished backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as AnyManifest;
  const known = manifest.format === 1 || (manifest.format === 2 && manifest.kind === 'incremental');
  if (!known) throw new Error(`backup format ${String(manifest.format)} is not known here`);
  return manifest;
}

/** Reads a backup's manifest and checks every file against its size and checksum. */
export async function readVerifiedManifest(dir: string): Promise<AnyManifest> {
  const manifest = readManifest(dir);
  for (const f of manifest.files) {
    const actual = fs.existsSync(path.join(dir, f.name)) ? await describeFile(dir, f.name) : null;
    if (!actual) throw new Error(`${f.name} is missing from ${dir}: the backup is damaged`);
    if (actual.bytes !== f.bytes || actual.sha256 !== f.sha256)
      throw new Error(`${f.name} in ${dir} does not match the manifest (size or SHA-256): the backup is damaged`);
  }
  return manifest;
}
