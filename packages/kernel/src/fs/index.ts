// Filesystem implementations. They register with a Vfs by name; the VFS core
// (../vfs) never imports them.

import type { Vfs } from '../vfs/vfs.ts';
import { makedev } from '../vfs/dev.ts';
import { MemSuperBlock } from './memfs.ts';
import { tmpfsType } from './tmpfs.ts';
import { overlayType } from './overlay.ts';

export * from './memfs.ts';
export * from './tmpfs.ts';
export * from './overlay.ts';
export * from './synth.ts';

/** Registers tmpfs and overlay (the kernel adds proc, cgroup2, sysfs, devpts, mqueue). */
export function registerBuiltinFilesystems(vfs: Vfs): void {
  vfs.registerFilesystem(tmpfsType);
  vfs.registerFilesystem(overlayType);
}

/**
 * A host's root filesystem: memfs that looks like ext4 on a disk
 * (st_dev 254:1 for /dev/vda1 by default, 4096-byte directories, root ino 2).
 */
export function createDiskFs(vfs: Vfs, opts: { source?: string; major?: number; minor?: number; fstype?: string } = {}): MemSuperBlock {
  return new MemSuperBlock({
    fstype: opts.fstype ?? 'ext4', source: opts.source ?? '/dev/vda1',
    dev: makedev(opts.major ?? 254, opts.minor ?? 1), clock: vfs.clock, dirSize: 'block', rootIno: 2,
    superOptions: () => '',
  });
}
