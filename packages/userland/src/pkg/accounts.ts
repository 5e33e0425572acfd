// System accounts that packages' install scripts create (nginx, redis,
// postgres, mysql): what `adduser -S -G NAME NAME` (busybox) and Debian's
// `adduser --system --group` append to passwd, group and shadow.

import { isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { readFile, writeFile } from '../libc/io.ts';

export interface SystemAccount { user: string; home: string; shell?: string; gecos?: string }

async function read(sys: Sys, path: string): Promise<string | undefined> {
  try { return await readFile(sys, path); } catch (e) {
    if (!isSysError(e)) throw e;
    return undefined;
  }
}

function firstFree(used: Set<number>, from: number, to: number): number {
  for (let id = from; id <= to; id++) if (!used.has(id)) return id;
  return from;
}

/** Adds a system user and its group unless the user exists. Returns [uid, gid]. */
export async function addSystemAccount(sys: Sys, a: SystemAccount, range: [number, number] = [100, 999]): Promise<[number, number]> {
  const passwd = (await read(sys, '/etc/passwd')) ?? '';
  const group = (await read(sys, '/etc/group')) ?? '';
  const have = passwd.split('\n').find((l) => l.startsWith(`${a.user}:`));
  if (have) { const f = have.split(':'); return [Number(f[2]), Number(f[3])]; }
  const ids = (s: string, i: number) => new Set(s.split('\n').filter(Boolean).map((l) => Number(l.split(':')[i])));
  const existingGroup = group.split('\n').find((l) => l.startsWith(`${a.user}:`));
  const gid = existingGroup ? Number(existingGroup.split(':')[2]) : firstFree(ids(group, 2), range[0], range[1]);
  const uid = firstFree(ids(passwd, 2), range[0], range[1]);
  const nl = (s: string) => (s && !s.endsWith('\n') ? '\n' : '');
  if (!existingGroup) await writeFile(sys, '/etc/group', `${group}${nl(group)}${a.user}:x:${gid}:${a.user}\n`);
  await writeFile(sys, '/etc/passwd', `${passwd}${nl(passwd)}${a.user}:x:${uid}:${gid}:${a.gecos ?? a.user}:${a.home}:${a.shell ?? '/sbin/nologin'}\n`);
  const shadow = await read(sys, '/etc/shadow');
  if (shadow !== undefined) await writeFile(sys, '/etc/shadow', `${shadow}${nl(shadow)}${a.user}:!::0:::::\n`, { mode: 0o640 });
  try { sys.mkdir(a.home, 0o755); } catch (e) { if (!isSysError(e)) throw e; }
  try { sys.chown(a.home, uid, gid); } catch (e) { if (!isSysError(e)) throw e; }
  return [uid, gid];
}
