// Restart policies (moby's restartmanager and daemon/monitor.go): when a
// container's process exits, its policy decides whether dockerd starts it
// again, after a back-off that starts at 100 ms, doubles with each restart
// up to a minute, and falls back to 100 ms once a run lasted 10 seconds.
// Meanwhile the container is "restarting" (Running and Restarting in
// inspect, `Restarting (1) 2 seconds ago` in ps). A kill or stop cancels the
// pending and any later automatic restart until the next manual start.

import { invalidParameter, type RestartPolicy } from '@dockersim/engine-api';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';

const DEFAULT_TIMEOUT = 100;
const MAX_TIMEOUT = 60_000;

/** The restart manager's state, per container (plain data). */
export interface RestartState { timeout: number; canceled: boolean }

/** A pending restart's wake-up, so that a cancel ends the back-off at once. */
const pending = new Map<string, () => void>();

function state(c: Container): RestartState { return c.restartManager ??= { timeout: 0, canceled: false }; }

/** container.ValidateRestartPolicy */
export function validateRestartPolicy(p: RestartPolicy | undefined): void {
  if (!p) return;
  const n = p.MaximumRetryCount ?? 0;
  switch (p.Name) {
    case 'always': case 'unless-stopped': case 'no':
      if (n !== 0) throw invalidParameter(`invalid restart policy: maximum retry count can only be used with 'on-failure'${n < 0 ? ' and cannot be negative' : ''}`);
      return;
    case 'on-failure':
      if (n < 0) throw invalidParameter('invalid restart policy: maximum retry count cannot be negative');
      return;
    case '': return;
    default:
      throw invalidParameter(`invalid restart policy: unknown policy '${p.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  }
}

/** RestartManager.ShouldRestart: whether to restart, and the back-off before it. */
export function shouldRestart(c: Container, exitCode: number, manuallyStopped: boolean, ranMs: number): { restart: boolean; delay: number } {
  const p = c.hostConfig.RestartPolicy;
  if (!p || p.Name === 'no' || p.Name === '') return { restart: false, delay: 0 };
  const rm = state(c);
  if (rm.canceled) return { restart: false, delay: 0 };
  if (ranMs >= 10_000) rm.timeout = 0;
  if (rm.timeout === 0) rm.timeout = DEFAULT_TIMEOUT;
  else if (rm.timeout < MAX_TIMEOUT) rm.timeout *= 2;
  if (rm.timeout > MAX_TIMEOUT) rm.timeout = MAX_TIMEOUT;
  let restart = false;
  if (p.Name === 'always') restart = true;
  else if (p.Name === 'unless-stopped') restart = !manuallyStopped;
  else if (p.Name === 'on-failure') {
    const max = p.MaximumRetryCount ?? 0;
    if (max === 0 || c.restartCount < max) restart = exitCode !== 0;
  }
  return { restart, delay: rm.timeout };
}

/** ExitOnNext: no automatic restart from now on; a pending one gives up at once. */
export function cancelRestart(c: Container): void {
  state(c).canceled = true;
  const wake = pending.get(c.id);
  if (wake) { pending.delete(c.id); wake(); }
}

/** ResetRestartManager(true), on a start through the API. */
export function resetRestart(c: Container): void {
  c.restartManager = { timeout: 0, canceled: false };
  c.restartCount = 0;
}

/**
 * After the exit was recorded: either waits out the back-off and starts the
 * container again (true), or leaves it stopped (false: the caller then
 * auto-removes). The container is "restarting" during the wait.
 */
export async function restartAfterExit(d: Daemon, c: Container, delay: number): Promise<void> {
  const canceled = await new Promise<boolean>((resolve) => {
    pending.set(c.id, () => resolve(true));
    // a signal to dockerd (its shutdown) cuts the back-off: the container stays as it is
    void d.sys.sleep(delay).then(() => {
      if (pending.get(c.id)) { pending.delete(c.id); resolve(false); }
    }, () => undefined);
  });
  if (!d.containers.has(c.id)) return;
  if (!canceled && c.state === 'restarting') {
    c.state = 'exited';
    try { await d.start(c); return; } catch { /* stays stopped */ }
    if (!d.containers.has(c.id)) return;
  }
  if (c.state === 'restarting') c.state = 'exited';
  for (const w of c.exitWaiters.splice(0)) w(c.exitCode);
  if (c.hostConfig.AutoRemove) await d.remove(c, false, true);
}

/**
 * killWithSignal's bookkeeping before a signal goes out: the container counts
 * as manually stopped, and the stop signal (or any signal when none is set,
 * or SIGKILL) cancels automatic restarts.
 */
export function beforeKill(c: Container, sig: number, stopSignal: number | undefined, sigkill: number): void {
  if (stopSignal === undefined || sig === sigkill || sig === stopSignal) cancelRestart(c);
  c.manualStop = true;
}
