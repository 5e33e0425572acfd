// Reading the shell's input a line at a time without reading past it, as bash
// does on pipes: a command run from that line may read the rest of the input
// itself. Seekable input is read in blocks and the offset put back.

import { isSysError, ESPIPE, SEEK_CUR, SEEK_SET } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';

const dec = new TextDecoder();

/** One line including its "\n" (the last may lack it), or null at EOF. */
export async function readLineFd(sys: Sys, fd: number): Promise<string | null> {
  let pos = -1;
  try { pos = sys.lseek(fd, 0, SEEK_CUR); } catch (e) {
    if (!isSysError(e)) throw e;
    if (e.errno !== ESPIPE) pos = -1;
  }
  if (pos >= 0) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const b = await sys.read(fd, 4096);
      if (b.length === 0) break;
      const nl = b.indexOf(10);
      if (nl >= 0) {
        chunks.push(b.subarray(0, nl + 1));
        total += nl + 1;
        sys.lseek(fd, pos + total, SEEK_SET);
        break;
      }
      chunks.push(b);
      total += b.length;
    }
    if (total === 0) return null;
    return decodeAll(chunks);
  }
  const bytes: number[] = [];
  for (;;) {
    const b = await sys.read(fd, 1);
    if (b.length === 0) break;
    bytes.push(b[0]!);
    if (b[0] === 10) break;
  }
  if (bytes.length === 0) return null;
  return dec.decode(new Uint8Array(bytes));
}

function decodeAll(chunks: Uint8Array[]): string {
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  return dec.decode(all);
}
