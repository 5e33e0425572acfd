// This file implements signal generation and delivery (Linux's
// kernel/signal.c): the PID-1 rule of pid namespaces, default actions
// (terminate, core, stop, continue, ignore), and JS handlers. A handler runs
// when the signal is delivered: at once when the target sleeps in an
// interruptible call (which then fails with EINTR), otherwise at the target's
// next system-call entry. Signals 1..31 are kept as a bit set; there is no
// queueing of duplicates, as for Linux's standard signals.

import { SIGCHLD, SIGCONT, SIGKILL, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, signalDefault } from '../abi/signal.ts';
import type { ExitStatus } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from './proc.ts';
import { interrupt, setCurrent, currentOrNull, wake } from '../sched/wait.ts';
import { doExit, UNWIND } from './exit.ts';

const STOP_MASK = (1 << SIGSTOP) | (1 << SIGTSTP) | (1 << SIGTTIN) | (1 << SIGTTOU);

function isStop(sig: number): boolean { return (STOP_MASK & (1 << sig)) !== 0 && sig < 32; }

/**
 * Sends sig to t (send_signal): `from` is the sending process, or null for the
 * kernel itself (tty, OOM killer, pipe). Permission checks are the caller's.
 */
export function sendSignal(k: Kernel, from: Proc | null, t: Proc, sig: number): void {
  if (t.state === 'Z' || sig <= 0 || sig > 31) return;
  if (k.trace) k.emit(from ? from.pid : 0, 'signal', { to: t.pid, sig });
  const act = t.action(sig);
  // A namespace's init gets only the signals it has handlers for; SIGKILL and
  // SIGSTOP still work when sent from an ancestor namespace (or the kernel).
  if (t.pidns.init === t && act === 'default') {
    const force = !from || from.pidns.level < t.pidns.level;
    if (!(force && (sig === SIGKILL || sig === SIGSTOP))) return;
  }
  if (sig === SIGKILL) { doExit(k, t, { code: null, signal: SIGKILL }); return; }
  if (sig === SIGCONT) {
    t.sigpend &= ~STOP_MASK;
    if (t.state === 'T') continueProc(k, t);
  } else if (isStop(sig)) {
    t.sigpend &= ~(1 << SIGCONT);
  }
  if (act === 'ignore') return;
  if (act === 'default') {
    const d = signalDefault(sig);
    if (d === 'ignore' || d === 'cont') return;
    if (d === 'stop') { if (t.state !== 'T') stopProc(k, t, sig); return; }
    doExit(k, t, d === 'core' ? { code: null, signal: sig, core: true } : { code: null, signal: sig });
    return;
  }
  t.sigpend |= 1 << sig;
  if (t.state === 'T' || t.frozen) return;
  const s = t.interruptibleSleeper();
  if (s) {
    const restart = s.restartable && (t.sigRestart & (1 << sig)) !== 0;
    deliverPending(k, t);
    if (!t.alive) return;
    if (restart) { s.queue?.remove(s); wake(s); } else interrupt(s);
  } else if (t === from) {
    deliverPending(k, t);
  }
}

/** Runs the handlers of t's pending signals (on return to "user space"). */
export function deliverPending(k: Kernel, t: Proc): void {
  const prev = currentOrNull();
  try {
    while (t.sigpend !== 0 && t.alive) {
      const sig = 31 - Math.clz32(t.sigpend & -t.sigpend);
      t.sigpend &= ~(1 << sig);
      const act = t.action(sig);
      if (typeof act === 'function') {
        setCurrent(t);
        try { act(sig); } catch (e) { if (e !== UNWIND) k.crashed(t, e); }
      } else if (act === 'default') {
        const d = signalDefault(sig);
        if (d === 'term' || d === 'core') doExit(k, t, d === 'core' ? { code: null, signal: sig, core: true } : { code: null, signal: sig });
        else if (d === 'stop') stopProc(k, t, sig);
      }
    }
  } finally {
    setCurrent(prev);
  }
}

export function stopProc(k: Kernel, t: Proc, sig: number): void {
  t.state = 'T';
  t.report = { code: null, signal: null, stopped: sig };
  notifyParent(k, t, false);
}

export function continueProc(k: Kernel, t: Proc): void {
  t.state = t.sleeping ? 'S' : 'R';
  t.report = { code: null, signal: null, continued: true };
  notifyParent(k, t, false);
  const d = t.frozen ? null : t.takeDeferred();
  if (d) for (const fn of d) fn();
}

/** SIGCHLD to the parent and a wake-up for its wait4 callers. */
export function notifyParent(k: Kernel, t: Proc, _exited: boolean): void {
  const p = t.parent;
  if (!p || !p.alive) return;
  p.wakeWaiters();
  if (p.action(SIGCHLD) !== 'default') sendSignal(k, null, p, SIGCHLD);
}

/** The status word as wait4 would give it, for traces. */
export function statusText(s: ExitStatus): string {
  return s.signal !== null ? `signal ${s.signal}` : s.stopped ? `stopped ${s.stopped}` : `exit ${s.code}`;
}
