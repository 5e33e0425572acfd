// What ss -p and netstat -p learn from /proc: which process holds which
// socket (readlink /proc/PID/fd/N = "socket:[INODE]"), and port names from
// /etc/services (getservbyport).

import { isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { readFile } from '../libc/io.ts';

export interface SockOwner {
  pid: number;
  fd: number;
  /** The name in /proc/PID/stat (comm, at most 15 characters). */
  comm: string;
  /** argv[0] from /proc/PID/cmdline. */
  argv0: string;
}

async function tryRead(sys: Sys, path: string): Promise<string | null> {
  try { return await readFile(sys, path); } catch (e) { if (isSysError(e)) return null; throw e; }
}

/**
 * Every socket inode held by a process visible in /proc, in /proc order
 * (ascending pid, then ascending fd). `denied` is true when some process's
 * fd directory could not be read (not root).
 */
export async function socketOwners(sys: Sys): Promise<{ owners: Map<number, SockOwner[]>; denied: boolean }> {
  const owners = new Map<number, SockOwner[]>();
  let denied = false;
  let pids: number[];
  try { pids = sys.readdir('/proc').map((d) => d.name).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b); } catch (e) {
    if (isSysError(e)) return { owners, denied: true };
    throw e;
  }
  for (const pid of pids) {
    let fds: number[];
    try { fds = sys.readdir(`/proc/${pid}/fd`).map((d) => Number(d.name)).filter((n) => Number.isInteger(n)).sort((a, b) => a - b); } catch (e) {
      if (!isSysError(e)) throw e;
      denied = true;
      continue;
    }
    let comm: string | null = null, argv0 = '';
    for (const fd of fds) {
      let target: string;
      try { target = sys.readlink(`/proc/${pid}/fd/${fd}`); } catch (e) { if (isSysError(e)) continue; throw e; }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (!m) continue;
      if (comm === null) {
        const stat = (await tryRead(sys, `/proc/${pid}/stat`)) ?? '';
        comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        argv0 = ((await tryRead(sys, `/proc/${pid}/cmdline`)) ?? '').split('\0')[0] ?? '';
      }
      const ino = Number(m[1]);
      const list = owners.get(ino) ?? [];
      list.push({ pid, fd, comm, argv0 });
      owners.set(ino, list);
    }
  }
  return { owners, denied };
}

/** getservbyport(3) over /etc/services: the service name of port/proto, or null. */
export class Services {
  private readonly _byPort = new Map<string, string>();

  static async load(sys: Sys): Promise<Services> {
    const s = new Services();
    const text = (await tryRead(sys, '/etc/services')) ?? '';
    for (const line of text.split('\n')) {
      const f = line.replace(/#.*/, '').trim().split(/\s+/);
      if (f.length < 2) continue;
      const m = /^(\d+)\/(\w+)$/.exec(f[1]!);
      if (!m) continue;
      const key = `${Number(m[1])}/${m[2]}`;
      if (!s._byPort.has(key)) s._byPort.set(key, f[0]!);
    }
    return s;
  }

  name(port: number, proto: string): string | null { return this._byPort.get(`${port}/${proto}`) ?? null; }
}
