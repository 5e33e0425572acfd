// The shim's child reaper. The shim is a subreaper, so the container's init
// becomes its child once `runc create` exits; one wait4(-1) loop collects
// every child (runc commands, the init, exec'd processes) and hands each
// status to whoever watches that pid. An exit that arrives before anyone
// watches (the init dying right after create) is kept until asked for.

import { ECHILD, isSysError } from '@dockersim/kernel';
import type { ExitStatus, Sys } from '@dockersim/kernel';

export class Reaper {
  private readonly _watch = new Map<number, (s: ExitStatus) => void>();
  private readonly _early = new Map<number, ExitStatus>();
  private _running = false;
  /** Children we expect to exit (the loop stops on ECHILD when none). */
  constructor(private readonly sys: Sys) {}

  /** The exit status of pid, once it ends (the pid must be ours or become ours). */
  wait(pid: number): Promise<ExitStatus> {
    const e = this._early.get(pid);
    if (e) { this._early.delete(pid); return Promise.resolve(e); }
    const p = new Promise<ExitStatus>((res) => this._watch.set(pid, res));
    this.run();
    return p;
  }

  /** Starts the loop (after a clone, or when a child is adopted). */
  run(): void {
    if (this._running) return;
    this._running = true;
    void this._loop();
  }

  private async _loop(): Promise<void> {
    const sys = this.sys;
    for (;;) {
      let r;
      try { r = await sys.wait4(-1); } catch (e) {
        if (isSysError(e, ECHILD)) break;
        throw e;
      }
      if (!r) continue;
      const w = this._watch.get(r.pid);
      if (w) { this._watch.delete(r.pid); w(r.status); } else this._early.set(r.pid, r.status);
    }
    this._running = false;
  }
}

/** The exit status containerd reports: the code, or 128 + the signal. */
export function exitCode(s: ExitStatus): number {
  return s.signal !== null && s.signal !== undefined && s.code === null ? 128 + s.signal : s.code ?? 0;
}
