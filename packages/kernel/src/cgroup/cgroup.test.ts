import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { EAGAIN, EBUSY, isSysError } from '../abi/errno.ts';
import { O_RDONLY, O_WRONLY } from '../abi/flags.ts';
import { SIGKILL } from '../abi/signal.ts';
import type { Sys } from '../sys.ts';

async function cat(sys: Sys, path: string): Promise<string> {
  const fd = sys.open(path, O_RDONLY);
  let s = '';
  for (;;) { const b = await sys.read(fd); if (!b.length) break; s += text(b); }
  sys.close(fd);
  return s;
}
async function echo(sys: Sys, path: string, v: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY);
  try { await sys.write(fd, v); } finally { sys.close(fd); }
}

function setup(sys: Sys): void {
  sys.mkdir('/sys');
  sys.mount('sysfs', '/sys', 'sysfs', 0);
  sys.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', 0);
}

describe('cgroup v2', () => {
  it('OOM-kills the largest process at memory.max and counts oom_kill', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        setup(sys);
        sys.mkdir('/sys/fs/cgroup/box');
        const ctl = await cat(sys, '/sys/fs/cgroup/box/cgroup.controllers');
        await echo(sys, '/sys/fs/cgroup/box/memory.max', '8M');
        const pid = sys.clone({ child: async (s) => {
          await echo(s, '/sys/fs/cgroup/box/cgroup.procs', String(s.getpid()));
          for (let i = 0; i < 100; i++) { s.memory(1 << 20); await s.sleep(1); }
          return 0;
        } });
        const r = await sys.wait4(pid);
        const ev = await cat(sys, '/sys/fs/cgroup/box/memory.events');
        const cur = await cat(sys, '/sys/fs/cgroup/box/memory.current');
        const max = await cat(sys, '/sys/fs/cgroup/box/memory.max');
        const pop = await cat(sys, '/sys/fs/cgroup/box/cgroup.events');
        sys.rmdir('/sys/fs/cgroup/box');
        await puts(sys, `${ctl}${r!.status.signal} ${ev.match(/oom_kill (\d+)/)![1]} ${cur.trim()} ${max.trim()} ${pop.split('\n')[0]}\n`);
        return 0;
      },
    });
    const r = await w.run('main');
    expect(r.out).toBe(`cpuset cpu io memory pids\n${SIGKILL} 1 0 8388608 populated 0\n`);
  });

  it("kills the largest process when the machine's memory runs out, without any memory.max", async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        setup(sys);
        const pid = sys.clone({ child: async (s) => { for (;;) { s.memory(4 << 20); await s.sleep(1); } } });
        const r = await sys.wait4(pid);
        const ev = await cat(sys, '/sys/fs/cgroup/memory.events').catch(() => 'none');
        await puts(sys, `${r!.status.signal} ${ev.includes('oom_kill') ? 'root-events' : 'no-root-events'}\n`);
        return 0;
      },
    }, { memoryBytes: 64 << 20 });
    const r = await w.run('main');
    expect(r.out).toBe(`${SIGKILL} no-root-events\n`);
  });

  it('fails clone with EAGAIN at pids.max and counts the event; rmdir of a populated cgroup is EBUSY', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        setup(sys);
        sys.mkdir('/sys/fs/cgroup/lim');
        await echo(sys, '/sys/fs/cgroup/lim/pids.max', '3');
        await echo(sys, '/sys/fs/cgroup/lim/cgroup.procs', String(sys.getpid()));
        const kids: number[] = [];
        let err = '';
        for (let i = 0; i < 5; i++) {
          try { kids.push(sys.clone({ child: async (s) => { await s.sleep(100); return 0; } })); } catch (e) {
            if (!isSysError(e, EAGAIN)) throw e;
            err = 'EAGAIN';
          }
        }
        const cur = (await cat(sys, '/sys/fs/cgroup/lim/pids.current')).trim();
        const ev = (await cat(sys, '/sys/fs/cgroup/lim/pids.events')).trim();
        const procs = (await cat(sys, '/sys/fs/cgroup/lim/cgroup.procs')).trim().split('\n').length;
        let busy = '';
        try { sys.rmdir('/sys/fs/cgroup/lim'); } catch (e) { if (isSysError(e, EBUSY)) busy = 'EBUSY'; }
        await puts(sys, `${kids.length} ${err} ${cur} ${ev} ${procs} ${busy}\n`);
        return 0;
      },
    });
    expect((await w.run('main')).out).toBe('2 EAGAIN 3 max 3 3 EBUSY\n');
  });

  it('throttles CPU at cpu.max and reports it in cpu.stat', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        setup(sys);
        sys.mkdir('/sys/fs/cgroup/slow');
        await echo(sys, '/sys/fs/cgroup/slow/cpu.max', '10000 100000');
        const pid = sys.clone({ child: async (s) => {
          await echo(s, '/sys/fs/cgroup/slow/cgroup.procs', '0');
          const t0 = s.uptime();
          for (let i = 0; i < 100; i++) await s.sched_yield();
          return Math.round((s.uptime() - t0) / 100);
        } });
        const r = await sys.wait4(pid);
        const st = await cat(sys, '/sys/fs/cgroup/slow/cpu.stat');
        const get = (k: string): number => Number(st.match(new RegExp(`${k} (\\d+)`))![1]);
        await puts(sys, `${r!.status.code} ${get('usage_usec')} ${get('nr_throttled') >= 9}\n`);
        return 0;
      },
    });
    // 100 ms of CPU at 10% takes about a second
    expect((await w.run('main')).out).toBe('10 100000 true\n');
  });
});
