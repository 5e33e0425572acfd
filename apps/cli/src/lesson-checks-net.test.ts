// The networking, health and restart checks against a real world: each fails
// before the state it asks for exists and passes after, however it was reached.
import { describe, expect, it } from 'vitest';
import { createWorld } from '@dockersim/world';
import { lessonHost, runCheck, type Check, type LessonHost } from '@dockersim/lessons';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const newHost = async () => lessonHost(await createWorld({ hostYield }));

async function sh(host: LessonHost, line: string): Promise<void> {
  const r = await host.exec(line);
  if (r.exitCode !== 0) throw new Error(`${line}: exit ${r.exitCode}: ${r.stdout}${r.stderr}`);
}

async function beforeAfter(host: LessonHost, check: Check, commands: string[]): Promise<void> {
  const before = await runCheck(host, check);
  expect(before.ok, before.reason).toBe(false);
  for (const c of commands) await sh(host, c);
  const after = await runCheck(host, check);
  expect(after.ok, after.reason).toBe(true);
}

const fails = async (host: LessonHost, check: Check, reason?: string) => {
  const r = await runCheck(host, check);
  expect(r.ok, r.reason).toBe(false);
  if (reason !== undefined) expect(r.reason).toBe(reason);
};
const passes = async (host: LessonHost, check: Check) => {
  const r = await runCheck(host, check);
  expect(r.ok, r.reason).toBe(true);
};

describe('network checks', { timeout: 60_000 }, () => {
  it('a user-defined network with its subnet, in dockerd and as a route on its bridge in the kernel', async () => {
    const host = await newHost();
    await beforeAfter(host, { network: { name: 'appnet', driver: 'bridge', subnet: true } }, ['docker network create appnet >/dev/null']);
    await passes(host, { network: { name: 'appnet', subnet: '172.18.0.0/16' } });
    await fails(host, { network: { name: 'appnet', subnet: '10.0.0.0/24' } }, 'network appnet has subnet 172.18.0.0/16, not 10.0.0.0/24');
    await fails(host, { network: { name: 'appnet', driver: 'host' } }, 'network appnet uses the bridge driver, not host');
    await fails(host, { network: { name: 'nosuch' } }, 'there is no network nosuch');
    // an id prefix is not the network's name
    await fails(host, { network: { name: 'app' } });
    await beforeAfter(host, { network: { name: 'lab', subnet: '10.10.0.0/24' } }, ['docker network create --subnet 10.10.0.0/24 lab >/dev/null']);
    // dockerd's record alone is not enough: the kernel must route the subnet to the bridge
    await sh(host, "ip link del br-$(docker network inspect -f '{{.Id}}' lab | cut -c1-12)");
    await fails(host, { network: { name: 'lab', subnet: '10.10.0.0/24' } });
  });

  it('a container attached with an address in the subnet, routed in its own namespace; aliases; host and none', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null && docker network create appnet >/dev/null');
    const onApp: Check = { attached: { container: 'c1', network: 'appnet', ip: true } };
    await sh(host, 'docker run -d --name c1 alpine sleep 1000 >/dev/null');
    await fails(host, onApp, 'c1 is not on network appnet (it is on bridge)');
    await passes(host, { attached: { container: 'c1', network: 'bridge', ip: '172.17.0.2' } });
    await beforeAfter(host, onApp, ['docker network connect appnet c1']);
    await fails(host, { attached: { container: 'c1', network: 'appnet', alias: 'db' } }, 'c1 has no alias db on appnet');
    await beforeAfter(host, { attached: { container: 'c2', network: 'appnet', alias: 'db', ip: true } }, ['docker run -d --name c2 --network appnet --network-alias db alpine sleep 1000 >/dev/null']);
    // a stopped container keeps its endpoint record but has no address
    await sh(host, 'docker stop -t 0 c1 >/dev/null');
    await fails(host, onApp, 'c1 is exited');
    // host: the namespace is the host's; none: loopback only
    await beforeAfter(host, { attached: { container: 'hostbox', network: 'host', ip: true } }, ['docker run -d --name hostbox --network host alpine sleep 1000 >/dev/null']);
    await beforeAfter(host, { attached: { container: 'sealed', network: 'none', ip: true } }, ['docker run -d --name sealed --network none alpine sleep 1000 >/dev/null']);
    await fails(host, { attached: { container: 'c2', network: 'none' } }, 'c2 is not on network none (it is on appnet)');
  });

  it('the addresses a name resolves to on a network: round robin over aliases, none on the default bridge', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null && docker network create gallery >/dev/null');
    const three: Check = { network: { name: 'gallery', resolves: { name: 'iotd', addresses: 3 } } };
    await sh(host, 'docker run -d --name iotd-1 --network gallery --network-alias iotd alpine sleep 1000 >/dev/null');
    await fails(host, three, 'on network gallery, iotd resolves to 1 address (172.18.0.2), not 3');
    await beforeAfter(host, three, ['for i in 2 3; do docker run -d --name iotd-$i alpine sleep 1000 >/dev/null; docker network connect --alias iotd gallery iotd-$i; done']);
    await sh(host, 'docker stop -t 0 iotd-3 >/dev/null');
    await fails(host, three);
    await sh(host, 'docker run -d --name one alpine sleep 1000 >/dev/null');
    await fails(host, { network: { name: 'bridge', resolves: { name: 'one' } } }, 'on network bridge, the name one does not resolve');
  });

  it('a published port, in dockerd and as a listening socket on the host; an HTTP answer fetched from the host', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q nginx >/dev/null');
    const pub: Check = { published: { port: '80', hostPort: 8080 } };
    const web: Check = { http: { url: 'http://localhost:8080/', contains: 'Welcome to nginx!' } };
    await sh(host, 'docker run -d --name wrongway -p 80:8080 nginx >/dev/null');
    await fails(host, pub, 'no container publishes 80/tcp on host port 8080 (wrongway does not publish 80/tcp)');
    await fails(host, web);
    await beforeAfter(host, { all: [pub, web] }, ['docker run -d --name site -p 8080:80 nginx >/dev/null']);
    await fails(host, { published: { container: 'site', port: '80', hostIp: '127.0.0.1' } });
    await fails(host, { http: { url: 'http://localhost:8080/', status: 404 } }, 'from the host, http://localhost:8080/: the status is 200');
    await passes(host, { http: { url: 'http://localhost:8080/nosuch', status: 404 } });
    // a stopped container publishes nothing, and the port no longer answers
    await sh(host, 'docker stop site >/dev/null');
    await fails(host, pub);
    await fails(host, web);
    await beforeAfter(host, { published: { container: 'local', port: '80/tcp', hostIp: '127.0.0.1', hostPort: 8081 } }, ['docker run -d --name local -p 127.0.0.1:8081:80 nginx >/dev/null']);
  });
});

describe('health and restart checks', { timeout: 60_000 }, () => {
  it('a health status read from State.Health; a recovery read from the health_status events', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    await sh(host, "docker run -d --name app --health-cmd 'test -f /tmp/ready' --health-interval 2s --health-retries 2 alpine sleep 1000 >/dev/null");
    await fails(host, { health: { container: 'app', status: 'unhealthy' } }, 'app is starting');
    await beforeAfter(host, { health: { container: 'app', status: 'unhealthy', failingStreak: 2 } }, ['sleep 5']);
    const recovered: Check = { health: { container: 'app', status: 'healthy', was: 'unhealthy' } };
    await beforeAfter(host, recovered, ['docker exec app touch /tmp/ready', 'sleep 2']);
    // a new container of the same name that was healthy from the start has not recovered from anything
    await sh(host, "docker rm -f app >/dev/null && docker run -d --name app --health-cmd 'true' --health-interval 1s alpine sleep 1000 >/dev/null && sleep 2");
    await passes(host, { health: { container: 'app', status: 'healthy' } });
    await fails(host, recovered, 'app was never unhealthy');
    await sh(host, 'docker run -d --name plain alpine sleep 1000 >/dev/null');
    await fails(host, { health: { container: 'plain', status: 'healthy' } }, 'plain has no health check');
  });

  it('a restart policy, the restarts it made, and the exit codes they followed', async () => {
    const host = await newHost();
    await sh(host, 'docker pull -q alpine >/dev/null');
    const gaveUp: Check = { restarts: { container: 'flaky', policy: 'on-failure', maxRetries: 3, count: 3 } };
    await sh(host, "docker run -d --name flaky --restart on-failure:3 alpine sh -c 'exit 1' >/dev/null");
    await fails(host, gaveUp);
    await sh(host, 'sleep 3');
    await passes(host, gaveUp);
    await fails(host, { restarts: { container: 'flaky', policy: 'always' } }, "flaky's restart policy is on-failure");
    await fails(host, { restarts: { container: 'flaky', maxRetries: 5 } }, 'flaky may be restarted 3 times, not 5');
    await fails(host, { restarts: { container: 'flaky', diedWith: 0 } }, 'flaky never exited with code 0 (it exited with 1)');
    const clean: Check = { restarts: { container: 'keeper', policy: 'always', atLeast: 2, diedWith: 0 } };
    await beforeAfter(host, clean, ["docker run -d --name keeper --restart always alpine sh -c 'sleep 1' >/dev/null", 'sleep 3']);
    await sh(host, 'docker run -d --name plain alpine true >/dev/null && sleep 1');
    await passes(host, { restarts: { container: 'plain', policy: 'no', count: 0, diedWith: 0 } });
  });
});
