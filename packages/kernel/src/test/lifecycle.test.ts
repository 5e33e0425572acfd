import { describe, expect, it } from 'vitest';
import { makeWorld } from './harness.ts';
import { lifecyclePrograms, prepareHost } from './lifecycle.ts';
import { executable } from '../exec-format.ts';
import type { Program } from '../sys.ts';

const setup: Program = async ({ sys }) => {
  sys.mount('sysfs', '/sys', 'sysfs', 0);
  sys.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', 0);
  sys.mkdir('/sys/fs/cgroup/docker');
  return 0;
};

async function world(trace?: (e: unknown) => void) {
  const w = makeWorld({ ...lifecyclePrograms, setup }, trace ? { trace } : {});
  prepareHost(w.k.fs, executable);
  await w.run('setup');
  w.k.spawn({ path: '/bin/containerd', argv: ['containerd'], env: [] });
  w.k.spawn({ path: '/bin/dockerd', argv: ['dockerd'], env: [] });
  await w.k.runUntilIdle();
  return w;
}

describe('a docker-run-like lifecycle', () => {
  it('runs a container to completion and cleans up', async () => {
    const w = await world();
    const before = w.k.processes().length;
    const r = await w.run('docker');
    expect(r.code).toBe(0);
    await w.k.runUntilIdle();
    expect(w.k.processes().map((p) => p.comm)).toEqual(['init', 'containerd', 'dockerd']);
    expect(before).toBe(3);
    expect(w.k.cgroupRoot.child('docker')!.children?.size ?? 0).toBe(0);
  });

  it('emits trace events for clone flags, execve, mount, pivot_root, cgroup moves and exit', async () => {
    const calls: string[] = [];
    const w = await world((e) => { const ev = e as { call: string; args: { flags?: string[] } }; calls.push(ev.call === 'clone' && ev.args.flags!.length ? `clone:${ev.args.flags!.join('|')}` : ev.call); });
    calls.length = 0;
    await w.run('docker');
    const seen = new Set(calls);
    for (const c of ['spawn', 'execve', 'clone:CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWPID|CLONE_NEWNET',
      'mount', 'pivot_root', 'umount', 'cgroup_attach', 'cgroup_mkdir', 'cgroup_rmdir', 'exit']) expect(seen, c).toContain(c);
  });

  it('carries many lifecycles to their exit (their rate is bench run-lifecycles)', async () => {
    const w = await world();
    await w.run('docker');
    const N = 2000;
    let done = 0;
    for (let i = 0; i < N; i++) {
      const pid = w.k.spawn({ path: '/bin/docker', argv: ['docker'], env: [] });
      w.k.onExit(pid, () => { done++; });
    }
    await w.k.runUntilIdle({ until: () => done === N });
    expect(done).toBe(N);
  });
});
