// The bottom mount of every mount namespace (Linux's "rootfs"): an empty
// directory under the real root. It is why the host's "/" has a parent mount
// id that mountinfo does not list, and why pivot_root works on "/".

import { S_IFDIR } from '../abi/flags.ts';
import type { Dirent } from '../sys.ts';
import type { SuperBlock } from './filesystem.ts';
import type { Node, NodeAttr } from './node.ts';
import { makedev } from './dev.ts';

class RootfsNode implements Node {
  readonly ino = 1;
  readonly mode = S_IFDIR | 0o755;
  readonly uid = 0;
  readonly gid = 0;
  readonly nlink = 2;
  readonly rdev = 0;
  readonly size = 0;
  readonly atime = 0;
  readonly mtime = 0;
  readonly ctime = 0;
  readonly name = '';
  mounted = 0;
  constructor(readonly sb: SuperBlock) {}
  get parent(): Node { return this; }
  lookup(): Node | undefined { return undefined; }
  readdir(): Dirent[] { return []; }
  setattr(_a: NodeAttr): void {}
}

export function makeRootfs(): SuperBlock {
  const sb: SuperBlock = {
    fstype: 'rootfs', dev: makedev(0, 1), source: 'rootfs', flags: 0, refs: 0,
    root: undefined as unknown as Node,
    superOptions: () => '',
  };
  (sb as { root: Node }).root = new RootfsNode(sb);
  return sb;
}
