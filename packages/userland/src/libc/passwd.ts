// /etc/passwd and /etc/group lookups (what getpwuid/getgrgid read).

import type { Sys } from '@dockersim/kernel';
import { readFile } from './io.ts';

export interface PasswdEntry { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }
export interface GroupEntry { name: string; gid: number; members: string[] }

async function lines(sys: Sys, path: string): Promise<string[][]> {
  let t: string;
  try { t = await readFile(sys, path); } catch (e) {
    if (e instanceof Error && e.name === 'SysError') return [];
    throw e;
  }
  return t.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
}

export async function readPasswd(sys: Sys): Promise<PasswdEntry[]> {
  return (await lines(sys, '/etc/passwd')).map((f) => ({
    name: f[0] ?? '', uid: Number(f[2] ?? -1), gid: Number(f[3] ?? -1), gecos: f[4] ?? '', home: f[5] ?? '/', shell: f[6] ?? '',
  }));
}

export async function readGroups(sys: Sys): Promise<GroupEntry[]> {
  return (await lines(sys, '/etc/group')).map((f) => ({
    name: f[0] ?? '', gid: Number(f[2] ?? -1), members: (f[3] ?? '').split(',').filter(Boolean),
  }));
}

/** uid/gid → name maps, loaded once per program run. */
export class Names {
  private constructor(readonly users: PasswdEntry[], readonly groups: GroupEntry[]) {}
  static async load(sys: Sys): Promise<Names> { return new Names(await readPasswd(sys), await readGroups(sys)); }
  user(uid: number): string { return this.users.find((u) => u.uid === uid)?.name ?? String(uid); }
  group(gid: number): string { return this.groups.find((g) => g.gid === gid)?.name ?? String(gid); }
  userByName(n: string): PasswdEntry | undefined { return this.users.find((u) => u.name === n); }
  groupByName(n: string): GroupEntry | undefined { return this.groups.find((g) => g.name === n); }
}
