// The panels' views read from a headless world: what a container writes shows
// in its upperdir (copy-up, whiteout, new), its cgroup files give the gauges,
// and its namespace, veth and published port make the topology.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '@dockersim/world';
import { layersView } from './layers.ts';
import { cgroupsView } from './cgroups.ts';
import { networkView } from './network.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
let world: World;
const sh = async (line: string): Promise<string> => {
  const r = await world.exec(line);
  expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  return r.stdout;
};

beforeAll(async () => { world = await createWorld({ hostYield }); }, 60_000);

describe('layers', () => {
  it('stacks the upperdir and -init layer over the image\'s layer, and finds where a path comes from', async () => {
    await sh('docker run -d --name box alpine sleep 1000');
    let v = layersView(world, { path: '/etc/os-release' });
    expect(v.subject).toMatchObject({ kind: 'container', name: 'box', image: 'alpine', state: 'running', mounted: true });
    expect(v.layers.map((l) => l.role)).toEqual(['upper', 'init', 'image']);
    const diffId = (await sh("docker image inspect -f '{{index .RootFS.Layers 0}}' alpine")).trim();
    expect(v.layers[2]).toMatchObject({ diffId, createdBy: expect.stringMatching(/^ADD alpine-minirootfs-.* \/ # buildkit$/) });
    expect(v.emptyLayers).toEqual(['CMD ["/bin/sh"]']);
    expect(v.probe).toEqual({ path: '/etc/os-release', from: 2, whiteout: false, kind: 'link', size: 0, target: '../usr/lib/os-release' });
    const inspect = (await sh("docker inspect -f '{{.GraphDriver.Data.UpperDir}}' box")).trim();
    expect(`/var/lib/docker/overlay2/${v.layers[0]!.dir}/diff`).toBe(inspect);
    const mountLine = (await sh('mount')).split('\n').find((l) => l.includes(v.layers[0]!.dir));
    expect(v.subject?.kind === 'container' && v.subject.mount).toBe(mountLine);

    await sh("docker exec box sh -c 'echo export EDITOR=vi >> /etc/profile; rm /etc/motd; mkdir /data; echo hi > /data/note'");
    v = layersView(world, { container: 'box', path: '/etc/motd' });
    const byPath = new Map(v.upper.map((e) => [e.path, e]));
    expect(byPath.get('/etc/profile')).toMatchObject({ kind: 'file', shadows: 2 });
    expect(byPath.get('/etc/motd')).toMatchObject({ kind: 'whiteout', shadows: 2 });
    expect(byPath.get('/data')).toMatchObject({ kind: 'dir', shadows: -1 });
    expect(byPath.get('/data/note')).toEqual({ path: '/data/note', kind: 'file', size: 3, shadows: -1 });
    // /etc is only the parent of what was copied up
    expect(byPath.has('/etc')).toBe(false);
    expect(v.probe).toMatchObject({ from: 0, whiteout: true });
  }, 60_000);

  it('shows an image alone, and a stopped container\'s overlay as unmounted', async () => {
    expect(layersView(world, { image: 'alpine' }).subject).toMatchObject({ kind: 'image', name: 'alpine:latest' });
    await sh('docker stop -t 0 box');
    expect(layersView(world, { container: 'box' }).subject).toMatchObject({ state: 'exited', mounted: false });
    await sh('docker rm box');
  }, 60_000);
});

describe('cgroups', () => {
  it('reads memory, pids and cpu from the container\'s cgroup files', async () => {
    await sh('docker run -d -m 32m --pids-limit 20 --cpus 0.5 --name capped alpine sh -c \'while :; do :; done\'');
    await sh('sleep 2');
    const row = cgroupsView(world).rows.find((r) => r.name === 'capped')!;
    const id = (await sh('docker inspect -f {{.Id}} capped')).trim();
    expect(row.path).toBe(`/system.slice/docker-${id}.scope`);
    expect(row).toMatchObject({ memMax: 32 << 20, pidsCurrent: 1, pidsMax: 20, cpuQuotaUs: 50000, cpuPeriodUs: 100000 });
    expect(Number((await sh(`cat /sys/fs/cgroup${row.path}/memory.current`)).trim())).toBeGreaterThan(0);
    // two seconds at half a CPU
    expect(row.cpuUsageUs).toBeGreaterThanOrEqual(900_000);
    expect(row.cpuUsageUs).toBeLessThanOrEqual(1_100_000);
    await sh('docker rm -f capped');
    expect(cgroupsView(world).rows.find((r) => r.name === 'capped')).toBeUndefined();
  }, 60_000);
});

describe('network', () => {
  it('links each container\'s eth to its bridge through the veth peer, with the published port\'s DNAT', async () => {
    await sh('docker network create backend');
    await sh('docker run -d -p 8080:80 --name site nginx');
    await sh('docker network connect backend site');
    const v = networkView(world);
    const host = v.namespaces.find((n) => n.label === 'host')!;
    const site = v.namespaces.find((n) => n.label === 'site')!;
    const pid = Number((await sh('docker inspect -f {{.State.Pid}} site')).trim());
    expect(site.pid).toBe(pid);
    expect((await sh(`readlink /proc/${pid}/ns/net`)).trim()).toBe(`net:[${site.inum}]`);
    const eth0 = site.devs.find((d) => d.name === 'eth0')!;
    const hostEnd = host.devs.find((d) => d.ifindex === eth0.peer!.ifindex)!;
    expect(hostEnd).toMatchObject({ kind: 'veth', master: 'docker0', peer: { ns: site.inum, name: 'eth0' } });
    const eth1 = site.devs.find((d) => d.name === 'eth1')!;
    const backend = v.networks.find((n) => n.name === 'backend')!;
    expect(host.devs.find((d) => d.ifindex === eth1.peer!.ifindex)!.master).toBe(backend.bridge);
    const ip = (await sh("docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' site")).trim();
    expect(eth0.addrs).toEqual([`${ip}/16`]);
    expect(v.ports).toEqual([expect.objectContaining({ proto: 'tcp', hostIp: '0.0.0.0', hostPort: 8080, to: `${ip}:80`, bridge: 'docker0', proxyPid: expect.any(Number) })]);
    const before = hostEnd.rxPackets;
    await sh('curl -s -o /dev/null localhost:8080');
    const after = networkView(world).namespaces.find((n) => n.label === 'host')!.devs.find((d) => d.name === hostEnd.name)!;
    expect(after.rxPackets).toBeGreaterThan(before);
  }, 60_000);
});
