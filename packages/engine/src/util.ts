// Small helpers every part of dockerd uses.

import type { Sys } from '@dockersim/kernel';
import { readFile } from '@dockersim/userland';

/** Random bytes from the world's seed as lower-case hex (ids of containers, execs, layers). */
export function randomHex(sys: Sys, bytes: number): string {
  const b = sys.getrandom(bytes);
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
  return s;
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
