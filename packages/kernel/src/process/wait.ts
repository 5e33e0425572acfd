// This file implements wait4(2): reaping zombies and reporting stops and
// continues of children. A waiter sleeps on its own childWait queue, which
// every state change of a child wakes.

import { ECHILD, SysError } from '../abi/errno.ts';
import { WCONTINUED, WNOHANG, WUNTRACED } from '../abi/flags.ts';
import type { WaitResult } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from './proc.ts';
import { pidIn } from './pidns.ts';
import { Recheck } from '../sched/wait.ts';
import { release } from './exit.ts';

function matches(p: Proc, c: Proc, pid: number): boolean {
  if (pid === -1) return true;
  if (pid > 0) return pidIn(p.pidns, c.nspids, c.pidns) === pid;
  const g = pid === 0 ? p.pgrp : undefined;
  if (g) return c.pgrp === g;
  return pidIn(p.pidns, c.pgrp.nspids, c.pgrp.home) === -pid;
}

/** One scan: a result, null when matching children exist but none changed, or ECHILD. */
function scan(k: Kernel, p: Proc, pid: number, options: number): WaitResult | null {
  const kids = p.children;
  let any = false;
  if (kids) {
    for (const c of kids) {
      if (!matches(p, c, pid)) continue;
      any = true;
      if (c.state === 'Z') {
        const r = { pid: pidIn(p.pidns, c.nspids, c.pidns), status: c.exitStatus! };
        release(k, c);
        return r;
      }
      const rep = c.report;
      if (rep && ((rep.stopped && (options & WUNTRACED)) || (rep.continued && (options & WCONTINUED)))) {
        c.report = null;
        return { pid: pidIn(p.pidns, c.nspids, c.pidns), status: rep };
      }
    }
  }
  if (!any) throw new SysError(ECHILD);
  return null;
}

/** wait4(2): a result at once when there is one (no promise made), else waits. */
export function wait4(k: Kernel, p: Proc, pid: number, options: number): WaitResult | null | Promise<WaitResult | null> {
  const r = scan(k, p, pid, options);
  if (r || (options & WNOHANG)) return r;
  return waitSlow(k, p, pid, options);
}

function waitSlow(k: Kernel, p: Proc, pid: number, options: number): Promise<WaitResult | null> {
  return new Promise<WaitResult>((resolve, reject) => new ChildWait(k, p, pid, options, resolve, reject).park());
}

/** A parent blocked in wait4: woken by every state change of a child, it scans again. */
class ChildWait extends Recheck<WaitResult> {
  constructor(private readonly _k: Kernel, p: Proc, private readonly _pid: number, private readonly _options: number,
    resolve: (r: WaitResult) => void, reject: (e: unknown) => void) {
    super(p, p.childWait, resolve, reject);
  }

  protected poll(): WaitResult | undefined {
    return scan(this._k, this.proc, this._pid, this._options) ?? undefined;
  }
}
