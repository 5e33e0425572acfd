// Direct access for the world to lay out a host's root filesystem before boot
// (and for tests): no process, no permission checks, paths from a namespace's
// root. Symlinks are followed as a process would follow them.

import type { MountNamespace } from './mount.ts';
import type { Vfs } from './vfs.ts';
import type { FsContext } from './node.ts';

export class HostFs {
  readonly ctx: FsContext;
  constructor(readonly vfs: Vfs, ns: MountNamespace) {
    this.ctx = vfs.context(ns, { uid: 0, gid: 0, groups: [] }, 0);
  }
  /** mkdir -p: makes missing directories (mode default 0o755) owned by uid:gid. */
  mkdirp(path: string, mode = 0o755, uid = 0, gid = 0): void { void path; void mode; void uid; void gid; throw new Error('todo'); }
  /** Creates or replaces a regular file (parents made as by mkdirp with 0o755). */
  writeFile(path: string, data: Uint8Array | string, mode = 0o644, uid = 0, gid = 0): void { void path; void data; void mode; void uid; void gid; throw new Error('todo'); }
  symlink(target: string, path: string): void { void target; void path; throw new Error('todo'); }
  readFile(path: string): Uint8Array { void path; throw new Error('todo'); }
  exists(path: string): boolean { void path; throw new Error('todo'); }
}
