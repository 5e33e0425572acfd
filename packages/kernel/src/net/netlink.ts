// sys.netlink: the configuration requests of net/api.ts, applied to the
// caller's network namespace.

import { ENOSYS, EPERM, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { NetlinkOp, NetlinkOps } from './api.ts';

export function netlink<K extends NetlinkOp>(k: Kernel, p: Proc, op: K, args: NetlinkOps[K][0]): NetlinkOps[K][1] {
  void k; void args;
  if (!op.endsWith('.list') && !op.endsWith('.get') && p.euid !== 0) throw new SysError(EPERM);
  throw new SysError(ENOSYS);
}
