// Small helpers every part of dockerd uses.

import type { Sys } from '@dockersim/kernel';
import { readFile } from '@dockersim/userland';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Random bytes from the world's seed as lower-case hex (ids of containers, execs, layers). */
export function randomHex(sys: Sys, bytes: number): string {
  const b = sys.getrandom(bytes);
  // joined, not concatenated: `s +=` would keep a rope of 2n pieces (~1 KB) per id alive
  const parts = new Array<string>(b.length);
  for (let i = 0; i < b.length; i++) parts[i] = HEX[b[i]!]!;
  return parts.join('');
}

/** A file's text, or '' when it cannot be read (a missing /etc/group, a process that has exited). */
export function readText(sys: Sys, path: string): Promise<string> {
  return readFile(sys, path).catch(() => '');
}

/** A field of an os-release file, unquoted ('' when absent). */
export function osReleaseField(text: string, key: string): string {
  const m = new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text);
  return m ? m[1] : '';
}
