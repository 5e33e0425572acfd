// runc update (update.go; libcontainer's fs2 Set): the cgroup files after an
// update, how values merge with what runc kept, and its refusals.
import { describe, expect, it } from 'vitest';
import type { Program } from '@dockersim/kernel';
import { runc } from './index.ts';
import { bootHost, dockerSpec } from './test-host.ts';
import { cgroupWrites, mergeResources } from './update.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const ROOT = '/run/docker/runtime-runc/moby';
const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const BUNDLE = `/run/containerd/io.containerd.runtime.v2.task/moby/${ID}`;
const CG = `/sys/fs/cgroup/system.slice/docker-${ID}.scope`;
const rc = (...a: string[]) => ['runc', '--root', ROOT, ...a];
const sleeper: Program = async ({ sys }) => { for (;;) await sys.sleep(1e9); };
const lastError = (err: string) => /msg="?(.*?)"?\n$/.exec(err)?.[1];

describe('runc update', () => {
  it('writes the new limits into the running container\'s cgroup and keeps them for the next update', async () => {
    const h = await bootHost({ runc, sleeper }, ['sleeper'], hostYield);
    const spec = dockerSpec(ID, ['sleeper']);
    if (!h.realSysfs) spec.mounts = spec.mounts.filter((m) => m.type !== 'sysfs');
    h.k.fs.writeFile(`${BUNDLE}/config.json`, JSON.stringify(spec));
    expect((await h.run(rc('create', '--bundle', BUNDLE, ID))).code).toBe(0);
    expect((await h.run(rc('start', ID))).code).toBe(0);
    await h.settle();

    const u = await h.run(rc('update', '--pids-limit', '7', '--memory', '100m', '--memory-swap', '150m', ID));
    expect(u.err).toBe('');
    expect(u.code).toBe(0);
    expect((await h.cat(`${CG}/pids.max`)).trim()).toBe('7');
    expect((await h.cat(`${CG}/memory.max`)).trim()).toBe('104857600');
    expect((await h.cat(`${CG}/memory.swap.max`)).trim()).toBe('52428800');
    const kept = JSON.parse(h.readFile(`${ROOT}/${ID}/state.json`)).config.cgroups;
    expect(kept).toMatchObject({ memory: 104857600, memory_swap: 157286400, pids_limit: 7 });

    // a resources file (what the shim pipes in): unset fields keep their value
    h.k.fs.writeFile('/tmp/r.json', JSON.stringify({ cpu: { quota: 50000, period: 100000, shares: 512 } }));
    expect((await h.run(rc('update', '-r', '/tmp/r.json', ID))).code).toBe(0);
    expect((await h.cat(`${CG}/cpu.max`)).trim()).toBe('50000 100000');
    expect((await h.cat(`${CG}/cpu.weight`)).trim()).toBe('20');
    expect((await h.cat(`${CG}/memory.max`)).trim()).toBe('104857600');
    expect((await h.cat(`${CG}/pids.max`)).trim()).toBe('7');

    const bad = await h.run(rc('update', '--cpu-share', 'lots', ID));
    expect(lastError(bad.err)).toBe('invalid value for cpu-share: strconv.ParseUint: parsing \\"lots\\": invalid syntax');
    const swapOnly = await h.run(rc('update', '--memory', '-1', '--memory-swap', '200m', ID));
    expect(lastError(swapOnly.err)).toBe('unable to set swap limit without memory limit');
    expect(lastError((await h.run(rc('update', ID, 'extra'))).err)).toBe('runc: \\"update\\" requires exactly 1 argument(s)');

    expect((await h.run(rc('kill', ID, 'KILL'))).code).toBe(0);
    await h.settle();
    expect(lastError((await h.run(rc('update', '--pids-limit', '9', ID))).err)).toBe('container not running');
    expect(lastError((await h.run(rc('update', '--pids-limit', '9', 'nosuch'))).err)).toBe('container does not exist');
  });
});

describe('merging and the fs2 files', () => {
  it('sets quota and period together, or one alone keeping the other', () => {
    const kept = { cpu_quota: 20000, cpu_period: 100000 };
    expect(mergeResources(kept, { cpu: { quota: 30000 } })).toMatchObject({ cpu_quota: 30000, cpu_period: 100000 });
    expect(mergeResources(kept, { cpu: { period: 50000 } })).toMatchObject({ cpu_quota: 20000, cpu_period: 50000 });
    expect(mergeResources(kept, {})).toMatchObject({ cpu_quota: 0, cpu_period: 0 });
  });
  it('converts swap to cgroup v2 (memory+swap minus memory; -1 is max) and pids -1 to max', () => {
    expect(cgroupWrites({ memory: 100, memory_swap: 300, pids_limit: -1 })).toEqual([['memory.swap.max', '200'], ['memory.max', '100'], ['pids.max', 'max']]);
    expect(cgroupWrites({ memory: 100, memory_swap: -1 })).toEqual([['memory.swap.max', 'max'], ['memory.max', '100']]);
    expect(() => cgroupWrites({ memory: 100, memory_swap: 50 })).toThrow('memory+swap limit should be >= memory limit');
    expect(cgroupWrites({ cpu_quota: -1, cpu_period: 100000 })).toEqual([['cpu.max', 'max 100000']]);
  });
});
