// Wires the kernel's drivers into the VFS: character devices by major:minor
// (1:3 null, 1:5 zero, 1:7 full, 1:8 random, 1:9 urandom, 5:0 tty, 5:2 ptmx,
// 136:N pts), the FIFO opener, and the filesystem types the kernel provides.

import { ENXIO, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { Node } from '../vfs/node.ts';
import { registerBuiltinFilesystems } from '../fs/index.ts';
import { registerMemDevices } from './mem.ts';
import { openControllingTty } from '../tty/pty.ts';
import { devptsType, instanceFor } from '../tty/devpts.ts';
import { devtmpfsType } from './devtmpfs.ts';
import { Pipe, PipeEnd } from '../ipc/pipe.ts';
import { procType } from '../proc/procfs.ts';
import { cgroupType } from '../cgroup/cgroupfs.ts';
import { sysfsType } from '../proc/sysfs.ts';
import { synthFilesystem } from '../fs/synth.ts';

export function registerDrivers(k: Kernel): void {
  const vfs = k.vfs;
  registerMemDevices(k);
  vfs.devices.register(5, 0, (flags, ctx) => openControllingTty((ctx.task as Proc | undefined) ?? null, flags));
  vfs.devices.register(5, 2, (flags, ctx) => k.ptys.openMaster(flags, instanceFor(k, ctx), ctx.cred.uid));
  // 136:N: each pty registers its slave when made (PtyRegistry.alloc)
  vfs.devices.register(136, -1, () => { throw new SysError(ENXIO); });
  const fifos = new WeakMap<Node, Pipe>();
  vfs.fifoOpener = (node, flags) => {
    let p = fifos.get(node);
    if (!p || (p.readers === 0 && p.writers === 0 && p.size === 0)) {
      p = new Pipe(node.ino, k.clock.realtime());
      fifos.set(node, p);
    }
    return new PipeEnd(p, flags, undefined, true);
  };
  registerBuiltinFilesystems(vfs);
  vfs.registerFilesystem(devptsType(k));
  vfs.registerFilesystem(devtmpfsType());
  vfs.registerFilesystem(procType(k));
  vfs.registerFilesystem(cgroupType(k));
  vfs.registerFilesystem(sysfsType(k));
  vfs.registerFilesystem(synthFilesystem('mqueue', () => ({ kind: 'dir', mode: 0o1777, children: {} })));
}

