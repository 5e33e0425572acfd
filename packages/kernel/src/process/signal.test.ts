import { describe, expect, it } from 'vitest';
import { makeWorld, puts } from '../test/harness.ts';
import { EINTR, isSysError } from '../abi/errno.ts';
import { CLONE_NEWPID, SA_RESTART, WUNTRACED } from '../abi/flags.ts';
import { SIGINT, SIGKILL, SIGTERM, SIGUSR1, SIGSTOP, SIGCONT, SIGCHLD } from '../abi/signal.ts';

describe('signals', () => {
  it('runs a handler on a blocked process and fails its call with EINTR', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const log: string[] = [];
        const pid = sys.clone({ child: async (s) => {
          s.sigaction(SIGUSR1, (sig) => { log.push(`handler ${sig}`); });
          try { await s.sleep(1e6); log.push('slept'); } catch (e) { if (!isSysError(e)) throw e; log.push(e.errno === EINTR ? 'EINTR' : 'other'); }
          return 4;
        } });
        await sys.sleep(1);
        sys.kill(pid, SIGUSR1);
        const r = await sys.wait4(pid);
        await puts(sys, `${log.join(',')} ${r!.status.code} t=${sys.uptime() < 1000}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('handler 10,EINTR 4 t=true\n');
  });

  it('with SA_RESTART an interrupted read goes on waiting after the handler; sleep still fails', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const log: string[] = [];
        const [r, wr] = sys.pipe();
        const pid = sys.clone({ child: async (s) => {
          s.sigaction(SIGUSR1, () => { log.push('handler'); }, SA_RESTART);
          const b = await s.read(r);
          log.push(`read ${b.length}`);
          try { await s.sleep(1000); } catch (e) { if (!isSysError(e, EINTR)) throw e; log.push('sleep EINTR'); }
          return 0;
        } });
        await sys.sleep(1);
        sys.kill(pid, SIGUSR1);
        await sys.sleep(1);
        await sys.write(wr, 'abc');
        await sys.sleep(1);
        sys.kill(pid, SIGUSR1);
        await sys.wait4(pid);
        await puts(sys, log.join(',') + '\n');
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('handler,read 3,handler,sleep EINTR\n');
  });

  it('delivers to a running process at its next system call', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const log: string[] = [];
        sys.sigaction(SIGUSR1, () => { log.push('h'); });
        sys.kill(sys.getpid(), SIGUSR1);
        log.push('after');
        await puts(sys, log.join(',') + '\n');
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('h,after\n');
  });

  it('resets handlers on execve but keeps ignored signals ignored', async () => {
    const w = makeWorld({
      victim: async ({ sys }) => { await sys.sleep(1e6); return 0; },
      main: async ({ sys }) => {
        const a = sys.clone({ child: async (s) => { s.sigaction(SIGTERM, () => {}); return s.execve('/bin/victim', ['victim'], []); } });
        const b = sys.clone({ child: async (s) => { s.sigaction(SIGTERM, 'ignore'); return s.execve('/bin/victim', ['victim'], []); } });
        await sys.sleep(1);
        sys.kill(a, SIGTERM); sys.kill(b, SIGTERM);
        const ra = await sys.wait4(a);
        await sys.sleep(5);
        const alive = w.k.proc(w.k.proc(sys.getpid())!.children!.values().next().value!.pid)!.state;
        sys.kill(b, SIGKILL);
        const rb = await sys.wait4(b);
        await puts(sys, `${ra!.status.signal} ${alive} ${rb!.status.signal}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe(`${SIGTERM} S ${SIGKILL}\n`);
  });

  it('a pid namespace init ignores default-action signals from inside, SIGKILL from outside works', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const log: string[] = [];
        const init = sys.clone({ flags: CLONE_NEWPID, child: async (s) => {
          log.push(`inner pid ${s.getpid()} ppid ${s.getppid()}`);
          const kid = s.clone({ child: async (c) => {
            c.kill(1, SIGTERM); c.kill(1, SIGKILL);
            log.push(`kid pid ${c.getpid()} ppid ${c.getppid()}`);
            return 0;
          } });
          await s.wait4(kid);
          await s.sleep(100);
          log.push('init survived');
          await s.sleep(1e6);
          return 0;
        } });
        await sys.sleep(200);
        sys.kill(init, SIGTERM);   // from the parent namespace, no handler: still ignored
        await sys.sleep(10);
        const st1 = w.k.proc(init)!.state;
        sys.kill(init, SIGKILL);
        const r = await sys.wait4(init);
        await puts(sys, `${log.join('; ')}; host pid differs ${init !== 1}; ${st1}; ${r!.status.signal}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('inner pid 1 ppid 0; kid pid 2 ppid 1; init survived; host pid differs true; S; 9\n');
  });

  it('kills every process of a pid namespace when its init dies', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        let inner = 0;
        const init = sys.clone({ flags: CLONE_NEWPID, child: async (s) => {
          s.clone({ child: async (c) => { await c.sleep(1e6); return 0; } });
          inner = [...w.k.proc(init)!.children!][0]!.pid;
          await s.sleep(10);
          return 0;
        } });
        const r = await sys.wait4(init);
        await puts(sys, `${r!.status.code} ${inner > init} ${w.k.proc(inner) === undefined} ${sys.uptime() < 1000}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('0 true true true\n');
  });

  it('stops and continues, reported with WUNTRACED; SIGCHLD to a handler', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        let chld = 0;
        sys.sigaction(SIGCHLD, () => { chld++; });
        const pid = sys.clone({ child: async (s) => { await s.sleep(100); return 1; } });
        sys.kill(pid, SIGSTOP);
        const r1 = await sys.wait4(pid, WUNTRACED);
        await sys.sleep(1000);
        const st = w.k.proc(pid)!.state;
        sys.kill(pid, SIGCONT);
        const r2 = await sys.wait4(pid);
        await puts(sys, `${r1!.status.stopped} ${st} ${r2!.status.code} ${chld >= 2}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe(`${SIGSTOP} T 1 true\n`);
  });

  it('kill(0) and kill(-pgid) reach the process group', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.sigaction(SIGINT, 'ignore');
        const a = sys.clone({ child: async (s) => { s.sigaction(SIGINT, 'default'); await s.sleep(1e6); return 0; } });
        const b = sys.clone({ child: async (s) => { s.setpgid(0, 0); await s.sleep(1e6); return 0; } });
        await sys.sleep(1);
        sys.kill(0, SIGINT);
        const ra = await sys.wait4(a);
        sys.kill(-b, SIGTERM);
        const rb = await sys.wait4(b);
        await puts(sys, `${ra!.status.signal} ${rb!.status.signal} ${sys.getpgid(0) !== b}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('2 15 true\n');
  });
});
