import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { SIGINT } from '../abi/signal.ts';
import { Clock } from './clock.ts';

describe('scheduler and clock', () => {
  it('fires timers in deadline order, equal deadlines in the order set; cancel works', () => {
    const c = new Clock(0);
    const log: string[] = [];
    c.at(30, () => log.push('c'));
    const t = c.at(10, () => log.push('x'));
    c.at(20, () => log.push('a'));
    c.at(20, () => log.push('b'));
    c.cancel(t);
    c.advanceTo(25);
    expect([log.join(''), c.now, c.next()]).toEqual(['ab', 25, 30]);
  });

  it('lets a wall-clock driver move time: nextTimerAt and advanceTo', async () => {
    const w = makeWorld({ main: async ({ sys }) => { await sys.sleep(500); await puts(sys, `${sys.uptime()}\n`); return 0; } });
    let out = '';
    const pid = w.k.spawn({ path: '/bin/main', argv: ['main'], env: [], stdout: (b) => { out += text(b); } });
    await w.k.runUntilIdle({ jumpTime: false });
    expect([out, w.k.nextTimerAt(), w.k.proc(pid)!.state]).toEqual(['', 500, 'S']);
    w.k.advanceTo(499);
    await w.k.runUntilIdle({ jumpTime: false });
    expect(out).toBe('');
    w.k.advanceTo(500);
    await w.k.runUntilIdle({ jumpTime: false });
    expect(out).toBe('500\n');
  });

  it('an endless loop that yields cannot starve the host; ^C stops it', async () => {
    const w = makeWorld({ spin: async ({ sys }) => { for (;;) await sys.sched_yield(); } });
    const pty = w.k.createPty();
    const pid = w.k.spawn({ path: '/bin/spin', argv: ['spin'], env: [], setsid: true, stdin: pty, stdout: pty, stderr: pty });
    let status: unknown;
    w.k.onExit(pid, (s) => { status = s; });
    let rounds = 0;
    await w.k.runUntilIdle({ until: () => ++rounds > 50 });
    expect(status).toBeUndefined();
    const cpu = w.k.proc(pid)!.cpu;
    expect(cpu).toBeGreaterThan(40);
    pty.write('\x03');
    await w.k.runUntilIdle({ until: () => status !== undefined });
    expect(status).toEqual({ code: null, signal: SIGINT });
  });
});
