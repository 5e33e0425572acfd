import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS, O_RDONLY, O_RDWR, O_WRONLY } from '../abi/flags.ts';
import { EINVAL, isSysError } from '../abi/errno.ts';

describe('namespaces', () => {
  it('unshare(CLONE_NEWUTS) gives the caller its own hostname; setns joins another', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        const before = sys.gethostname();
        const pid = sys.clone({ child: async (s) => {
          s.unshare(CLONE_NEWUTS);
          s.sethostname('inner');
          await s.sleep(1000);
          return 0;
        } });
        await sys.sleep(10);
        const fd = sys.open(`/proc/${pid}/ns/uts`, O_RDONLY);
        const other = sys.readlink(`/proc/${pid}/ns/uts`);
        const mine = sys.readlink('/proc/self/ns/uts');
        let bad = '';
        try { sys.setns(fd, CLONE_NEWPID); } catch (e) { if (isSysError(e, EINVAL)) bad = 'EINVAL'; }
        sys.setns(fd, CLONE_NEWUTS);
        const after = sys.gethostname();
        const now = sys.readlink('/proc/self/ns/uts');
        await puts(sys, `${before} ${after} ${other !== mine} ${now === other} ${bad} ${w.k.initNs.uts.hostname}\n`);
        return 0;
      },
    }, { hostname: 'node1' });
    expect((await w.run('main')).out).toBe('node1 inner true true EINVAL node1\n');
  });

  it('an open /proc/self/ns file keeps naming the namespace it was opened on: setns through it returns there', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mount('proc', '/proc', 'proc', 0);
        const home = sys.open('/proc/self/ns/uts', O_RDONLY);
        const homeName = sys.readlink('/proc/self/ns/uts');
        sys.unshare(CLONE_NEWUTS);
        sys.sethostname('elsewhere');
        const away = sys.readlink('/proc/self/ns/uts');
        sys.setns(home, CLONE_NEWUTS);
        const back = sys.readlink('/proc/self/ns/uts');
        await puts(sys, `${away !== homeName} ${back === homeName} ${sys.gethostname() !== 'elsewhere'}\n`);
        sys.close(home);
        return 0;
      },
    });
    const r = await w.run('main');
    expect(r.out).toBe('true true true\n');
  });

  it('unshare(CLONE_NEWPID) puts the next child in a new pid namespace as its init', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.unshare(CLONE_NEWPID);
        const seen: string[] = [];
        const a = sys.clone({ child: async (s) => { seen.push(`a:${s.getpid()}:${s.getppid()}`); await s.sleep(5); return 0; } });
        await sys.sleep(1);
        const b = sys.clone({ child: async (s) => { seen.push(`b:${s.getpid()}`); return 0; } });
        await sys.wait4(a); await sys.wait4(b);
        await puts(sys, `${seen.join(' ')} ${sys.getpid() > 1} ${a === 1 ? 'same' : 'host-numbered'}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('a:1:0 b:2 true host-numbered\n');
  });

  it('a container mounts its own devpts: its first terminal is /dev/pts/0', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        const host = sys.openpty();
        const pid = sys.clone({ flags: CLONE_NEWNS | CLONE_NEWPID, child: async (s) => {
          s.mount('devpts', '/dev/pts', 'devpts', 0, 'newinstance,ptmxmode=0666,mode=0620,gid=5');
          const m = s.open('/dev/pts/ptmx', O_RDWR);
          const names = s.readdir('/dev/pts').map((d) => d.name).join(',');
          const sl = s.open('/dev/pts/0', O_RDWR);
          await s.write(sl, 'x\n');
          const out = text(await s.read(m));
          await puts(s, `${names} ${s.ttyname(sl)} ${JSON.stringify(out)}\n`);
          return 0;
        } });
        await sys.wait4(pid);
        await puts(sys, `${host.name}\n`);
        return 0;
      },
    });
    w.k.fs.mkdirp('/dev/pts');
    const r = await w.run('main');
    expect(r.out).toBe('ptmx,0 /dev/pts/0 "x\\r\\n"\n/dev/pts/0\n');
  });
});

describe('host-side processes', () => {
  it('feeds stdin from a host pipe and takes stdout and stderr through callbacks', async () => {
    const w = makeWorld({
      upcase: async ({ sys }) => {
        for (;;) { const b = await sys.read(0); if (!b.length) break; await sys.write(1, text(b).toUpperCase()); }
        await sys.write(2, 'done\n');
        return 0;
      },
    });
    const pipe = w.k.createPipe();
    let out = '', err = '';
    const pid = w.k.spawn({ path: '/bin/upcase', argv: ['upcase'], env: [], stdin: pipe, stdout: (b) => { out += text(b); }, stderr: (b) => { err += text(b); } });
    let status: unknown;
    w.k.onExit(pid, (s) => { status = s; });
    pipe.write('hello ');
    await w.k.runUntilIdle();
    pipe.write('world');
    pipe.end();
    await w.k.runUntilIdle({ until: () => status !== undefined });
    expect([out, err, status]).toEqual(['HELLO WORLD', 'done\n', { code: 0, signal: null }]);
  });

  it('is deterministic: the same seed gives the same random bytes, pids and trace', async () => {
    const once = async (seed = 42): Promise<string> => {
      const trace: string[] = [];
      const w = makeWorld({
        main: async ({ sys }) => {
          const r = Array.from(sys.getrandom(8)).join(',');
          const kids = [1, 2, 3].map((n) => sys.clone({ child: async (s) => { await s.sleep(n * 10); return n; } }));
          const codes: number[] = [];
          for (let i = 0; i < 3; i++) codes.push((await sys.wait4(-1))!.status.code!);
          await puts(sys, `${r} ${kids.join(',')} ${codes.join(',')} ${sys.now()}\n`);
          return 0;
        },
      }, { seed, trace: (e) => trace.push(JSON.stringify(e)) });
      const r = await w.run('main');
      return r.out + trace.join('\n');
    };
    const a = await once(), b = await once();
    expect(a).toBe(b);
    expect((await once(7)).split(' ')[0]).not.toBe(a.split(' ')[0]);
    expect(a.split('\n')[0]!.split(' ')[2]).toBe('1,2,3');
  });
});
