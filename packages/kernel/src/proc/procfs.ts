// procfs: one instance per pid namespace (that of the mounting process), so
// a container's /proc lists only its own processes, numbered as it sees
// them. Everything is made when read: nothing is kept per process.

import { EINVAL, SysError } from '../abi/errno.ts';
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

const sysDirs = new WeakMap<Kernel, SynthDir>();
/** /proc/sys reads the caller's namespaces, so one spec serves every instance. */
function sysDirOf(k: Kernel): SynthDir {
  let d = sysDirs.get(k);
  if (!d) sysDirs.set(k, d = sysDir(k));
  return d;
}

function procRoot(k: Kernel, ns: PidNs): SynthDir {
  const selfPid = (ctx: FsContext): number => {
    const p = reader(k, ctx);
    return p ? pidIn(ns, p.nspids, p.pidns) : 0;
  };
  return {
    kind: 'dir',
    ino: 1,
    children: {
      self: { kind: 'link', target: (ctx) => { const n = selfPid(ctx); if (!n) throw new SysError(2); return String(n); } },
      'thread-self': { kind: 'link', target: (ctx) => { const n = selfPid(ctx); return `${n}/task/${n}`; } },
      mounts: { kind: 'link', target: () => 'self/mounts' },
      net: { kind: 'link', target: () => 'self/net' },
      uptime: text(() => uptimeText(k)),
      loadavg: text(() => loadavgText(k, ns)),
      meminfo: text(() => meminfoText(k)),
      cpuinfo: text(() => cpuinfoText(k)),
      stat: text(() => statText(k)),
      version: text(() => versionText(k)),
      filesystems: text(() => filesystemsText(k)),
      cmdline: text(() => `BOOT_IMAGE=/boot/vmlinuz-${k.release} root=/dev/vda1 ro console=ttyS0\n`),
      cgroups: text(() => '#subsys_name\thierarchy\tnum_cgroups\tenabled\n'),
      sys: sysDirOf(k),
      kmsg: { kind: 'file', mode: 0o400, read: () => { throw new SysError(EINVAL); } },
    },
    list: () => {
      const out: number[] = [];
      for (const [pid] of ns.procs) out.push(pid);
      out.sort((a, b) => a - b);
      return out.map(String);
    },
    get: (name) => {
      if (!/^[1-9]\d*$/.test(name)) return undefined;
      const p = ns.procs.get(Number(name));
      return p ? pidDir(k, p, ns) : undefined;
    },
  };
}
