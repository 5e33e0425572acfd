// procfs: one instance per pid namespace (that of the mounting process), so
// a container's /proc lists only its own processes, numbered as it sees
// them. Everything is made when read: nothing is kept per process.

import { EINVAL, ENOENT, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { FilesystemType, SuperBlock } from '../vfs/filesystem.ts';
import type { FsContext } from '../vfs/node.ts';
import type { Proc } from '../process/proc.ts';
import type { PidNs } from '../process/pidns.ts';
import { pidIn } from '../process/pidns.ts';
import { synthFilesystem, type SynthDir, type SynthEntry } from '../fs/synth.ts';
import { pidDir } from './pid-dir.ts';
import { cpuinfoText, filesystemsText, loadavgText, meminfoText, statText, uptimeText, versionText } from './global-files.ts';
import { sysDir } from './sys-dir.ts';

const procNs = new WeakMap<SuperBlock, PidNs>();
/** The pid namespace a proc superblock shows. */
export function procNsOf(sb: SuperBlock): PidNs | undefined { return procNs.get(sb); }

/** The process reading (the caller of the system call). */
export function reader(k: Kernel, ctx: FsContext): Proc | undefined {
  return (ctx.task as Proc | undefined) ?? k.hostInit() ?? undefined;
}

const text = (read: (ctx: FsContext) => string, mode?: number): SynthEntry => ({ kind: 'file', read, mode });

export function procType(k: Kernel): FilesystemType {
  const t = synthFilesystem('proc', (req) => {
    const task = req.ctx?.task as Proc | undefined;
    return procRoot(k, task ? task.pidns : k.hostPidNs);
  }, {
    source: 'proc',
    instanceKey: (req) => ((req.ctx?.task as Proc | undefined)?.pidns ?? k.hostPidNs),
  });
  return {
    name: t.name, nodev: t.nodev,
    mount(req) {
      const sb = t.mount(req);
      const task = req.ctx?.task as Proc | undefined;
      procNs.set(sb, task ? task.pidns : k.hostPidNs);
      return sb;
    },
  };
}

const shared = new WeakMap<Kernel, Record<string, SynthEntry>>();

/** The entries that do not depend on the instance's pid namespace: one set per kernel. */
function sharedEntries(k: Kernel): Record<string, SynthEntry> {
  let e = shared.get(k);
  if (e) return e;
  e = {
    mounts: { kind: 'link', target: () => 'self/mounts' },
    net: { kind: 'link', target: () => 'self/net' },
    uptime: text(() => uptimeText(k)),
    meminfo: text(() => meminfoText(k)),
    cpuinfo: text(() => cpuinfoText(k)),
    stat: text(() => statText(k)),
    version: text(() => versionText(k)),
    filesystems: text(() => filesystemsText(k)),
    cmdline: text(() => `BOOT_IMAGE=/boot/vmlinuz-${k.release} root=/dev/vda1 ro console=ttyS0\n`),
    cgroups: text(() => '#subsys_name\thierarchy\tnum_cgroups\tenabled\n'),
    sys: sysDir(k),
    kmsg: { kind: 'file', mode: 0o400, read: () => { throw new SysError(EINVAL); } },
  };
  shared.set(k, e);
  return e;
}

const PER_NS = ['self', 'thread-self', 'loadavg'];

function procRoot(k: Kernel, ns: PidNs): SynthDir {
  const selfPid = (ctx: FsContext): number => {
    const p = reader(k, ctx);
    return p ? pidIn(ns, p.nspids, p.pidns) : 0;
  };
  return {
    kind: 'dir',
    ino: 1,
    children: sharedEntries(k),
    list: () => {
      const out: number[] = [];
      for (const [pid] of ns.procs) out.push(pid);
      out.sort((a, b) => a - b);
      return [...PER_NS, ...out.map(String)];
    },
    get: (name) => {
      switch (name) {
        case 'self': return { kind: 'link', target: (ctx) => { const n = selfPid(ctx); if (!n) throw new SysError(ENOENT); return String(n); } };
        case 'thread-self': return { kind: 'link', target: (ctx) => { const n = selfPid(ctx); return `${n}/task/${n}`; } };
        case 'loadavg': return text(() => loadavgText(k, ns));
      }
      if (!/^[1-9]\d*$/.test(name)) return undefined;
      const p = ns.procs.get(Number(name));
      return p ? pidDir(k, p, ns) : undefined;
    },
  };
}
