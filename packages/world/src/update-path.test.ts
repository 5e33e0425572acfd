// docker update reaches the cgroup the way Docker's does: dockerd → containerd
// tasks.Update → the shim's Update → `runc update --resources -`.
import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';
import type { TraceEvent } from './api.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('docker update', () => {
  it('goes through containerd, the shim and runc update', async () => {
    const world = await createWorld({ hostYield });
    expect((await world.exec('docker pull alpine')).exitCode).toBe(0);
    expect((await world.exec('docker run -d --name up alpine sleep 1000')).exitCode).toBe(0);
    const events: TraceEvent[] = [];
    const sub = world.onTrace((e) => events.push(e));
    const r = await world.exec('docker update --pids-limit 5 --cpus 0.5 up');
    sub.dispose();
    expect(r.stdout).toBe('up\n');
    const text = events.map((e) => `${e.layer}: ${e.what}${e.what === 'execve' ? ' ' + ((e.data as { argv?: string[] })?.argv ?? []).join(' ') : ''}`);
    const at = (re: RegExp) => text.findIndex((t) => re.test(t));
    const steps = [/^docker: POST \/v1\.\d+\/containers\/up\/update/, /^containerd: tasks\.Update/, /^shim: containerd\.task\.v2\.Task\/Update$/, /execve runc --root \/run\/docker\/runtime-runc\/moby .*update --resources=- [0-9a-f]{64}$/];
    let last = -1;
    for (const re of steps) {
      const i = at(re);
      expect(i, `${re} missing or out of order in:\n${text.join('\n')}`).toBeGreaterThan(last);
      last = i;
    }
    const id = (await world.exec("docker inspect -f '{{.Id}}' up")).stdout.trim();
    const cg = `/sys/fs/cgroup/system.slice/docker-${id}.scope`;
    expect((await world.exec(`cat ${cg}/pids.max ${cg}/cpu.max`)).stdout).toBe('5\n50000 100000\n');
    // runc keeps what it applied for the next update
    const state = JSON.parse((await world.exec(`cat /run/docker/runtime-runc/moby/${id}/state.json`)).stdout);
    expect(state.config.cgroups).toMatchObject({ pids_limit: 5, cpu_quota: 50000, cpu_period: 100000 });
  }, 60000);
});
