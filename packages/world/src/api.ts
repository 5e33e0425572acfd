// The headless API of a simulated world: what the web worker exposes to the
// page (through comlink, plain data only) and what the node CLI drives.

export interface Disposable { dispose(): void }

export interface WorldOptions {
  /** Seed of the world's PRNG: the same seed gives the same ids and bytes. */
  seed?: number;
  /** Host name of the first node (default "node1"). */
  hostname?: string;
  /**
   * Lets the host's microtask queue drain (Node: setImmediate; browser: a
   * MessageChannel round trip). The only host service the simulation needs.
   */
  hostYield: () => Promise<void>;
  /**
   * 'virtual' (default, headless): idle time jumps to the next timer.
   * 'realtime' (browser): timers fire as wall time passes, through `sleep`.
   */
  clock?: 'virtual' | 'realtime';
  /** Told when a simulated program throws something it did not handle (a bug in the simulation). */
  onCrash?: (pid: number, error: unknown) => void;
  /** For 'realtime': waits ms of wall time (or less when woken). */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch ms at boot (default 2026-01-01T00:00:00Z): what `date` and container timestamps count from. */
  bootTime?: number;
  /**
   * For 'realtime': the host's wall clock (ms). Given, the virtual clock
   * follows it even while no timer is due, so `Up 5 minutes` means five
   * minutes of the user's time: uptime = wallClock() - bootTime with
   * bootTime, else the wall clock's elapsed time added to boot's uptime
   * (a monotonic clock such as performance.now() will do).
   */
  wallClock?: () => number;
}

/** An interactive login shell on a node, behind a pseudo-terminal. */
export interface TerminalSession {
  /** Keystrokes from the user (what xterm.js's onData gives). */
  write(data: string): void;
  /** Output for the screen, already with \r\n as a tty's OPOST|ONLCR makes it. */
  onOutput(cb: (data: string) => void): Disposable;
  resize(cols: number, rows: number): void;
  onExit(cb: (code: number) => void): Disposable;
}

export interface ExecResult { stdout: string; stderr: string; exitCode: number }

export interface WorldApi {
  /** Opens `bash -l` on the node behind a new pty (prompt `root@node1:~# `). */
  openTerminal(opts: { cols: number; rows: number; node?: string }): TerminalSession;
  /** Runs one command line with the node's shell, headless, and waits for it. */
  exec(commandLine: string, opts?: { node?: string; stdin?: string }): Promise<ExecResult>;
  /**
   * A non-interactive shell reading commands from a pipe, one line at a time,
   * as `sh` does when its stdin is not a terminal (`dockersim shell` < file).
   */
  openPipeShell(opts: { onStdout: (b: Uint8Array) => void; onStderr: (b: Uint8Array) => void; node?: string }):
    { write(data: string | Uint8Array): void; end(): void; exited: Promise<number> };
  /** Runs until nothing can happen without outside input (virtual clock). */
  runUntilIdle(): Promise<void>;
  /** Virtual time since boot, ms. */
  uptime(): number;
  onTrace(cb: (ev: TraceEvent) => void): Disposable;
}

/** One hop of the trace bus: which layer did what, when (virtual ms). */
export interface TraceEvent { t: number; layer: string; pid?: number; what: string; data?: unknown }
