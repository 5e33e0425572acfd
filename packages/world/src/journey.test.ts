import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';
import { Journey, type Layer } from './journey.ts';
import type { TraceEvent } from './api.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('journey of docker run', () => {
  it('goes CLI → dockerd → containerd → shim → runc → container and back, in order', async () => {
    const world = await createWorld({ hostYield });
    expect((await world.exec('docker pull alpine')).exitCode).toBe(0);
    const events: TraceEvent[] = [];
    const sub = world.onTrace((e) => events.push(e));
    const r = await world.exec('docker run --rm alpine echo hello');
    await world.runUntilIdle();
    sub.dispose();
    expect(r.stdout).toBe('hello\n');
    const comm: Record<string, Layer> = { dockerd: 'dockerd', containerd: 'containerd' };
    const j = new Journey((pid) => comm[world.kernel.proc(pid)?.comm ?? '']);
    for (const e of events) j.add(e);
    const seq = j.hops.map((h) => `${h.layer}: ${h.text}`);
    const at = (re: RegExp): number => {
      const i = seq.findIndex((s) => re.test(s));
      expect(i, `no hop matching ${re}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const order = [
      /^docker: execve \/usr\/bin\/docker: docker run --rm alpine echo hello$/,
      /^docker: POST \/v1\.\d+\/containers\/create/,
      /^dockerd: handler POST \/v1\.\d+\/containers\/create$/,
      /^dockerd: handler POST \/v1\.\d+\/containers\/[0-9a-f]{64}\/start$/,
      /^dockerd: mount -t overlay overlay \/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/merged -o lowerdir=<2 layers>,upperdir=/,
      /^containerd: tasks\.Create \(namespace=moby\)$/,
      /^shim: execve \/usr\/bin\/containerd-shim-runc-v2: \/usr\/bin\/containerd-shim-runc-v2 -namespace moby -id [0-9a-f]{64} /,
      /^shim: containerd\.task\.v2\.Task\/Create$/,
      / --systemd-cgroup create --bundle \/run\/containerd\/io\.containerd\.runtime\.v2\.task\/moby\/[0-9a-f]{64} /,
      /^runc: clone\(CLONE_NEWNS\|CLONE_NEWUTS\|CLONE_NEWIPC\|CLONE_NEWPID\|CLONE_NEWNET\) = \d+ \(pid 1 in its namespace\)$/,
      /^runc: join cgroup \/system\.slice\/docker-[0-9a-f]{64}\.scope$/,
      /^runc: mount -t proc proc \/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/merged\/proc/,
      /^runc: pivot_root \. \.$/,
      /^shim: event \/tasks\/create/,
      /^shim: containerd\.task\.v2\.Task\/Start$/,
      /^container: execve \/bin\/echo: echo hello$/,
      /^container: exit status 0$/,
      /^shim: event \/tasks\/exit \(pid=\d+, exitStatus=0\)$/,
      /^shim: containerd\.task\.v2\.Task\/Delete$/,
      /^dockerd: umount \/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/merged$/,
      /^docker: exit status 0$/,
    ];
    let last = -1;
    for (const re of order) {
      const i = at(re);
      expect(i, `${re} came before the previous hop`).toBeGreaterThan(last);
      last = i;
    }
    expect(j.format()).toMatch(/^\[ +\d+\.\d{3}\] {11}container\[\d+\] +execve \/bin\/echo: echo hello$/m);
  }, 30000);
});
