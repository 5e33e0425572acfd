// A stand-in world for working on the page alone: a login shell that only
// knows `echo` and `exit`. Built in only when packages/world has no entry
// point yet, or when DOCKERSIM_FAKE_WORLD=1 (see vite.config.ts).
import type { Disposable, TerminalSession, WorldApi, WorldOptions } from '@dockersim/world';

const PROMPT = 'root@node1:~# ';

function emitter<T>() {
  const listeners = new Set<(v: T) => void>();
  return {
    on(cb: (v: T) => void): Disposable {
      listeners.add(cb);
      return { dispose: () => { listeners.delete(cb); } };
    },
    emit(v: T) { for (const cb of listeners) cb(v); },
  };
}

function openFakeTerminal(hostname: string): TerminalSession {
  const output = emitter<string>();
  const exit = emitter<number>();
  const prompt = `root@${hostname}:~# `;
  let line = '';
  let alive = true;
  queueMicrotask(() => output.emit(prompt));

  const run = (cmd: string) => {
    const [name, ...args] = cmd.trim().split(/\s+/);
    if (!name) return;
    if (name === 'echo') output.emit(args.join(' ') + '\r\n');
    else if (name === 'exit') { alive = false; exit.emit(Number(args[0] ?? 0)); }
    else output.emit(`bash: ${name}: command not found\r\n`);
  };

  return {
    write(data) {
      for (const ch of data) {
        if (!alive) return;
        if (ch === '\r') {
          output.emit('\r\n');
          run(line);
          line = '';
          if (alive) output.emit(prompt);
        } else if (ch === '\x7f') {
          if (line) { line = line.slice(0, -1); output.emit('\b \b'); }
        } else if (ch === '\x03') {
          line = '';
          output.emit('^C\r\n' + prompt);
        } else if (ch >= ' ') {
          line += ch;
          output.emit(ch);
        }
      }
    },
    onOutput: output.on,
    resize() {},
    onExit: exit.on,
  };
}

export async function createWorld(opts: WorldOptions): Promise<WorldApi> {
  const hostname = opts.hostname ?? 'node1';
  const booted = Date.now();
  return {
    openTerminal: () => openFakeTerminal(hostname),
    async exec(commandLine) {
      return { stdout: '', stderr: `bash: ${commandLine.split(' ')[0]}: command not found\n`, exitCode: 127 };
    },
    openPipeShell() { throw new Error('not in the stand-in world'); },
    async runUntilIdle() {},
    uptime: () => Date.now() - booted,
    onTrace: () => ({ dispose() {} }),
  };
}

export { PROMPT };

/** The stand-in has no code to load later. */
export async function preloadCode(): Promise<void> {}
