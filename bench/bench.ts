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
console.log(`run-lifecycles: ${await runLifecycles()} /s`);
const idle = Number(process.env.BENCH_IDLE ?? 1000);
console.log(`heap-per-idle-container: ${await heapPerContainer(idle)} B (${idle} running)`);
console.log(`stop-timeout-10s-wall: ${await stopTimeoutWall()} ms`);
