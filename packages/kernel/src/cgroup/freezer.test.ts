import { describe, expect, it } from 'vitest';
import { makeWorld, puts, text } from '../test/harness.ts';
import { O_RDONLY, O_WRONLY } from '../abi/flags.ts';
import { SIGKILL, SIGUSR1 } from '../abi/signal.ts';
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

describe('cgroup v2 freezer', () => {
  it('holds a frozen process: no progress, signals wait, SIGKILL still kills', async () => {
    const w = makeWorld({
      main: async ({ sys }) => {
        sys.mkdir('/sys');
        sys.mount('sysfs', '/sys', 'sysfs', 0);
        sys.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', 0);
        sys.mkdir('/sys/fs/cgroup/box');
        const [r, wfd] = sys.pipe();
        const pid = sys.clone({ child: async (s) => {
          await echo(s, '/sys/fs/cgroup/box/cgroup.procs', String(s.getpid()));
          s.sigaction(SIGUSR1, () => { void s.write(wfd, 'U'); });
          for (;;) { await s.write(wfd, '.'); await s.sleep(1000); }
        } });
        await sys.sleep(2500);                       // ticks at 0, 1000, 2000
        await echo(sys, '/sys/fs/cgroup/box/cgroup.freeze', '1');
        const ev = await cat(sys, '/sys/fs/cgroup/box/cgroup.events');
        sys.kill(pid, SIGUSR1);                      // held while frozen
        await sys.sleep(5000);
        sys.setNonblock(r, true);
        const frozen = text(await sys.read(r));
        await echo(sys, '/sys/fs/cgroup/box/cgroup.freeze', '0');
        await sys.sleep(1500);                       // the signal, the held tick, one more
        const thawed = text(await sys.read(r));
        await echo(sys, '/sys/fs/cgroup/box/cgroup.freeze', '1');
        sys.kill(pid, SIGKILL);
        const st = await sys.wait4(pid);
        await puts(sys, `${ev.split('\n')[1]} ${frozen} ${thawed} ${st!.status.signal}\n`);
        return 0;
      },
    });
    const r = await w.run('main');
    expect(r.out).toBe(`frozen 1 ... U.. ${SIGKILL}\n`);
  });
});
