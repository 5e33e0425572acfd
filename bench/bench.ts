// Benchmarks of the headless engine. Each figure prints as `NAME: VALUE UNIT`,
// beside a baseline measured in the same run so machines compare as ratios.

import { createWorld } from '@dockersim/world';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function baseline(): number {
  // A fixed CPU-bound workload: JSON round trips of a container-sized object.
  const obj = { Id: 'a'.repeat(64), Names: ['/x'], State: 'running', Labels: { a: '1', b: '2' }, Ports: [{ PrivatePort: 80, Type: 'tcp' }] };
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 300) { for (let i = 0; i < 1000; i++) JSON.parse(JSON.stringify(obj)); n += 1000; }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

async function runLifecycles(): Promise<number> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  await world.exec('docker run --rm alpine true');
  const n = Number(process.env.BENCH_RUNS ?? 300);
  const t0 = performance.now();
  const r = await world.exec(`i=0; while [ $i -lt ${n} ]; do docker run --rm alpine true; i=$((i+1)); done; echo done`);
  const secs = (performance.now() - t0) / 1000;
  if (!r.stdout.includes('done')) throw new Error(`lifecycle loop failed: ${r.stderr}`);
  return Math.round(n / secs);
}

async function heapPerContainer(count: number): Promise<number> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const r = await world.exec(`i=0; while [ $i -lt ${count} ]; do docker run -d alpine sleep 100000 >/dev/null; i=$((i+1)); done; docker ps -q | wc -l`);
  gc(); gc();
  const after = process.memoryUsage().heapUsed;
  if (Number(r.stdout.trim()) !== count) throw new Error(`expected ${count} running, got ${r.stdout.trim()} ${r.stderr}`);
  return Math.round((after - before) / count);
}

async function stopTimeoutWall(): Promise<number> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  await world.exec('docker run -d --name sleeper alpine sleep 100000');
  const t0 = performance.now();
  const v0 = world.uptime();
  await world.exec('docker stop sleeper');
  const wall = performance.now() - t0;
  const r = await world.exec("docker inspect -f '{{.State.ExitCode}}' sleeper");
  if (world.uptime() - v0 < 10_000) throw new Error(`docker stop did not wait the 10 s grace period: ${world.uptime() - v0} ms, exit ${r.stdout.trim()}`);
  return Math.round(wall * 10) / 10;
}

console.log(`baseline-json-roundtrips: ${baseline()} /s`);
{
  // The base images the registry builds from userland at start-up.
  const { createDefaultRegistry, parseDockerRef } = await import('@dockersim/image');
  const t0 = performance.now();
  const reg = createDefaultRegistry();
  for (const n of ['alpine', 'busybox', 'ubuntu', 'debian', 'nginx', 'nginx:alpine']) reg.resolve(parseDockerRef(n));
  console.log(`base-images-build-wall: ${Math.round(performance.now() - t0)} ms`);
}
console.log(`run-lifecycles: ${await runLifecycles()} /s`);
const idle = Number(process.env.BENCH_IDLE ?? 1000);
console.log(`heap-per-idle-container: ${await heapPerContainer(idle)} B (${idle} running)`);
console.log(`stop-timeout-10s-wall: ${await stopTimeoutWall()} ms`);

// A 20-instruction Dockerfile built cold, then again from a warm cache.
async function buildFigures(): Promise<void> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  const lines = ['FROM alpine', 'WORKDIR /app', 'COPY a.txt .'];
  for (let i = 0; lines.length < 20; i++) lines.push(i % 3 === 0 ? `ENV V${i}=${i}` : `RUN echo step${i} > /app/f${i}`);
  await world.exec(`mkdir -p /b && cd /b && printf '${lines.join('\\n')}\\n' > Dockerfile && echo data > a.txt`);
  const stored = async () => Number((await world.exec("du -sk /var/lib/docker/overlay2 | cut -f1")).stdout.trim()) * 1024;
  const before = await stored();
  let t0 = performance.now();
  let r = await world.exec('cd /b && docker build -t b20 . >/dev/null 2>&1; echo $?');
  const cold = performance.now() - t0;
  if (r.stdout.trim() !== '0') throw new Error(`cold build failed: ${r.stdout}`);
  const afterCold = await stored();
  t0 = performance.now();
  r = await world.exec('cd /b && docker build -t b20 . 2>&1 | grep -c CACHED');
  const warm = performance.now() - t0;
  const afterWarm = await stored();
  console.log(`build-20-cold-wall: ${Math.round(cold)} ms`);
  console.log(`build-20-cold-bytes-stored: ${afterCold - before} B`);
  console.log(`build-20-warm-wall: ${Math.round(warm)} ms (${r.stdout.trim()} steps cached)`);
  console.log(`build-20-warm-bytes-stored: ${afterWarm - afterCold} B`);
}

// 100 images built on one base: the base's layer is stored once.
async function sharedBase(): Promise<void> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  const layerDirs = async () => Number((await world.exec('ls /var/lib/docker/overlay2 | grep -vc "^l$"')).stdout.trim());
  const before = await layerDirs();
  const r = await world.exec('mkdir -p /s && cd /s && i=0; while [ $i -lt 100 ]; do printf "FROM alpine\\nLABEL n=$i\\n" > Dockerfile; docker build -q -t img$i . >/dev/null || echo fail; i=$((i+1)); done; docker images -q | sort -u | wc -l');
  const after = await layerDirs();
  console.log(`images-sharing-base: ${r.stdout.trim()} images, ${after - before} extra layer dirs (base stored once: ${before} dirs)`);
}

await buildFigures();
await sharedBase();

const { throughput, heapSharingVolume } = await import('./volume-bench.ts');
const vol = await throughput('volume');
const upper = await throughput('overlay');
console.log(`volume-write-10mib: ${vol.write} MiB/s`);
console.log(`volume-read-10mib: ${vol.read} MiB/s`);
console.log(`overlay-upper-write-10mib: ${upper.write} MiB/s`);
console.log(`overlay-upper-read-10mib: ${upper.read} MiB/s`);
const sharing = Number(process.env.BENCH_SHARING ?? 1000);
const heap = await heapSharingVolume(sharing);
console.log(`heap-${sharing}-containers-one-volume: ${heap.total} MiB`);
console.log(`heap-per-container-sharing-volume: ${heap.perContainer} B (${sharing} running)`);

const { tcpRoundtrips } = await import('./net-bench.ts');
console.log(`tcp-roundtrips-between-namespaces: ${await tcpRoundtrips(5000)} /s`);

// Ten virtual minutes of a 1-second health check: 600 probes, each an exec in the container.
async function healthTenMinutes(): Promise<number> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  await world.exec("docker run -d --name hc --health-cmd 'true' --health-interval 1s alpine sleep 100000 >/dev/null");
  const t0 = performance.now();
  const v0 = world.uptime();
  await world.exec('sleep 600');
  const wall = performance.now() - t0;
  const r = await world.exec("docker inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}}' hc");
  if (world.uptime() - v0 < 600_000 || r.stdout.trim() !== 'healthy 5') throw new Error(`health bench: ${world.uptime() - v0} ms virtual, ${r.stdout.trim()} ${r.stderr}`);
  return Math.round(wall);
}
console.log(`health-10min-virtual-wall: ${await healthTenMinutes()} ms`);

// Networking: HTTP between two containers on a user-defined bridge, HTTP
// through a published port from the host, and lookups at the embedded DNS
// server. Each request is a whole client process (wget, curl, nslookup).
async function networkWorld() {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull nginx >/dev/null 2>&1; docker pull alpine >/dev/null 2>&1');
  await world.exec('docker network create benchnet >/dev/null; docker run -d --name web --network benchnet -p 8080:80 nginx >/dev/null; docker run -d --name client --network benchnet alpine sleep 100000 >/dev/null');
  return world;
}

async function perSecond(world: Awaited<ReturnType<typeof networkWorld>>, n: number, loop: string, check: string): Promise<number> {
  const t0 = performance.now();
  const r = await world.exec(loop);
  const secs = (performance.now() - t0) / 1000;
  if (!r.stdout.includes(check)) throw new Error(`network bench: ${r.stdout.slice(-200)} ${r.stderr.slice(-200)}`);
  return Math.round(n / secs);
}

{
  const world = await networkWorld();
  const n = Number(process.env.BENCH_NET_RUNS ?? 200);
  const bridge = await perSecond(world, n, `docker exec client sh -c 'i=0; ok=0; while [ $i -lt ${n} ]; do wget -qO- http://web/ | grep -q nginx && ok=$((ok+1)); i=$((i+1)); done; echo ok=$ok'`, `ok=${n}`);
  console.log(`http-bridge-container-to-container: ${bridge} req/s`);
  const published = await perSecond(world, n, `i=0; ok=0; while [ $i -lt ${n} ]; do curl -s localhost:8080 | grep -q nginx && ok=$((ok+1)); i=$((i+1)); done; echo ok=$ok`, `ok=${n}`);
  console.log(`http-published-port-from-host: ${published} req/s`);
  const dns = await perSecond(world, n, `docker exec client sh -c 'i=0; ok=0; while [ $i -lt ${n} ]; do nslookup -type=a web | grep -q "Address: 172" && ok=$((ok+1)); i=$((i+1)); done; echo ok=$ok'`, `ok=${n}`);
  console.log(`dns-lookups-embedded-server: ${dns} lookups/s`);
}
