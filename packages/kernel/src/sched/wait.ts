// Sleeping and waking (Linux's wait queues). A blocking system call parks its
// process on a WaitQueue with a Sleeper; whoever changes the state the call
// waits for wakes the queue, and the call re-checks its condition. Because
// the condition is re-checked after waking, a sleeper can be dropped at any
// time (the process was killed, or a signal interrupted the call) without
// losing data: nothing is handed over inside the wake-up itself.
//
// `current` is the process whose system call is executing right now (set at
// every system-call entry), as in Linux; file implementations use it to know
// who sleeps.

import { EINTR, SysError } from '../abi/errno.ts';
import type { Proc } from '../process/proc.ts';
import type { Timer } from './clock.ts';

export class Sleeper {
  queue: WaitQueue | null = null;
  /** A timeout or sleep deadline (Clock timer), cancelled when the sleeper goes. */
  timer: Timer | null = null;
  constructor(
    readonly proc: Proc,
    readonly resolve: () => void,
    readonly reject: (e: unknown) => void,
    readonly interruptible: boolean,
    /** A handler with SA_RESTART lets the call go on (a spurious wake-up) instead of failing. */
    readonly restartable = true,
  ) {}

  /** Lets the call go on: its condition may hold now. */
  wakeUp(): void { this.resolve(); }
  /** Fails the call with e (EINTR). */
  fail(e: unknown): void { this.reject(e); }
}

/**
 * A blocked call kept as a record instead of a suspended async function (an
 * idle container's processes sit in several): it behaves as
 * `for (;;) { await sleepOn(p, q); const r = poll(); if (r !== undefined) return r; }`,
 * re-checking one microtask after each wake-up and failing one microtask
 * after an interruption, as that await would, and parking again while poll
 * has nothing.
 */
export abstract class Recheck<T> extends Sleeper {
  constructor(proc: Proc, private readonly _q: WaitQueue, resolve: (v: T) => void, reject: (e: unknown) => void) {
    super(proc, resolve as () => void, reject, true, true);
  }

  /** The call's result once it can complete, undefined to sleep on. @throws to fail the call */
  protected abstract poll(): T | undefined;

  /** Sleeps on the queue (again). */
  park(): void {
    this._q.add(this);
    this.proc.addSleeper(this);
  }

  override wakeUp(): void { void Promise.resolve().then(() => this._recheck()); }
  override fail(e: unknown): void { void Promise.resolve().then(() => this.reject(e)); }

  private _recheck(): void {
    let r: T | undefined;
    try { r = this.poll(); } catch (e) { this.reject(e); return; }
    if (r === undefined) this.park();
    else (this.resolve as (v: T) => void)(r);
  }
}

export class WaitQueue {
  /** The first sleeper, then any others: most queues hold at most one. */
  private _one: Sleeper | null = null;
  private _s: Sleeper[] | null = null;

  add(s: Sleeper): void {
    if (!this._one) this._one = s;
    else (this._s ??= []).push(s);
    s.queue = this;
  }

  remove(s: Sleeper): void {
    s.queue = null;
    if (this._one === s) {
      const a = this._s;
      this._one = a && a.length ? a.shift()! : null;
      return;
    }
    const a = this._s;
    if (!a) return;
    const i = a.indexOf(s);
    if (i >= 0) a.splice(i, 1);
  }

  get empty(): boolean { return this._one === null; }

  /** Wakes every sleeper; each re-checks its condition. */
  wakeAll(): void {
    const one = this._one;
    if (!one) return;
    const a = this._s;
    this._one = null;
    this._s = null;
    one.queue = null;
    wake(one);
    if (a) for (let i = 0; i < a.length; i++) { a[i]!.queue = null; wake(a[i]!); }
  }
}

let _current: Proc | null = null;
/** The process whose system call runs now. */
export function current(): Proc {
  if (!_current) throw new Error('no current process');
  return _current;
}
export function currentOrNull(): Proc | null { return _current; }
export function setCurrent(p: Proc | null): void { _current = p; }

/**
 * Parks the process on q until woken (or until uptime `deadline`, when given);
 * rejects EINTR when a caught signal interrupts it.
 */
export function sleepOn(p: Proc, q: WaitQueue | null, interruptible = true, deadline = -1, restartable = true): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const s = new Sleeper(p, resolve, reject, interruptible, restartable);
    if (q) q.add(s);
    p.addSleeper(s);
    if (deadline >= 0) s.timer = p.k.clock.at(deadline, () => { s.timer = null; s.queue?.remove(s); wake(s); });
  });
}

/** Wakes one sleeper (queue already detached): a stopped process wakes once it is continued. */
export function wake(s: Sleeper): void {
  const p = s.proc;
  p.removeSleeper(s);
  if (s.timer) { s.proc.k.clock.cancel(s.timer); s.timer = null; }
  if (p.state === 'Z') return;
  if (p.state === 'T' || p.frozen) { p.deferWake(() => s.wakeUp()); return; }
  s.wakeUp();
}

/** Takes a sleeper off its queue and rejects its call with EINTR. */
export function interrupt(s: Sleeper): void {
  s.queue?.remove(s);
  s.proc.removeSleeper(s);
  if (s.timer) { s.proc.k.clock.cancel(s.timer); s.timer = null; }
  s.fail(new SysError(EINTR));
}

/** Drops a sleeper for good: its call never settles (the process died or exec'd). */
export function drop(s: Sleeper): void {
  s.queue?.remove(s);
  if (s.timer) { s.proc.k.clock.cancel(s.timer); s.timer = null; }
}

/**
 * A promise that never settles: what a dead process's blocking calls return.
 * A fresh one each time: a shared one would keep every awaiting program
 * (and its process) alive through its reaction list.
 */
export function never(): Promise<never> { return new Promise<never>(noop); }
function noop(): void {}
