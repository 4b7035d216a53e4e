import fs from 'node:fs';
import path from 'node:path';
import {
  type AnyManifest,
  type BinlogPoint,
  endPointOf,
  isIncremental,
  MANIFEST,
  readVerifiedManifest,
  sha256Of,
} from './manifest.js';
import { normalGtidState } from './server-binlog.js';

export interface ChainLink {
  dir: string;
  manifest: AnyManifest;
}

/**
 * The backups a restore from `dir` loads, the full backup first: every folder's files checked
 * against its manifest, and every incremental against its base: the base is next to it under the
 * name it records, its manifest is the very one (SHA-256), and the increment starts where it ends.
 */
export async function readChain(dir: string): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  for (let at = path.resolve(dir); ; ) {
    const manifest = await readVerifiedManifest(at);
    const taken = links[0]?.manifest; // the increment taken on this one
    if (taken && isIncremental(taken) && !continues(taken.start, endPointOf(manifest)))
      throw new Error(
        `the chain is broken: ${path.basename(links[0]!.dir)} starts at ${describe(taken.start)}, ` +
          `not where ${path.basename(at)} ends (${describe(endPointOf(manifest))})`,
      );
    links.unshift({ dir: at, manifest });
    if (!isIncremental(manifest)) return links;
    const name = path.basename(at);
    const baseDir = path.join(path.dirname(at), manifest.base.folder);
    if (!fs.existsSync(path.join(baseDir, MANIFEST)))
      throw new Error(`the chain is broken: ${name} continues ${manifest.base.folder}, which is not next to it`);
    if ((await sha256Of(path.join(baseDir, MANIFEST))) !== manifest.base.manifestSha256)
      throw new Error(
        `the chain is broken: ${manifest.base.folder}/${MANIFEST} is not the one ${name} was taken on ` +
          '(SHA-256 differs)',
      );
    if (links.some((l) => l.dir === baseDir)) throw new Error(`the chain is broken: ${name} is its own base`);
    at = baseDir;
  }
}

/** Whether an increment starting at `start` continues a backup ending at `end`. */
export function continues(start: BinlogPoint, end: BinlogPoint | null): boolean {
  if (!end) return false;
  if (start.gtid && end.gtid) return normalGtidState(start.gtid) === normalGtidState(end.gtid);
  return start.file === end.file && start.position === end.position;
}

const describe = (p: BinlogPoint | null) =>
  p ? `${p.file}:${p.position}${p.gtid ? ` GTID ${p.gtid}` : ''}` : 'nowhere';

/** What a chain holds, folder by folder, for the operator. */
export function describeChain(links: ChainLink[]) {
  return links.map(({ dir, manifest }) => ({
    folder: path.basename(dir),
    kind: isIncremental(manifest) ? 'incremental' : 'full',
    takenAt: manifest.takenAt,
    files: manifest.files.length,
    bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0),
  }));
}
