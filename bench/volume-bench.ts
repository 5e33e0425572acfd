// Storage figures: 10 MiB written and read back through a volume and through
// the container's overlay upper layer, and the heap that 1,000 running
// containers sharing one volume take.

import { createWorld } from '@dockersim/world';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const MIB = 10;

type World = Awaited<ReturnType<typeof createWorld>>;

async function timed(world: World, cmd: string): Promise<number> {
  const t0 = performance.now();
  const r = await world.exec(cmd);
  const secs = (performance.now() - t0) / 1000;
  if (r.stdout.trim() !== 'ok') throw new Error(`${cmd}: ${r.stdout} ${r.stderr}`);
  return secs;
}

/** MiB/s writing then reading 10 MiB at `dir` inside a running container. */
export async function throughput(where: 'volume' | 'overlay'): Promise<{ write: number; read: number }> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  await world.exec('docker run -d --name io -v benchvol:/vol alpine sleep 100000 >/dev/null');
  const file = where === 'volume' ? '/vol/f' : '/f';
  const w = await timed(world, `docker exec io dd if=/dev/zero of=${file} bs=1048576 count=${MIB} 2>/dev/null && echo ok`);
  const size = await world.exec(`docker exec io stat -c %s ${file}`);
  if (Number(size.stdout.trim()) !== MIB * 1048576) throw new Error(`wrote ${size.stdout.trim()} bytes`);
  const r = await timed(world, `docker exec io dd if=${file} of=/dev/null bs=1048576 2>/dev/null && echo ok`);
  return { write: Math.round(MIB / w), read: Math.round(MIB / r) };
}

/** Heap per running container when all of them mount one named volume. */
export async function heapSharingVolume(count: number): Promise<{ total: number; perContainer: number }> {
  const world = await createWorld({ hostYield });
  await world.exec('docker pull alpine >/dev/null 2>&1');
  await world.exec('docker volume create shared >/dev/null');
  gc(); gc();
  const before = process.memoryUsage().heapUsed;
  const r = await world.exec(`i=0; while [ $i -lt ${count} ]; do docker run -d -v shared:/data alpine sleep 100000 >/dev/null; i=$((i+1)); done; docker system df -v | awk '$1 == "shared" { print $2 }'`);
  gc(); gc();
  const after = process.memoryUsage().heapUsed;
  if (Number(r.stdout.trim()) !== count) throw new Error(`expected ${count} containers on the volume: ${r.stdout} ${r.stderr}`);
  return { total: Math.round((after - before) / 1048576), perContainer: Math.round((after - before) / count) };
}
