import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { ICANON, ECHO } from '../abi/flags.ts';
import { EINTR, isSysError } from '../abi/errno.ts';
import { SIGINT, SIGWINCH } from '../abi/signal.ts';

describe('pty line discipline', () => {
  it('edits a canonical line (erase), echoes, and maps CR to NL', async () => {
    const w = makeWorld({
      reader: async ({ sys }) => {
        const line = text(await sys.read(0));
        await puts(sys, `[${JSON.stringify(line)}]\n`);
        return 0;
      },
    });
    const pty = w.k.createPty();
    let screen = '';
    pty.onOutput((b) => { screen += text(b); });
    const pid = w.k.spawn({ path: '/bin/reader', argv: ['reader'], env: [], setsid: true, stdin: pty, stdout: pty, stderr: pty });
    let done = false;
    w.k.onExit(pid, () => { done = true; });
    await w.k.runUntilIdle();
    pty.write('ab\x7fc\r');
    await w.k.runUntilIdle({ until: () => done });
    expect(screen).toBe('ab\b \bc\r\n["ac\\n"]\r\n');
  });

  it('^C sends SIGINT to the foreground group and echoes ^C; ^D is EOF', async () => {
    const w = makeWorld({
      cat: async ({ sys }) => {
        for (;;) { const b = await sys.read(0); if (!b.length) break; await sys.write(1, b); }
        await puts(sys, 'EOF\n');
        return 0;
      },
      sleeper: async ({ sys }) => { await sys.sleep(1e9); return 0; },
    });
    const pty = w.k.createPty();
    let screen = '';
    pty.onOutput((b) => { screen += text(b); });
    const a = w.k.spawn({ path: '/bin/sleeper', argv: ['sleeper'], env: [], setsid: true, stdin: pty, stdout: pty, stderr: pty });
    let st: unknown;
    w.k.onExit(a, (s) => { st = s; });
    await w.k.runUntilIdle({ jumpTime: false });
    pty.write('\x03');
    await w.k.runUntilIdle({ until: () => st !== undefined, jumpTime: false });
    expect(st).toEqual({ code: null, signal: SIGINT });
    expect(screen).toBe('^C');
    // the session leader died: the terminal is free for the next session
    screen = '';
    const b = w.k.spawn({ path: '/bin/cat', argv: ['cat'], env: [], setsid: true, stdin: pty, stdout: pty, stderr: pty });
    let done = false;
    w.k.onExit(b, () => { done = true; });
    await w.k.runUntilIdle({ jumpTime: false });
    pty.write('hi\r\x04');
    await w.k.runUntilIdle({ until: () => done });
    expect(screen).toBe('hi\r\nhi\r\nEOF\r\n');
  });

  it('raw mode hands over bytes at once without echo; resize sends SIGWINCH', async () => {
    const w = makeWorld({
      raw: async ({ sys }) => {
        const t = sys.tcgetattr(0);
        sys.tcsetattr(0, { ...t, lflag: t.lflag & ~(ICANON | ECHO) });
        let winch = 0;
        sys.sigaction(SIGWINCH, () => { winch++; });
        let b: Uint8Array;
        for (;;) {
          try { b = await sys.read(0); break; } catch (e) { if (!isSysError(e, EINTR)) throw e; }
        }
        const ws = sys.getwinsize(0);
        await puts(sys, `${JSON.stringify(text(b))} ${ws.cols}x${ws.rows} ${winch} ${sys.ttyname(0)}\n`);
        return 0;
      },
    });
    const pty = w.k.createPty();
    let screen = '';
    pty.onOutput((b) => { screen += text(b); });
    const pid = w.k.spawn({ path: '/bin/raw', argv: ['raw'], env: [], setsid: true, stdin: pty, stdout: pty, stderr: pty });
    let done = false;
    w.k.onExit(pid, () => { done = true; });
    await w.k.runUntilIdle();
    pty.resize({ cols: 120, rows: 40 });
    await w.k.runUntilIdle({ jumpTime: false });
    pty.write('q');
    await w.k.runUntilIdle({ until: () => done });
    expect(screen).toBe('"q" 120x40 1 /dev/pts/0\r\n');
  });
});
