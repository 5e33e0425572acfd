// Test helpers: an in-memory CliIO and a fake Engine API client whose
// methods are the functions a test passes (docker/cli's fakeClient).

import type { ApiClient, CliIO } from './cli.ts';

export interface BufferIO extends CliIO {
  stdout: string;
  stderr: string;
  /** Queues stdin data; end() marks EOF. */
  feed(data: string): void;
  end(): void;
  signal(sig: number): void;
}

export function bufferIO(opts: { tty?: boolean; cols?: number; rows?: number; env?: Record<string, string>; now?: number; files?: Record<string, string> } = {}): BufferIO {
  const dec = new TextDecoder();
  const input: Uint8Array[] = [];
  let eof = false;
  let waiting: (() => void) | undefined;
  const handlers = new Map<number, Set<() => void>>();
  const io: BufferIO = {
    stdout: '',
    stderr: '',
    async write(fd, data) {
      const s = typeof data === 'string' ? data : dec.decode(data);
      if (fd === 1) io.stdout += s; else io.stderr += s;
    },
    async read() {
      while (!input.length && !eof) await new Promise<void>((r) => { waiting = r; });
      return input.shift() ?? new Uint8Array(0);
    },
    isatty: () => !!opts.tty,
    winsize: () => (opts.tty ? { rows: opts.rows ?? 24, cols: opts.cols ?? 80 } : undefined),
    setRaw: () => () => {},
    onSignal(sig, fn) {
      const set = handlers.get(sig) ?? new Set();
      set.add(fn);
      handlers.set(sig, set);
      return () => set.delete(fn);
    },
    env: opts.env ?? {},
    now: () => opts.now ?? 1_700_000_000_000,
    async readFile(path) {
      const f = opts.files?.[path];
      if (f === undefined) throw new Error(`open ${path}: no such file or directory`);
      return f;
    },
    feed(data) { input.push(new TextEncoder().encode(data)); waiting?.(); },
    end() { eof = true; waiting?.(); },
    signal(sig) { for (const fn of handlers.get(sig) ?? []) fn(); },
  };
  return io;
}

/** A client whose methods are the given functions; any other call fails the test. */
export function fakeClient(methods: Partial<ApiClient>): ApiClient {
  return new Proxy(methods as ApiClient, {
    get(target, prop) {
      const v = (target as Record<string | symbol, unknown>)[prop];
      if (v !== undefined) return v;
      if (prop === 'ping') return async () => { throw Object.assign(new Error('connect: no such file or directory'), { errno: 2 }); };
      return () => { throw new Error(`unexpected client call: ${String(prop)}`); };
    },
  });
}
