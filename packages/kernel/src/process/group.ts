// Process groups and sessions (job control). A group's id is the pid of the
// process that made it, kept per pid-namespace level; the session's
// controlling terminal sends the group in its foreground the keyboard's
// signals.

import type { PidNs } from './pidns.ts';
import type { Tty } from '../tty/tty.ts';

export class Session {
  tty: Tty | null = null;
  constructor(readonly nspids: readonly number[], readonly home: PidNs, readonly leaderPid: number) {}
}

export class Pgrp {
  readonly members = new Set<import('./proc.ts').Proc>();
  constructor(readonly nspids: readonly number[], readonly home: PidNs, public session: Session) {}
  /** The host pid of the leader (the id in the initial namespace). */
  get id(): number { return this.nspids[0]!; }
}

export function registerPgrp(g: Pgrp): void {
  for (let ns: PidNs | null = g.home; ns; ns = ns.parent) ns.pgrps.set(g.nspids[ns.level]!, g);
}

export function unregisterPgrp(g: Pgrp): void {
  for (let ns: PidNs | null = g.home; ns; ns = ns.parent) {
    const id = g.nspids[ns.level]!;
    if (ns.pgrps.get(id) === g) ns.pgrps.delete(id);
  }
}
