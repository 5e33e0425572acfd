// /proc/PID: a directory made on lookup for one process, as procfs's
// pid_entry table lists them (fs/proc/base.c).

import { EACCES, EINVAL, ENOENT, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { FsContext } from '../vfs/node.ts';
import type { OpenFile } from '../vfs/file.ts';
import type { Proc } from '../process/proc.ts';
import type { PidNs } from '../process/pidns.ts';
import type { SynthDir, SynthEntry } from '../fs/synth.ts';
import { formatMountinfo, formatMounts } from '../vfs/mount.ts';
import { arpText, routeText, tcpText, udpText, unixText } from './net-files.ts';
import { nulJoin, statmText, statText, statusText } from './pid-files.ts';
import { PipeEnd } from '../ipc/pipe.ts';
import { HostSinkFile } from '../ipc/host-io.ts';
import { UnixSocket } from '../net/unix.ts';
import { InetSocket } from '../net/inet.ts';
import { PacketSocket } from '../net/packet-socket.ts';
import { PtyMasterFile, PtySlaveFile } from '../tty/pty.ts';
import { MemDevFile } from '../dev/mem.ts';
import { NsFile } from '../ns/nsfile.ts';
import type { NsType } from '../ns/namespaces.ts';

const NS_NAMES: [string, NsType, boolean][] = [
  ['cgroup', 'cgroup', false], ['ipc', 'ipc', false], ['mnt', 'mnt', false], ['net', 'net', false],
  ['pid', 'pid', false], ['pid_for_children', 'pid', true], ['time', 'time', false],
  ['time_for_children', 'time', true], ['user', 'user', false], ['uts', 'uts', false],
];

/** What readlink /proc/PID/fd/N says. */
export function fdTarget(k: Kernel, ctx: FsContext, f: OpenFile): string {
  if (f instanceof PipeEnd) return `pipe:[${f.pipe.ino}]`;
  if (f instanceof HostSinkFile) return `pipe:[${f.stat().ino}]`;
  if (f instanceof UnixSocket || f instanceof InetSocket || f instanceof PacketSocket) return `socket:[${f.ino}]`;
  if (f instanceof PtySlaveFile) return f.tty.name;
  if (f instanceof PtyMasterFile) return '/dev/ptmx';
  if (f instanceof MemDevFile) return `/dev/${f.dev}`;
  if (f instanceof NsFile) return `${f.type}:[${f.inum}]`;
  try {
    return k.vfs.pathOf(ctx, k.vfs.fileLocation(f)) ?? '/';
  } catch {
    return `anon_inode:[${f.kind}]`;
  }
}

/** The entries of /proc/PID in readdir order (fs/proc/base.c's tgid_base_stuff, the ones we have). */
const PID_ENTRIES = ['cmdline', 'comm', 'status', 'stat', 'statm', 'environ', 'cgroup', 'mountinfo', 'mounts',
  'oom_score_adj', 'oom_score', 'loginuid', 'uid_map', 'gid_map', 'setgroups', 'limits', 'cwd', 'root', 'exe', 'fd',
  'ns', 'net', 'task'];
const NET_ENTRIES = ['dev', 'tcp', 'udp', 'raw', 'tcp6', 'udp6', 'raw6', 'route', 'arp', 'unix'];

/**
 * /proc/PID: each entry is made when looked up, so a cached directory of a
 * long-lived process (a container's init) holds no more than its process.
 */
export function pidDir(k: Kernel, p: Proc, ns: PidNs): SynthDir {
  const dir: SynthDir = {
    kind: 'dir', uid: p.uid, gid: p.gid,
    list: () => PID_ENTRIES.slice(),
    get: (name) => pidEntry(k, p, ns, dir, name),
  };
  return dir;
}

function pidEntry(k: Kernel, p: Proc, ns: PidNs, dir: SynthDir, name: string): SynthEntry | undefined {
  const alive = (): Proc => { if (!p.alive && p.state !== 'Z') throw new SysError(ENOENT); return p; };
  const file = (read: (ctx: FsContext) => string, mode?: number): SynthEntry => ({ kind: 'file', mode, read, uid: p.uid, gid: p.gid });
  const mountsOf = (fmt: (ctx: FsContext) => string): SynthEntry => file((ctx) => { void ctx; return p.alive ? fmt(ctx) : ''; });
  switch (name) {
    case 'cmdline': return file(() => (p.alive ? nulJoin(p.argv) : ''));
    case 'comm': return { kind: 'file', mode: 0o644, uid: p.uid, gid: p.gid, read: () => p.comm + '\n',
      write: (d) => { p.comm = new TextDecoder().decode(d).replace(/\n$/, '').slice(0, 15); } };
    case 'status': return file(() => statusText(k, alive(), ns));
    case 'stat': return file(() => statText(k, alive(), ns));
    case 'statm': return file(() => statmText(p));
    case 'environ': return file(() => nulJoin(p.env), 0o400);
    // relative to the reader's cgroup namespace, as proc_cgroup_show does
    case 'cgroup': return file((ctx) => `0::${p.cgroup.pathFrom(((ctx.task as Proc | undefined) ?? p).ns.cgroup.root)}\n`);
    case 'mountinfo': return mountsOf(() => p.ns.mnt.mountInfo(p.fs.root).map((i) => formatMountinfo(i) + '\n').join(''));
    case 'mounts': return mountsOf(() => p.ns.mnt.mountInfo(p.fs.root).map((i) => formatMounts(i) + '\n').join(''));
    case 'oom_score_adj': return { kind: 'file', mode: 0o644, uid: p.uid, gid: p.gid, read: () => `${p.oomScoreAdj}\n`,
      write: (d) => {
        const v = Number(new TextDecoder().decode(d).trim());
        if (!Number.isInteger(v) || v < -1000 || v > 1000) throw new SysError(EINVAL);
        p.oomScoreAdj = v;
      } };
    case 'oom_score': return file(() => `${Math.max(0, Math.round(p.mem / k.memoryBytes * 1000) + Math.round(p.oomScoreAdj * 2 / 3) + 666 * 0)}\n`);
    case 'loginuid': return file(() => '4294967295');
    case 'uid_map': return file(() => p.ns.user.uidMap);
    case 'gid_map': return file(() => p.ns.user.gidMap);
    case 'setgroups': return file(() => 'allow\n');
    case 'limits': return file(() => limitsText());
    case 'cwd': return { kind: 'link', uid: p.uid, gid: p.gid, target: (ctx) => linkPath(k, ctx, p, 'cwd') };
    case 'root': return { kind: 'link', uid: p.uid, gid: p.gid, target: (ctx) => linkPath(k, ctx, p, 'root') };
    case 'exe': return { kind: 'link', uid: p.uid, gid: p.gid, target: () => { if (!p.alive) throw new SysError(ENOENT); return p.exe; } };
    case 'fd': return {
      kind: 'dir', mode: 0o500, uid: p.uid, gid: p.gid,
      list: () => { const o: string[] = []; p.fds.forEach((f, i) => { if (f) o.push(String(i)); }); return o; },
      get: (n) => {
        const f = /^\d+$/.test(n) ? p.fds[Number(n)] : undefined;
        return f ? { kind: 'link', uid: p.uid, gid: p.gid, target: (ctx) => fdTarget(k, ctx, f) } : undefined;
      },
    };
    case 'ns': return {
      kind: 'dir', mode: 0o511, uid: p.uid, gid: p.gid,
      list: () => (p.alive ? NS_NAMES.map((n) => n[0]) : []),
      get: (n) => {
        const e = NS_NAMES.find((x) => x[0] === n);
        if (!e || !p.alive) return undefined;
        return { kind: 'link', uid: p.uid, gid: p.gid, target: () => `${e[1]}:[${k.nsInum(p, e[1], e[2])}]` };
      },
    };
    case 'net': return { kind: 'dir', list: () => NET_ENTRIES.slice(), get: (n) => netEntry(p, k, n, file) };
    case 'task': return {
      kind: 'dir', list: () => [String(p.nspids[ns.level])],
      get: (n) => (n === String(p.nspids[ns.level]) ? dir : undefined),
    };
    default: return undefined;
  }
}

function netEntry(p: Proc, k: Kernel, name: string, file: (read: (ctx: FsContext) => string) => SynthEntry): SynthEntry | undefined {
  switch (name) {
    case 'dev': return file(() => netDevText(p));
    case 'tcp': return file(() => tcpText(p));
    case 'udp': return file(() => udpText(p));
    case 'raw': return file(() => udpText(p, 'raw'));
    case 'tcp6': return file(() => tcpText(p, true));
    case 'udp6': return file(() => udpText(p, 'udp', true));
    case 'raw6': return file(() => udpText(p, 'raw', true));
    case 'route': return file(() => routeText(p));
    case 'arp': return file(() => arpText(p));
    case 'unix': return file(() => unixText(k, p));
    default: return undefined;
  }
}

function linkPath(k: Kernel, ctx: FsContext, p: Proc, which: 'cwd' | 'root'): string {
  if (!p.alive) throw new SysError(ENOENT);
  const r = ctx.task as Proc | undefined;
  if (r && r !== p && r.euid !== 0 && r.euid !== p.uid) throw new SysError(EACCES);
  return k.vfs.pathOf(ctx, which === 'cwd' ? p.fs.cwd : p.fs.root) ?? '/';
}

function limitsText(): string {
  const row = (name: string, soft: string, hard: string, unit: string): string =>
    `${name.padEnd(26)}${soft.padEnd(21)}${hard.padEnd(21)}${unit.padEnd(10)}\n`.replace(/ +\n$/, (m) => m);
  return `${'Limit'.padEnd(26)}${'Soft Limit'.padEnd(21)}${'Hard Limit'.padEnd(21)}${'Units'.padEnd(10)}\n`
    + row('Max cpu time', 'unlimited', 'unlimited', 'seconds')
    + row('Max file size', 'unlimited', 'unlimited', 'bytes')
    + row('Max data size', 'unlimited', 'unlimited', 'bytes')
    + row('Max stack size', '8388608', 'unlimited', 'bytes')
    + row('Max core file size', '0', 'unlimited', 'bytes')
    + row('Max resident set', 'unlimited', 'unlimited', 'bytes')
    + row('Max processes', 'unlimited', 'unlimited', 'processes')
    + row('Max open files', '1048576', '1048576', 'files')
    + row('Max locked memory', '8388608', '8388608', 'bytes')
    + row('Max address space', 'unlimited', 'unlimited', 'bytes')
    + row('Max file locks', 'unlimited', 'unlimited', 'locks')
    + row('Max pending signals', '62435', '62435', 'signals')
    + row('Max msgqueue size', '819200', '819200', 'bytes')
    + row('Max nice priority', '0', '0', '')
    + row('Max realtime priority', '0', '0', '')
    + row('Max realtime timeout', 'unlimited', 'unlimited', 'us');
}

/** /proc/net/dev of the process's network namespace. */
export function netDevText(p: Proc): string {
  let s = 'Inter-|   Receive                                                |  Transmit\n'
    + ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  for (const d of p.ns.net.devs) {
    s += `${d.name.padStart(6)}:${String(d.rxBytes).padStart(8)} ${String(d.rxPackets).padStart(7)}    0    0    0     0          0         0 `
      + `${String(d.txBytes).padStart(8)} ${String(d.txPackets).padStart(7)}    0    0    0     0       0          0\n`;
  }
  return s;
}
