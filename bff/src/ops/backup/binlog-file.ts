import fs from 'node:fs';
import path from 'node:path';

/** Every binary log file begins with these four bytes, then events: a 19-byte header, then the body. */
const MAGIC = Buffer.from([0xfe, 0x62, 0x69, 0x6e]);
const HEADER_BYTES = 19;

/**
 * Cuts a copied binary log file right after the event that ends at `position` of the server's log.
 * Each event's header holds its length (bytes 9–12) and that end (`log_pos`, bytes 13–16), whatever
 * its offset in the copy (a copy read from a position starts with the copier's own header).
 */
export function cutAfterEventEndingAt(file: string, position: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    fs.readSync(fd, header, 0, MAGIC.length, 0);
    if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${file} is not a binary log file`);
    const size = fs.fstatSync(fd).size;
    for (let at = MAGIC.length; at + HEADER_BYTES <= size; ) {
      fs.readSync(fd, header, 0, HEADER_BYTES, at);
      const length = header.readUInt32LE(9);
      if (length < HEADER_BYTES) throw new Error(`${file} holds a damaged event at ${at}`);
      at += length;
      if (header.readUInt32LE(13) === position) {
        fs.ftruncateSync(fd, at);
        return;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  throw new Error(
    `no event of the copied ${path.basename(file)} ends at ${position}, the end point the server reported`,
  );
}
