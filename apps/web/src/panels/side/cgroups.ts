// The cgroups panel's view in the worker: for each running container, the
// cgroup its PID 1 is in (as the host's /proc/PID/cgroup names it) and the cgroup v2
// files a person would cat there: memory.current/max/peak, memory.events'
// oom_kill, pids.current/max, cpu.stat's usage_usec and cpu.max.
import type { World } from '@dockersim/world';
import type { CgroupRow, CgroupsView } from './views.ts';
import { readKernelFile } from './fs.ts';

const limit = (text: string): number | null => {
  const v = text.trim();
  return v === 'max' || v === '' ? null : Number(v);
};

const field = (text: string, key: string): number => {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
};

export function cgroupsView(world: World): CgroupsView {
  const k = world.kernel;
  const d = world.daemon();
  const rows: CgroupRow[] = [];
  for (const c of d ? d.containers.values() : []) {
    if (c.state !== 'running' && c.state !== 'paused') continue;
    const p = c.pid ? k.proc(c.pid) : undefined;
    if (!p) continue;
    // as the host's /proc/PID/cgroup names it: "/system.slice/docker-<id>.scope"
    const path = p.cgroup.path;
    const dir = `/sys/fs/cgroup${path === '/' ? '' : path}`;
    const read = (f: string) => readKernelFile(world, `${dir}/${f}`);
    const cpuMax = read('cpu.max').trim().split(' ');
    rows.push({
      id: c.id, name: c.name, path,
      memCurrent: Number(read('memory.current').trim() || 0),
      memMax: limit(read('memory.max')),
      memPeak: Number(read('memory.peak').trim() || 0),
      oomKills: field(read('memory.events'), 'oom_kill'),
      pidsCurrent: Number(read('pids.current').trim() || 0),
      pidsMax: limit(read('pids.max')),
      cpuUsageUs: field(read('cpu.stat'), 'usage_usec'),
      cpuQuotaUs: cpuMax[0] && cpuMax[0] !== 'max' ? Number(cpuMax[0]) : null,
      cpuPeriodUs: Number(cpuMax[1] ?? 100000) || 100000,
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { uptime: world.uptime(), ncpu: k.ncpu, rows };
}
