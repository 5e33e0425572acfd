import { describe, expect, it } from 'vitest';
import { makeWorld } from '../testing/world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('programs against cgroup limits', () => {
  it('a fork refused at pids.max is ash\'s "can\'t fork" error, status 2', async () => {
    const w = makeWorld('alpine', hostYield);
    // init and the shell fit; nothing more does
    w.k.cgroupRoot.pidsMax = w.k.cgroupRoot.pidsCurrent + 1;
    const r = await w.sh('echo before; sleep 1 & echo after');
    expect(r.out).toBe('before\n');
    expect(r.err).toBe("sh: can't fork: Resource temporarily unavailable\n");
    expect(r.code).toBe(2);
  });

  it('a command substitution of an endless output grows the heap until the OOM killer at memory.max', async () => {
    const w = makeWorld('alpine', hostYield);
    w.k.cgroupRoot.memMax = w.k.cgroupRoot.memCurrent + 4 * 1024 * 1024;
    const r = await w.sh('x=$(yes); echo never');
    expect(r.err).toBe('');
    expect(r.signal).toBe(9);
    expect(w.k.cgroupRoot.memEvents.oomKill).toBe(1);
  });
});
