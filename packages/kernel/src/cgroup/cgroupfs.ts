// cgroupfs (cgroup v2, fstype "cgroup2"): one directory per cgroup with the
// interface files of the controllers enabled by its parent
// (cgroup.subtree_control), as Documentation/admin-guide/cgroup-v2.rst
// describes them. A mount shows the hierarchy from the mounter's cgroup
// namespace root.

import { EBUSY, EEXIST, EINVAL, ENOENT, ENOTEMPTY, EOPNOTSUPP, ESRCH, SysError } from '../abi/errno.ts';
import { SIGKILL } from '../abi/signal.ts';
import type { Kernel } from '../kernel.ts';
import type { FilesystemType } from '../vfs/filesystem.ts';
import type { FsContext } from '../vfs/node.ts';
import type { Proc } from '../process/proc.ts';
import { synthFilesystem, type SynthDir, type SynthEntry } from '../fs/synth.ts';
import { Cgroup, MAX } from './cgroup.ts';
import { migrate, oomCheck } from './charge.ts';
import { frozenAt, setFreeze } from './freezer.ts';
import { pidIn } from '../process/pidns.ts';
import { sendSignal } from '../process/signal.ts';

export const ALL_CONTROLLERS = ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids', 'rdma', 'misc'];
const dec = new TextDecoder();

function caller(k: Kernel, ctx: FsContext): Proc | null { return (ctx.task as Proc | undefined) ?? k.hostInit(); }

function ro(read: () => string): SynthEntry { return { kind: 'file', read }; }
function rw(read: () => string, write: (v: string, ctx: FsContext) => void): SynthEntry {
  return { kind: 'file', mode: 0o644, read, write: (d, ctx) => write(dec.decode(d).trim(), ctx) };
}

function showMax(n: number): string { return n === MAX ? 'max' : String(n); }

/** memparse: "max", bytes, or with K/M/G/T suffix. @throws EINVAL */
export function parseBytes(v: string): number {
  if (v === 'max') return MAX;
  const m = /^(\d+)([kKmMgGtT]?)$/.exec(v);
  if (!m) throw new SysError(EINVAL);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase()]!;
  return Number(m[1]) * mult;
}

/** The controllers available in cg (cgroup.controllers). */
export function controllersOf(cg: Cgroup): string[] {
  return cg.parent ? cg.parent.subtreeControl : ALL_CONTROLLERS;
}

function has(cg: Cgroup, c: string): boolean { return !!cg.parent && cg.parent.subtreeControl.includes(c); }

/** The interface files: which cgroups have them, and how each is made (on lookup only). */
const FILES: [string, (cg: Cgroup) => boolean, (k: Kernel, cg: Cgroup) => SynthEntry][] = [
  ['cgroup.controllers', () => true, (_k, cg) => ro(() => controllersOf(cg).join(' ') + '\n')],
  ['cgroup.subtree_control', () => true, (_k, cg) => rw(() => cg.subtreeControl.join(' ') + '\n', (v) => writeSubtreeControl(cg, v))],
  ['cgroup.procs', () => true, (k, cg) => rw(() => procsText(cg), (v, ctx) => {
        const p = caller(k, ctx);
        const pid = Number(v);
        if (!Number.isInteger(pid) || pid < 0) throw new SysError(EINVAL);
        const t = pid === 0 ? p : p?.pidns.procs.get(pid);
        if (!t || !t.alive) throw new SysError(ESRCH);
        if (cg.parent && cg.subtreeControl.length) throw new SysError(EBUSY);
        migrate(k, t, cg);
      })],
  ['cgroup.threads', () => true, (_k, cg) => ro(() => procsText(cg))],
  ['cgroup.max.depth', () => true, (_k, cg) => rw(() => 'max\n', () => {})],
  ['cgroup.max.descendants', () => true, (_k, cg) => rw(() => 'max\n', () => {})],
  ['cgroup.stat', () => true, (_k, cg) => ro(() => `nr_descendants ${countDescendants(cg)}\nnr_dying_descendants 0\n`)],
  ['cpu.stat', () => true, (_k, cg) => ro(() => cpuStatText(cg))],
  ['memory.stat', () => true, (_k, cg) => ro(() => memoryStatText(cg))],
  ['cpu.pressure', () => true, (_k, cg) => ro(() => pressure(true))],
  ['io.pressure', () => true, (_k, cg) => ro(() => pressure(true))],
  ['memory.pressure', () => true, (_k, cg) => ro(() => pressure(true))],
  ['cgroup.type', (cg) => !!cg.parent, (k, cg) => rw(() => 'domain\n', (v) => { if (v !== 'threaded') throw new SysError(EINVAL); })],
  ['cgroup.events', (cg) => !!cg.parent, (k, cg) => ro(() => `populated ${cg.populated > 0 ? 1 : 0}\nfrozen ${frozenAt(cg) ? 1 : 0}\n`)],
  ['cgroup.freeze', (cg) => !!cg.parent, (k, cg) => rw(() => (cg.freeze ? '1\n' : '0\n'), (v) => {
        if (v !== '0' && v !== '1') throw new SysError(EINVAL);
        setFreeze(k, cg, v === '1');
      })],
  ['cgroup.kill', (cg) => !!cg.parent, (k, cg) => ({ kind: 'file', mode: 0o200, write: (d) => {
    if (dec.decode(d).trim() !== '1') throw new SysError(EINVAL);
    for (const p of [...cg.allProcs()]) sendSignal(k, null, p, SIGKILL);
  } })],
  ['memory.current', (cg) => has(cg, 'memory'), (k, cg) => ro(() => `${cg.memCurrent}\n`)],
  ['memory.peak', (cg) => has(cg, 'memory'), (k, cg) => ro(() => `${cg.memPeak}\n`)],
  ['memory.max', (cg) => has(cg, 'memory'), (k, cg) => rw(() => showMax(cg.memMax) + '\n', (v) => { cg.memMax = parseBytes(v); enforce(k, cg); })],
  ['memory.high', (cg) => has(cg, 'memory'), (k, cg) => rw(() => showMax(cg.memHigh) + '\n', (v) => { cg.memHigh = parseBytes(v); })],
  ['memory.low', (cg) => has(cg, 'memory'), (k, cg) => rw(() => '0\n', () => {})],
  ['memory.min', (cg) => has(cg, 'memory'), (k, cg) => rw(() => '0\n', () => {})],
  ['memory.events', (cg) => has(cg, 'memory'), (k, cg) => ro(() => {
        const e = cg.memEvents;
        return `low ${e.low}\nhigh ${e.high}\nmax ${e.max}\noom ${e.oom}\noom_kill ${e.oomKill}\noom_group_kill ${e.oomGroupKill}\n`;
      })],
  ['memory.events.local', (cg) => has(cg, 'memory'), (k, cg) => ro(() => {
        const e = cg.memEvents;
        return `low ${e.low}\nhigh ${e.high}\nmax ${e.max}\noom ${e.oom}\noom_kill ${e.oomKill}\noom_group_kill ${e.oomGroupKill}\n`;
      })],
  ['memory.oom.group', (cg) => has(cg, 'memory'), (k, cg) => rw(() => '0\n', () => {})],
  ['memory.swap.current', (cg) => has(cg, 'memory'), (k, cg) => ro(() => '0\n')],
  ['memory.swap.max', (cg) => has(cg, 'memory'), (k, cg) => rw(() => showMax(cg.swapMax) + '\n', (v) => { cg.swapMax = parseBytes(v); })],
  ['memory.swap.events', (cg) => has(cg, 'memory'), (k, cg) => ro(() => 'high 0\nmax 0\nfail 0\n')],
  ['pids.current', (cg) => has(cg, 'pids'), (k, cg) => ro(() => `${cg.pidsCurrent}\n`)],
  ['pids.max', (cg) => has(cg, 'pids'), (k, cg) => rw(() => showMax(cg.pidsMax) + '\n', (v) => {
        if (v === 'max') { cg.pidsMax = MAX; return; }
        const n = Number(v);
        if (!/^\d+$/.test(v)) throw new SysError(EINVAL);
        cg.pidsMax = n;
      })],
  ['pids.events', (cg) => has(cg, 'pids'), (k, cg) => ro(() => `max ${cg.pidsEventsMax}\n`)],
  ['pids.peak', (cg) => has(cg, 'pids'), (k, cg) => ro(() => `${cg.pidsCurrent}\n`)],
  ['cpu.max', (cg) => has(cg, 'cpu'), (k, cg) => rw(() => { const s = cg.cpuState(); return `${showMax(s.quota)} ${s.period}\n`; }, (v) => writeCpuMax(cg, v))],
  ['cpu.weight', (cg) => has(cg, 'cpu'), (k, cg) => rw(() => `${cg.cpuWeight}\n`, (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10000) throw new SysError(EINVAL);
        cg.cpuWeight = n;
      })],
  ['cpu.weight.nice', (cg) => has(cg, 'cpu'), (k, cg) => rw(() => '0\n', () => {})],
  ['cpu.max.burst', (cg) => has(cg, 'cpu'), (k, cg) => rw(() => '0\n', () => {})],
  ['cpu.idle', (cg) => has(cg, 'cpu'), (k, cg) => rw(() => '0\n', () => {})],
  ['cpuset.cpus', (cg) => has(cg, 'cpuset'), (k, cg) => rw(() => '\n', () => {})],
  ['cpuset.mems', (cg) => has(cg, 'cpuset'), (k, cg) => rw(() => '\n', () => {})],
  ['cpuset.cpus.effective', (cg) => has(cg, 'cpuset'), (k, cg) => ro(() => (k.ncpu > 1 ? `0-${k.ncpu - 1}` : '0') + '\n')],
  ['cpuset.mems.effective', (cg) => has(cg, 'cpuset'), (k, cg) => ro(() => '0\n')],
  ['io.max', (cg) => has(cg, 'io'), (k, cg) => rw(() => '', () => {})],
  ['io.stat', (cg) => has(cg, 'io'), (k, cg) => ro(() => '')],
  ['io.weight', (cg) => has(cg, 'io'), (k, cg) => rw(() => 'default 100\n', () => {})],
];
const FILE_INDEX = new Map(FILES.map((f) => [f[0], f]));

function fileNames(cg: Cgroup): string[] { return FILES.filter((f) => f[1](cg)).map((f) => f[0]); }

function makeFile(k: Kernel, cg: Cgroup, name: string): SynthEntry | undefined {
  const f = FILE_INDEX.get(name);
  return f && f[1](cg) ? f[2](k, cg) : undefined;
}

function pressure(full: boolean): string {
  const l = 'avg10=0.00 avg60=0.00 avg300=0.00 total=0';
  return `some ${l}\n` + (full ? `full ${l}\n` : '');
}

function procsText(cg: Cgroup): string {
  const pids = [...cg.procs].filter((p) => p.alive).map((p) => p.pid);
  pids.sort((a, b) => a - b);
  return pids.map((p) => p + '\n').join('');
}

/** cgroup.procs shows pids as the reader's pid namespace sees them. */
function procsFor(k: Kernel, cg: Cgroup, ctx: FsContext): string {
  const r = caller(k, ctx);
  if (!r) return procsText(cg);
  const pids: number[] = [];
  for (const p of cg.procs) {
    if (!p.alive) continue;
    const n = pidIn(r.pidns, p.nspids, p.pidns);
    pids.push(n);
  }
  pids.sort((a, b) => a - b);
  return pids.map((p) => p + '\n').join('');
}

function countDescendants(cg: Cgroup): number {
  let n = 0;
  if (cg.children) for (const c of cg.children.values()) n += 1 + countDescendants(c);
  return n;
}

function writeSubtreeControl(cg: Cgroup, v: string): void {
  const avail = controllersOf(cg);
  const next = new Set(cg.subtreeControl);
  for (const tok of v.split(/\s+/).filter(Boolean)) {
    const op = tok[0], name = tok.slice(1);
    if ((op !== '+' && op !== '-') || !name) throw new SysError(EINVAL);
    if (!avail.includes(name)) throw new SysError(ENOENT);
    if (op === '+') next.add(name);
    else {
      if (cg.children) for (const c of cg.children.values()) if (c.subtreeControl.includes(name)) throw new SysError(EBUSY);
      next.delete(name);
    }
  }
  if (cg.parent && cg.procs.size && next.size) throw new SysError(EBUSY);
  cg.subtreeControl = ALL_CONTROLLERS.filter((c) => next.has(c));
}

function writeCpuMax(cg: Cgroup, v: string): void {
  const s = cg.cpuState();
  const parts = v.split(/\s+/);
  const q = parts[0] === 'max' ? MAX : Number(parts[0]);
  const period = parts[1] !== undefined ? Number(parts[1]) : s.period;
  if ((q !== MAX && !(Number.isInteger(q) && q >= 1000)) || !Number.isInteger(period) || period < 1000 || period > 1000000) {
    throw new SysError(EINVAL);
  }
  s.quota = q;
  s.period = period;
}

/** After lowering memory.max: the OOM killer runs until usage fits. */
function enforce(k: Kernel, cg: Cgroup): void {
  if (cg.memCurrent > cg.memMax) {
    try { oomCheck(k, cg); } catch { /* nothing left to kill: usage stays over */ }
  }
}

function cpuStatText(cg: Cgroup): string {
  const s = cg.cpuState();
  const u = Math.floor(s.usageUs);
  let out = `usage_usec ${u}\nuser_usec ${Math.floor(u * 0.8)}\nsystem_usec ${u - Math.floor(u * 0.8)}\n`;
  if (has(cg, 'cpu')) {
    out += `nr_periods ${s.nrPeriods}\nnr_throttled ${s.nrThrottled}\nthrottled_usec ${Math.floor(s.throttledUs)}\n`
      + 'nr_bursts 0\nburst_usec 0\n';
  }
  return out;
}

function memoryStatText(cg: Cgroup): string {
  const anon = Math.max(0, cg.memCurrent);
  const rows: [string, number][] = [
    ['anon', anon], ['file', 0], ['kernel', 0], ['kernel_stack', 16384 * cg.pidsCurrent], ['pagetables', 0],
    ['sec_pagetables', 0], ['percpu', 0], ['sock', 0], ['vmalloc', 0], ['shmem', 0], ['zswap', 0], ['zswapped', 0],
    ['file_mapped', 0], ['file_dirty', 0], ['file_writeback', 0], ['swapcached', 0], ['anon_thp', 0], ['file_thp', 0],
    ['shmem_thp', 0], ['inactive_anon', anon], ['active_anon', 0], ['inactive_file', 0], ['active_file', 0],
    ['unevictable', 0], ['slab_reclaimable', 0], ['slab_unreclaimable', 0], ['slab', 0],
    ['workingset_refault_anon', 0], ['workingset_refault_file', 0], ['workingset_activate_anon', 0],
    ['workingset_activate_file', 0], ['workingset_restore_anon', 0], ['workingset_restore_file', 0],
    ['workingset_nodereclaim', 0], ['pgscan', 0], ['pgsteal', 0], ['pgscan_kswapd', 0], ['pgscan_direct', 0],
    ['pgscan_khugepaged', 0], ['pgsteal_kswapd', 0], ['pgsteal_direct', 0], ['pgsteal_khugepaged', 0], ['pgfault', 0],
    ['pgmajfault', 0], ['pgrefill', 0], ['pgactivate', 0], ['pgdeactivate', 0], ['pglazyfree', 0], ['pglazyfreed', 0],
    ['zswpin', 0], ['zswpout', 0], ['zswpwb', 0], ['thp_fault_alloc', 0], ['thp_collapse_alloc', 0],
    ['thp_swpout', 0], ['thp_swpout_fallback', 0],
  ];
  return rows.map(([n, v]) => `${n} ${Math.floor(v)}\n`).join('');
}

/** Directory specs are kept per cgroup (dropped when subtree_control changes what children show). */
const dirs = new WeakMap<Cgroup, SynthDir>();

function cgroupDir(k: Kernel, cg: Cgroup): SynthDir {
  let d = dirs.get(cg);
  if (!d) dirs.set(cg, d = makeCgroupDir(k, cg));
  return d;
}

/** One interface file of cg, made when looked up. */
function cgroupFile(k: Kernel, cg: Cgroup, name: string): SynthEntry | undefined {
  const f = makeFile(k, cg, name);
  if (f && name === 'cgroup.procs') return { ...f, read: (ctx: FsContext) => procsFor(k, cg, ctx) } as SynthEntry;
  return f;
}

function makeCgroupDir(k: Kernel, cg: Cgroup): SynthDir {
  return {
    kind: 'dir', mode: 0o755, ino: cg.id,
    list: () => [...fileNames(cg), ...(cg.children ? cg.children.keys() : [])],
    get: (name) => {
      const c = cg.children?.get(name);
      return c ? cgroupDir(k, c) : cgroupFile(k, cg, name);
    },
    mkdir: (name) => {
      if (cg.children?.has(name) || cgroupFile(k, cg, name)) throw new SysError(EEXIST);
      if (name.includes('/') || name === '.' || name === '..') throw new SysError(EINVAL);
      const c = new Cgroup(name, cg, k.newCgroupId());
      (cg.children ??= new Map()).set(name, c);
      if (k.trace) k.emit(0, 'cgroup_mkdir', { path: c.path });
    },
    rmdir: (name) => {
      const c = cg.children?.get(name);
      if (!c) throw new SysError(ENOENT);
      if (c.populated > 0) throw new SysError(EBUSY);
      if (c.children && c.children.size) throw new SysError(ENOTEMPTY);
      cg.children!.delete(name);
      if (k.trace) k.emit(0, 'cgroup_rmdir', { path: c.path });
    },
  };
}

export function cgroupType(k: Kernel): FilesystemType {
  return synthFilesystem('cgroup2', (req) => {
    const p = req.ctx?.task as Proc | undefined;
    return cgroupDir(k, p ? p.ns.cgroup.root : k.cgroupRoot);
  }, {
    source: 'cgroup2',
    superOptions: () => 'nsdelegate,memory_recursiveprot',
  });
}

/** Host-side cgroup access for the world and tests: the cgroup at a path, made when asked. */
export function cgroupAt(k: Kernel, path: string, create = false): Cgroup | undefined {
  let cg = k.cgroupRoot;
  for (const part of path.split('/').filter(Boolean)) {
    let c = cg.children?.get(part);
    if (!c) {
      if (!create) return undefined;
      c = new Cgroup(part, cg, k.newCgroupId());
      (cg.children ??= new Map()).set(part, c);
    }
    cg = c;
  }
  return cg;
}

void EOPNOTSUPP;
