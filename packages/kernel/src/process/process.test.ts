import { describe, expect, it } from 'vitest';
import { makeWorld, puts } from '../test/harness.ts';
import { ECHILD, ENOENT, EACCES, ENOEXEC, isSysError } from '../abi/errno.ts';
import { WNOHANG, PR_SET_CHILD_SUBREAPER } from '../abi/flags.ts';
import { SIGKILL } from '../abi/signal.ts';

describe('fork, exec, wait', () => {
  it('runs a child and reports its exit code', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const pid = sys.clone({ child: async () => 7 });
        const r = await sys.wait4(pid);
        await puts(sys, `pid=${r!.pid === pid} code=${r!.status.code}\n`);
        return 300; // & 255
      },
    });
    const r = await w.run('main');
    expect(r.out).toBe('pid=true code=7\n');
    expect(r.code).toBe(44);
  });

  it('execs a program by path with argv and env, and reports errors', async () => {
    const w = makeWorld({
      echo: async ({ sys, argv, env }) => { await puts(sys, argv.slice(1).join(' ') + ' ' + env.join(',') + '\n'); return 0; },
      main: async ({ sys }) => {
        const errs: string[] = [];
        for (const path of ['/bin/nope', '/tmp', '/tmp/script']) {
          try { await sys.execve(path, [path], []); } catch (e) { if (!isSysError(e)) throw e; errs.push(String(e.errno)); }
        }
        await puts(sys, errs.join(' ') + '\n');
        await sys.execve('/bin/echo', ['echo', 'hi', 'there'], ['A=1']);
        return 99;
      },
    });
    w.k.fs.writeFile('/tmp/script', 'plain text', 0o644);
    const r = await w.run('main');
    expect(r.out).toBe(`${ENOENT} ${EACCES} ${EACCES}\nhi there A=1\n`);
    expect(r.code).toBe(0);
  });

  it('runs #! scripts through their interpreter with the script path appended', async () => {
    const w = makeWorld({
      interp: async ({ sys, argv }) => { await puts(sys, JSON.stringify(argv) + '\n'); return 3; },
      main: async ({ sys }) => sys.execve('/tmp/s.sh', ['/tmp/s.sh', 'a', 'b'], []),
    });
    w.k.fs.writeFile('/tmp/s.sh', '#!/bin/interp -x\necho hi\n', 0o755);
    w.k.fs.writeFile('/tmp/bad', 'garbage', 0o755);
    const r = await w.run('main');
    expect(r.out).toBe('["/bin/interp","-x","/tmp/s.sh","a","b"]\n');
    expect(r.code).toBe(3);
    const w2 = makeWorld({ main: async ({ sys }) => { try { await sys.execve('/tmp/bad', ['x'], []); } catch (e) { if (isSysError(e, ENOEXEC)) return 8; throw e; } return 0; } });
    w2.k.fs.writeFile('/tmp/bad', 'garbage', 0o755);
    expect((await w2.run('main')).code).toBe(8);
  });

  it('keeps zombies until reaped; WNOHANG; ECHILD', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const pid = sys.clone({ child: () => 5 });
        await sys.sleep(10);
        const before = w.k.proc(pid)!.state;
        const r = await sys.wait4(-1, WNOHANG);
        const again = await sys.wait4(-1, WNOHANG).catch((e) => (isSysError(e, ECHILD) ? 'ECHILD' : 'other'));
        await puts(sys, `${before} ${r!.status.code} ${w.k.proc(pid) === undefined} ${again}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('Z 5 true ECHILD\n');
  });

  it('re-parents orphans to a subreaper, else to init', async () => {
    let seen = '';
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.prctl(PR_SET_CHILD_SUBREAPER, 1);
        const me = sys.getpid();
        sys.clone({ child: async (s) => {
          s.clone({ child: async (g) => { await g.sleep(50); seen += `ppid=${g.getppid() === me}`; return 0; } });
          return 0;
        } });
        const a = await sys.wait4(-1);
        const b = await sys.wait4(-1);
        return a && b ? 0 : 1;
      },
      orphan: async ({ sys }) => {
        sys.clone({ child: async (s) => { s.clone({ child: async (g) => { await g.sleep(50); seen += ` init=${g.getppid()}`; return 0; } }); return 0; } });
        await sys.wait4(-1);
        return 0;
      },
    });
    expect((await w.run('main')).code).toBe(0);
    await w.run('orphan');
    await w.k.runUntilIdle();
    expect(seen).toBe('ppid=true init=1');
  });

  it('kills with signals; status has the signal', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const pid = sys.clone({ child: async (s) => { await s.sleep(1e9); return 0; } });
        sys.kill(pid, SIGKILL);
        const r = await sys.wait4(pid);
        await puts(sys, `${r!.status.code} ${r!.status.signal}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('null 9\n');
  });

  it('sleeps in virtual time', async () => {
    const w = makeWorld({ main: async ({ sys }) => { const t0 = sys.uptime(); await sys.sleep(600000); await puts(sys, `${sys.uptime() - t0}\n`); return 0; } });
    // a real ten-minute sleep would trip the test's own timeout
    expect((await w.run('main')).out).toBe('600000\n');
  });
});

describe('host spawn', () => {
  it('fails with ENOENT for a missing executable and leaves nothing behind', async () => {
    const w = makeWorld({});
    await w.k.runUntilIdle();
    const before = w.k.processes().length;
    let err = '';
    try { w.k.spawn({ path: '/bin/missing', argv: ['missing'], env: [] }); } catch (e) { if (isSysError(e, ENOENT)) err = 'ENOENT'; }
    await w.k.runUntilIdle();
    expect([err, w.k.processes().length]).toEqual(['ENOENT', before]);
  });
});
