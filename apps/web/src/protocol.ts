// What the worker exposes to the page over comlink. It mirrors WorldApi, but
// a TerminalSession (an object of functions) cannot be structured-cloned, so
// the page hands its callbacks in as comlink proxies and gets back a proxied
// handle. Everything else that crosses is plain data.
import type { ExecResult, TraceEvent } from '@dockersim/world';

export interface TerminalHandle {
  write(data: string): void;
  resize(cols: number, rows: number): void;
}

export interface Unsubscribe { dispose(): void }

export interface WorkerApi {
  /** Resolves once the world has booted; ms the boot took inside the worker. */
  ready(): Promise<{ bootMs: number; fake: boolean }>;
  openTerminal(
    opts: { cols: number; rows: number; node?: string },
    onOutput: (data: string) => void,
    onExit: (code: number) => void,
  ): Promise<TerminalHandle>;
  exec(commandLine: string, opts?: { node?: string; stdin?: string }): Promise<ExecResult>;
  uptime(): Promise<number>;
  /** Trace events arrive in batches, in order. */
  onTrace(cb: (events: TraceEvent[]) => void): Promise<Unsubscribe>;
}
