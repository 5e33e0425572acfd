// What a command runs with (docker/cli's command.Cli): the API client, the
// standard streams and terminal, the environment and the clock.

import { ApiError, type EngineClient } from '@dockersim/engine-api';
import type { CommandPath } from './cobra/command.ts';
import type { Sys } from '@dockersim/kernel';

/** The Engine API client's methods (EngineClient, or a fake in tests). */
export type ApiClient = Pick<EngineClient, Exclude<keyof EngineClient, 'transport' | 'version'>>;

/** The process's side of the terminal and files, abstracted so tests need no kernel. */
export interface CliIO {
  write(fd: 1 | 2, data: string | Uint8Array): Promise<void>;
  /** Reads stdin; an empty array is EOF. */
  read(): Promise<Uint8Array>;
  isatty(fd: 0 | 1 | 2): boolean;
  /** The terminal's size on fd (docker asks stdin for help width, stdout for TTY resize). */
  winsize(fd: 0 | 1): { rows: number; cols: number } | undefined;
  /** Puts the terminal on fd into raw mode; returns the restore function. */
  setRaw(fd: 0 | 1): () => void;
  /** Installs a handler for a signal (SIGWINCH, SIGINT, SIGTERM...); returns the uninstall function. */
  onSignal(sig: number, fn: () => void): () => void;
  env: Record<string, string>;
  /** CLOCK_REALTIME in ms (virtual). */
  now(): number;
  readFile(path: string): Promise<string>;
  writeFile?(path: string, data: string): Promise<void>;
  /** The process's system calls, for commands that work on local files (docker cp). */
  sys?: Sys;
}

export interface GlobalOptions {
  host: string[];
  context: string;
  debug: boolean;
  logLevel: string;
  config: string;
}

export class Cli {
  private _client?: ApiClient;
  /** The command being run (set by the runner). */
  cmd!: CommandPath;
  constructor(readonly io: CliIO, private readonly makeClient: () => ApiClient, readonly globals: GlobalOptions) {}
  get client(): ApiClient { return (this._client ??= this.makeClient()); }
  async out(s: string | Uint8Array): Promise<void> { await this.io.write(1, s); }
  async err(s: string | Uint8Array): Promise<void> { await this.io.write(2, s); }
  /** The daemon address as docker prints it in "Cannot connect" errors. */
  get daemonHost(): string {
    return this.globals.host[0] ?? this.io.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  }
  /**
   * The text docker prints for an API error: the daemon's message prefixed with
   * "Error response from daemon: ", or the connection failure.
   */
  errorText(e: unknown): string {
    if (e instanceof ApiError) return `Error response from daemon: ${e.message}`;
    if (isConnectError(e)) return `Cannot connect to the Docker daemon at ${this.daemonHost}. Is the docker daemon running?`;
    return e instanceof Error ? e.message : String(e);
  }
}

/** A transport failure (no socket, refused). */
export function isConnectError(e: unknown): boolean {
  if (e instanceof ApiError) return false;
  const errno = (e as { errno?: unknown })?.errno;
  const code = (e as { code?: unknown })?.code;
  return errno !== undefined || code === 'ECONNREFUSED' || code === 'ENOENT' || (e as Error)?.message === 'EOF';
}

export function isNotFound(e: unknown): boolean { return e instanceof ApiError && e.status === 404; }
