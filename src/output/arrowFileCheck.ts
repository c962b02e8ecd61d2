/**
 * A cheap completeness check of an Arrow IPC file (file format): the magic `ARROW1` at both ends
 * and a footer length that fits. A file cut short by a crash, an empty file or random bytes
 * fails it. Reads 16 bytes, so a sweep collect can check every partition it counts.
 */
import * as fs from 'node:fs';

const MAGIC = Buffer.from('ARROW1');

/** True when `file` exists and looks like a whole Arrow IPC file. */
export function isCompleteArrowFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fs.fstatSync(fd).size;
    // magic(6) + padding(2) + schema message + footer + footer length(4) + magic(6)
    if (size < 6 + 2 + 4 + 6) return false;
    const head = Buffer.alloc(6);
    const tail = Buffer.alloc(10);
    fs.readSync(fd, head, 0, 6, 0);
    fs.readSync(fd, tail, 0, 10, size - 10);
    if (!head.equals(MAGIC) || !tail.subarray(4).equals(MAGIC)) return false;
    const footerBytes = tail.readInt32LE(0);
    return footerBytes > 0 && footerBytes <= size - 8 - 10;
  } finally {
    fs.closeSync(fd);
  }
}
