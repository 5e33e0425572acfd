// What the worker exposes to the page over comlink. It mirrors WorldApi, but
// a TerminalSession (an object of functions) cannot be structured-cloned, so
// the page hands its callbacks in as comlink proxies and gets back a proxied
// handle. Everything else that crosses is plain data.
import type { ProxyMarked } from 'comlink';
import type { ExecResult, TraceEvent } from '@dockersim/world';
import type { LessonWorkerApi } from './lessons/protocol.ts';
import type { InternalsReply, InternalsRequest } from './panels/protocol.ts';

export interface TerminalHandle {
  write(data: string): void;
  resize(cols: number, rows: number): void;
}

export interface Unsubscribe { dispose(): void }

/**
 * Where a terminal's output and exit go. One object, so both travel over one
 * message port and the exit can never overtake the last output.
 */
export interface TerminalSink {
  output(data: string): void;
  exit(code: number): void;
}

export interface WorkerApi extends LessonWorkerApi {
  /** Resolves once the world has booted; ms the boot took inside the worker. */
  ready(): Promise<{ bootMs: number; fake: boolean }>;
  openTerminal(
    opts: { cols: number; rows: number; node?: string },
    sink: TerminalSink,
  ): Promise<TerminalHandle & ProxyMarked>;
  exec(commandLine: string, opts?: { node?: string; stdin?: string }): Promise<ExecResult>;
  uptime(): Promise<number>;
  /** Loads the code the world loads on first use (docker, runc, applets...) ahead of that use. */
  prefetch(): Promise<void>;
  /** The internals panels' view: processes with namespaces, trace hops (panels/world-side.ts). */
  internals(req: InternalsRequest): Promise<InternalsReply>;
  /** Trace events arrive in batches, in order. */
  onTrace(cb: (events: TraceEvent[]) => void): Promise<Unsubscribe & ProxyMarked>;
}
