// devpts (Linux's fs/devpts): a directory of the slave ends of the ptys of
// one instance, "ptmx" to make new ones, and "0", "1", ... for those open.
// Docker mounts a new instance per container (newinstance), so a container's
// first terminal is /dev/pts/0 there too. Device numbers: ptmx 5:2, slaves
// 136:N with N the number in their instance, so a container's pts/0 and the
// host's pts/0 are both 136:0; a slave node opens its own terminal (Linux's
// devpts_get_priv), not whatever the device number would name.

import { EPERM, SysError } from '../abi/errno.ts';
import { S_IFCHR, S_IFDIR } from '../abi/flags.ts';
import type { Dirent } from '../sys.ts';
import type { Node, NodeAttr, FsContext } from '../vfs/node.ts';
import type { OpenFile } from '../vfs/file.ts';
import type { Proc } from '../process/proc.ts';
import type { FilesystemType, MountRequest, SuperBlock } from '../vfs/filesystem.ts';
import { makedev, parseMountData } from '../vfs/index.ts';
import type { Kernel } from '../kernel.ts';
import type { Tty } from './tty.ts';

export class DevptsInstance {
  /** Terminals by their index in this instance. */
  readonly ttys = new Map<number, Tty>();
  constructor(readonly ptmxMode: number, readonly mode: number, readonly gid: number) {}
  nextIndex(): number { let i = 0; while (this.ttys.has(i)) i++; return i; }
}

class DevptsNode implements Node {
  mounted = 0;
  nlink = 1;
  size = 0;
  readonly parent: Node;
  constructor(
    readonly sb: DevptsSb, readonly ino: number, public mode: number, readonly rdev: number,
    readonly name: string, parent: Node | null, public uid = 0, public gid = 0, readonly time = 0,
  ) { this.parent = parent ?? this; }
  get atime(): number { return this.time; }
  get mtime(): number { return this.time; }
  get ctime(): number { return this.time; }
  setattr(a: NodeAttr): void {
    if (a.mode !== undefined) this.mode = (this.mode & ~0o7777) | (a.mode & 0o7777);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
  }
}

/** /dev/pts/N: opens its own terminal, whichever instance it belongs to. */
class DevptsSlaveNode extends DevptsNode {
  constructor(sb: DevptsSb, private readonly _tty: Tty, mode: number, name: string, parent: Node, gid: number, time: number) {
    super(sb, _tty.index + 3, mode, makedev(136, _tty.instIndex), name, parent, _tty.uid, gid, time);
  }
  open(ctx: FsContext, flags: number): OpenFile {
    return this.sb.k.ptys.openSlave(this._tty.index, flags, (ctx.task as Proc | undefined) ?? null);
  }
}

class DevptsRoot extends DevptsNode {
  private readonly _ptmx: DevptsNode;
  constructor(sb: DevptsSb, time: number) {
    super(sb, 1, S_IFDIR | 0o755, 0, '', null, 0, 0, time);
    this.nlink = 2;
    this._ptmx = new DevptsNode(sb, 2, S_IFCHR | sb.inst.ptmxMode, makedev(5, 2), 'ptmx', this, 0, 0, time);
  }
  lookup(name: string, _ctx: FsContext): Node | undefined {
    if (name === 'ptmx') return this._ptmx;
    if (!/^(0|[1-9]\d*)$/.test(name)) return undefined;
    const t = (this.sb as DevptsSb).inst.ttys.get(Number(name));
    if (!t) return undefined;
    const inst = (this.sb as DevptsSb).inst;
    return new DevptsSlaveNode(this.sb as DevptsSb, t, S_IFCHR | inst.mode, name, this, inst.gid, this.time);
  }
  readdir(_ctx: FsContext): Dirent[] {
    const out: Dirent[] = [{ name: 'ptmx', ino: 2, type: 'chr' }];
    for (const [i, t] of [...(this.sb as DevptsSb).inst.ttys].sort((a, b) => a[0] - b[0])) {
      out.push({ name: String(i), ino: t.index + 3, type: 'chr' });
    }
    return out;
  }
  create(): Node { throw new SysError(EPERM); }
  mkdir(): Node { throw new SysError(EPERM); }
}

class DevptsSb implements SuperBlock {
  readonly fstype = 'devpts';
  readonly source = 'devpts';
  flags = 0;
  refs = 0;
  readonly root: DevptsRoot;
  constructor(readonly k: Kernel, readonly dev: number, readonly inst: DevptsInstance, private readonly _opts: string, time: number) {
    this.root = new DevptsRoot(this, time);
  }
  superOptions(): string { return this._opts; }
}

export function devptsType(k: Kernel): FilesystemType {
  let initial: DevptsSb | null = null;
  return {
    name: 'devpts',
    nodev: true,
    mount(req: MountRequest): SuperBlock {
      const d = parseMountData(req.data);
      const gid = d.has('gid') ? Number(d.get('gid')) : 0;
      const mode = d.has('mode') ? parseInt(d.get('mode')!, 8) : 0o600;
      const ptmxmode = d.has('ptmxmode') ? parseInt(d.get('ptmxmode')!, 8) : 0;
      const opts = `${d.has('gid') ? `gid=${gid},` : ''}mode=${mode.toString(8).padStart(3, '0')},ptmxmode=${ptmxmode.toString(8).padStart(3, '0')}`;
      if (!d.has('newinstance')) {
        if (!initial) initial = new DevptsSb(k, makedev(0, req.vfs.allocAnonDev()), k.ptys.hostInstance, opts, req.vfs.clock());
        return initial;
      }
      return new DevptsSb(k, makedev(0, req.vfs.allocAnonDev()), new DevptsInstance(ptmxmode, mode, gid), opts, req.vfs.clock());
    },
  };
}

/** The devpts instance a process's /dev/ptmx and openpty() use: the one mounted at /dev/pts, else the host's. */
export function instanceFor(k: Kernel, ctx: FsContext): DevptsInstance {
  try {
    const loc = k.vfs.resolve(ctx, '/dev/pts');
    const sb = loc.mnt.sb;
    if (sb instanceof DevptsSb && loc.node === sb.root) return sb.inst;
  } catch { /* no /dev/pts */ }
  return k.ptys.hostInstance;
}
