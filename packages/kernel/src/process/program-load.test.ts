import { describe, expect, it } from 'vitest';
import { makeWorld, puts } from '../test/harness.ts';
import { lazyProgram, preloadCode } from './program-load.ts';
import { SIGKILL } from '../abi/signal.ts';
import type { LazyProgram, Program } from '../sys.ts';

/** A loader that hands over `program` after `ms` of host time (0: within microtasks). */
function slowLoader(program: Program, ms: number, log: string[] = []): () => Promise<Program> {
  return () => {
    log.push('load');
    return ms === 0 ? Promise.resolve(program) : new Promise((r) => setTimeout(() => r(program), ms));
  };
}

const hello: Program = async ({ sys, argv }) => { await puts(sys, `hello ${argv.slice(1).join(' ')} at ${sys.uptime()}\n`); return 3; };

/** A world where `ticker` prints the time every 5 ms while `main` execs the lazy `hello`. */
async function race(loadMs: number): Promise<string> {
  const w = makeWorld({
    hello: lazyProgram(slowLoader(hello, loadMs)),
    main: async ({ sys }) => {
      const t = sys.clone({
        child: async (c) => { for (let i = 0; i < 3; i++) { await c.sleep(5); await puts(c, `tick ${c.uptime()}\n`); } return 0; },
      });
      const h = sys.clone({ child: async (c) => { await c.execve('/bin/hello', ['hello', 'a'], []); return 9; } });
      const r = await sys.wait4(h);
      await puts(sys, `hello exited ${r!.status.code}\n`);
      await sys.wait4(t);
      return 0;
    },
  });
  return (await w.run('main')).out;
}

describe('programs loaded on first use', () => {
  it('runs once its code arrives, with argv and exit code', async () => {
    const log: string[] = [];
    const w = makeWorld({ hello: lazyProgram(slowLoader(hello, 5, log)) });
    expect(await w.run('hello', ['hello', 'x'])).toEqual({ code: 3, signal: null, out: 'hello x at 0\n' });
    expect(await w.run('hello', ['hello', 'y'])).toEqual({ code: 3, signal: null, out: 'hello y at 0\n' });
    expect(log).toEqual(['load']);
  });

  it('holds the clock while code is on its way: the same run whatever the load takes', async () => {
    const instant = await race(0);
    expect(instant).toBe('hello a at 0\nhello exited 3\ntick 5\ntick 10\ntick 15\n');
    expect(await race(30)).toBe(instant);
  });

  it('code the host has runs at once, in any world: as if it had been bundled', async () => {
    const lazyHello = lazyProgram(slowLoader(hello, 0));
    const order = (entry: Program | LazyProgram) => {
      const w = makeWorld({
        hello: entry,
        main: async ({ sys }) => {
          const h = sys.clone({ child: async (c) => { await c.execve('/bin/hello', ['hello'], []); return 9; } });
          await sys.sched_yield();
          await puts(sys, 'parent\n');
          await sys.wait4(h);
          return 0;
        },
      });
      return w.run('main').then((r) => r.out);
    };
    // the first use waits for the code, a round of the run loop (the parent's yield costs 1 ms)
    expect(await order(lazyHello)).toBe('hello  at 1\nparent\n');
    expect(await order(hello)).toBe('hello  at 0\nparent\n');
    await preloadCode();
    expect(await order(lazyHello)).toBe('hello  at 0\nparent\n');
  });

  it('a process killed while its code loads never runs it', async () => {
    const w = makeWorld({ hello: lazyProgram(slowLoader(hello, 20)) });
    let out = '';
    const pid = w.k.spawn({ path: '/bin/hello', argv: ['hello'], env: [], stdout: (b) => { out += new TextDecoder().decode(b); } });
    let status: { code: number | null; signal: number | null } | undefined;
    w.k.onExit(pid, (s) => { status = s; });
    const running = w.k.runUntilIdle({ until: () => status !== undefined });
    await new Promise((r) => setTimeout(r, 5));
    expect(w.k.processes().find((p) => p.pid === pid)?.state).toBe('S');
    w.k.kill(pid, SIGKILL);
    await running;
    expect(status).toEqual({ code: null, signal: SIGKILL });
    await w.k.runUntilIdle();
    expect(out).toBe('');
  });

  it('a failed load ends the process with status 1; the next use tries again', async () => {
    let fail = true;
    const w = makeWorld({
      hello: lazyProgram(() => (fail ? Promise.reject(new Error('chunk failed')) : Promise.resolve(hello))),
    }, { onCrash: () => {} });
    expect(await w.run('hello')).toEqual({ code: 1, signal: null, out: '' });
    fail = false;
    expect((await w.run('hello')).code).toBe(3);
  });
});
