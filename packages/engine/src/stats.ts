// docker stats (moby's daemon/stats.go with the cgroup v2 collector): each
// sample reads the container's cgroup (cpu.stat usage, memory.current and
// memory.stat, memory.max, pids.current and pids.max) and the host's CPU
// time; a sample carries the previous one as precpu_stats, so the client
// computes CPU % over the second between them. A stream sends one a second.

import { O_RDONLY } from '@dockersim/kernel';
import { conflict, type ByteStream, type CpuStats, type StatsResponse } from '@dockersim/engine-api';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import { ByteQueue } from './byte-queue.ts';
import { rfc3339Nano } from './time.ts';
import { cgroupPath } from './update.ts';

const NCPU = 2;
const HOST_MEMORY = 4 * 1024 * 1024 * 1024;

async function read(d: Daemon, path: string): Promise<string> {
  try {
    const fd = d.sys.open(path, O_RDONLY);
    let s = '';
    try { for (;;) { const b = await d.sys.read(fd); if (!b.length) break; s += new TextDecoder().decode(b); } } finally { d.sys.close(fd); }
    return s;
  } catch { return ''; }
}

const field = (text: string, key: string) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);

interface Sample { cpu: CpuStats; at: number }

async function sample(d: Daemon, c: Container, prev: Sample | null): Promise<{ body: StatsResponse; cur: Sample }> {
  const dir = cgroupPath(c);
  const running = c.state === 'running' || c.state === 'paused';
  const cpuStat = running ? await read(d, `${dir}/cpu.stat`) : '';
  const memStat = running ? await read(d, `${dir}/memory.stat`) : '';
  const memMax = running ? (await read(d, `${dir}/memory.max`)).trim() : '';
  const pidsMax = running ? (await read(d, `${dir}/pids.max`)).trim() : '';
  const now = d.sys.now();
  const cpu: CpuStats = {
    cpu_usage: { total_usage: field(cpuStat, 'usage_usec') * 1000, usage_in_kernelmode: field(cpuStat, 'system_usec') * 1000, usage_in_usermode: field(cpuStat, 'user_usec') * 1000 },
    system_cpu_usage: running ? d.sys.uptime() * 1e6 * NCPU : undefined, online_cpus: running ? NCPU : undefined,
    throttling_data: { periods: field(cpuStat, 'nr_periods'), throttled_periods: field(cpuStat, 'nr_throttled'), throttled_time: field(cpuStat, 'throttled_usec') * 1000 },
  };
  const stats: Record<string, number> = {};
  for (const line of memStat.split('\n')) { const [k, v] = line.split(' '); if (k && v) stats[k] = Number(v); }
  const empty: CpuStats = { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } };
  const body: StatsResponse = {
    name: '/' + c.name, id: c.id, read: running ? rfc3339Nano(now) : '0001-01-01T00:00:00Z', preread: prev ? rfc3339Nano(prev.at) : '0001-01-01T00:00:00Z',
    pids_stats: running ? { current: Number((await read(d, `${dir}/pids.current`)).trim() || 0), ...(pidsMax && pidsMax !== 'max' ? { limit: Number(pidsMax) } : {}) } : {},
    blkio_stats: { io_service_bytes_recursive: null },
    num_procs: 0,
    cpu_stats: running ? cpu : empty,
    precpu_stats: prev ? prev.cpu : empty,
    memory_stats: running ? { usage: Number((await read(d, `${dir}/memory.current`)).trim() || 0), stats, limit: memMax && memMax !== 'max' ? Number(memMax) : HOST_MEMORY } : {},
    ...(running && (c.hostConfig.NetworkMode ?? 'bridge') !== 'host' && c.hostConfig.NetworkMode !== 'none'
      ? { networks: { eth0: { rx_bytes: 0, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } } } : {}),
  };
  return { body, cur: { cpu, at: now } };
}

export async function stats(d: Daemon, c: Container, opts: { stream: boolean; oneShot: boolean }): Promise<ByteStream> {
  if (c.state === 'removing' || c.state === 'dead') throw conflict(`container ${c.id} is marked for removal`);
  const q = new ByteQueue();
  const line = (b: StatsResponse) => new TextEncoder().encode(JSON.stringify(b) + '\n');
  void (async () => {
    let prev: Sample | null = null;
    if (!opts.oneShot) { prev = (await sample(d, c, null)).cur; await d.sys.sleep(1000); }
    for (;;) {
      const { body, cur } = await sample(d, c, prev);
      q.push(line(body));
      if (!opts.stream || q.cancelled) { q.end(); return; }
      prev = cur;
      await d.sys.sleep(1000);
      if (q.cancelled || !d.containers.has(c.id)) { q.end(); return; }
    }
  })();
  return q;
}
