// devtmpfs: the kernel's own /dev, a tmpfs holding a node for every device
// the drivers registered (Linux's drivers/base/devtmpfs.c). One instance;
// the kernel mounts it at /dev at boot, as CONFIG_DEVTMPFS_MOUNT does.

import { S_IFCHR } from '../abi/flags.ts';
import type { FilesystemType, MountRequest, SuperBlock } from '../vfs/filesystem.ts';
import { makedev } from '../vfs/dev.ts';
import { tmpfsType } from '../fs/tmpfs.ts';
import type { MemInode } from '../fs/memfs.ts';

/** name, major, minor, mode, gid (tty is 5) */
const NODES: [string, number, number, number, number][] = [
  ['null', 1, 3, 0o666, 0], ['zero', 1, 5, 0o666, 0], ['full', 1, 7, 0o666, 0], ['random', 1, 8, 0o666, 0],
  ['urandom', 1, 9, 0o666, 0], ['tty', 5, 0, 0o666, 5], ['console', 5, 1, 0o600, 0], ['ptmx', 5, 2, 0o666, 5],
];

export function devtmpfsType(): FilesystemType {
  let sb: SuperBlock | null = null;
  return {
    name: 'devtmpfs',
    nodev: true,
    mount(req: MountRequest): SuperBlock {
      if (sb) return sb;
      const s = tmpfsType.mount({ ...req, source: 'udev', data: 'mode=755' }) as SuperBlock & { fstype: string };
      Object.defineProperty(s, 'fstype', { value: 'devtmpfs' });
      const root = s.root as MemInode;
      for (const [name, maj, min, mode, gid] of NODES) root.create(name, S_IFCHR | mode, makedev(maj, min), 0, gid);
      root.mkdir('pts', 0o755, 0, 0);
      root.mkdir('shm', 0o1777, 0, 0);
      root.mkdir('mqueue', 0o1777, 0, 0);
      root.symlink('fd', '/proc/self/fd', 0, 0);
      root.symlink('stdin', '/proc/self/fd/0', 0, 0);
      root.symlink('stdout', '/proc/self/fd/1', 0, 0);
      root.symlink('stderr', '/proc/self/fd/2', 0, 0);
      root.symlink('core', '/proc/kcore', 0, 0);
      sb = s;
      return s;
    },
  };
}
