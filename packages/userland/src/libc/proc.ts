// Reading /proc the way procps and busybox's procps_scan do.

import { isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { readFile } from './io.ts';

export const USER_HZ = 100;

export interface ProcInfo {
  pid: number; comm: string; state: string; ppid: number; pgrp: number; session: number; ttyNr: number; tpgid: number;
  utime: number; stime: number; nice: number; starttime: number; vsize: number; rss: number;
  uid: number; gid: number; args: string[]; tty: string;
}

async function tryRead(sys: Sys, p: string): Promise<string | null> {
  try { return await readFile(sys, p); } catch (e) { if (isSysError(e)) return null; throw e; }
}

function ttyName(nr: number): string {
  if (nr === 0) return '?';
  const major = (nr >> 8) & 0xfff, minor = (nr & 0xff) | ((nr >> 12) & 0xfff00);
  if (major === 136) return `pts/${minor}`;
  if (major === 4) return `tty${minor}`;
  if (major === 5 && minor === 1) return 'console';
  return '?';
}

/** All processes visible in /proc, by ascending pid. */
export async function scanProcs(sys: Sys): Promise<ProcInfo[]> {
  let ents: string[];
  try { ents = sys.readdir('/proc').map((d) => d.name).filter((n) => /^\d+$/.test(n)); } catch (e) { if (isSysError(e)) return []; throw e; }
  ents.sort((a, b) => Number(a) - Number(b));
  const out: ProcInfo[] = [];
  for (const n of ents) {
    const stat = await tryRead(sys, `/proc/${n}/stat`);
    if (!stat) continue;
    const lp = stat.indexOf('('), rp = stat.lastIndexOf(')');
    const comm = stat.slice(lp + 1, rp);
    const f = stat.slice(rp + 2).trim().split(/\s+/);
    const num = (i: number): number => Number(f[i] ?? 0);
    const status = (await tryRead(sys, `/proc/${n}/status`)) ?? '';
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const gid = Number(/^Gid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const cmdline = (await tryRead(sys, `/proc/${n}/cmdline`)) ?? '';
    const args = cmdline.split('\0');
    if (args[args.length - 1] === '') args.pop();
    out.push({
      pid: Number(n), comm, state: f[0] ?? '?', ppid: num(1), pgrp: num(2), session: num(3), ttyNr: num(4), tpgid: num(5),
      utime: num(11), stime: num(12), nice: num(16), starttime: num(19), vsize: num(20), rss: num(21) * 4,
      uid, gid, args, tty: ttyName(num(4)),
    });
  }
  return out;
}

/** Boot time (epoch seconds) from /proc/stat's btime. */
export async function bootTime(sys: Sys): Promise<number> {
  const s = (await tryRead(sys, '/proc/stat')) ?? '';
  const m = /^btime\s+(\d+)/m.exec(s);
  return m ? Number(m[1]) : Math.floor((sys.now() - sys.uptime()) / 1000);
}

export async function meminfo(sys: Sys): Promise<Record<string, number>> {
  const s = (await tryRead(sys, '/proc/meminfo')) ?? '';
  const out: Record<string, number> = {};
  for (const l of s.split('\n')) {
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)/.exec(l);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}
