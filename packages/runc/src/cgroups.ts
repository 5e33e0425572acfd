// The container's cgroup v2 directory: where it is (cgroupsPath, systemd's
// "slice:prefix:name" or a plain path), creating it with the limits of
// linux.resources, joining it, and removing it on delete.

import { ENOENT, EEXIST, EBUSY, O_WRONLY, O_TRUNC, O_CLOEXEC, isSysError } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciSpec } from './spec.ts';
import { readText, RuncError, goErr } from './sysio.ts';

/** cgroups.WriteFile: interface files are opened, never created (cgroupfs
 * refuses O_CREAT with EACCES), so a disabled controller shows as ENOENT. */
async function writeText(sys: Sys, path: string, data: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
  try { await sys.write(fd, data); } finally { sys.close(fd); }
}

export { writeText as writeCgroupFile };

export const CGROUP_ROOT = '/sys/fs/cgroup';

/** systemd's slice expansion: "a-b.slice" → "a.slice/a-b.slice" (runc's ExpandSlice). */
export function expandSlice(slice: string): string {
  if (!slice.endsWith('.slice') || slice.includes('/')) throw new RuncError(`invalid slice name: ${slice}`);
  const name = slice.slice(0, -'.slice'.length);
  if (name === '-') return '';
  let path = '', prefix = '';
  for (const part of name.split('-')) {
    if (part === '') throw new RuncError(`invalid slice name: ${slice}`);
    path += `/${prefix}${part}.slice`;
    prefix += part + '-';
  }
  return path.slice(1);
}

/** The absolute cgroupfs directory for a container. */
export function cgroupDir(cgroupsPath: string, id: string, systemd: boolean): string {
  const parts = cgroupsPath.split(':');
  if (systemd || (parts.length === 3 && !cgroupsPath.startsWith('/'))) {
    if (parts.length !== 3) throw new RuncError(`expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "${cgroupsPath}" instead`);
    const [slice, prefix, name] = parts as [string, string, string];
    const parent = slice === '' ? 'system.slice' : slice;
    const unit = name.endsWith('.slice') ? name : `${prefix ? prefix + '-' : ''}${name}.scope`;
    const sliceDir = expandSlice(parent);
    return `${CGROUP_ROOT}/${sliceDir ? sliceDir + '/' : ''}${unit}`;
  }
  const p = cgroupsPath === '' ? `/${id}` : cgroupsPath.startsWith('/') ? cgroupsPath : `/${cgroupsPath}`;
  return CGROUP_ROOT + p.replace(/\/+$/, '');
}

/** Makes the directory (and parents, enabling their controllers) and writes the limits. */
export async function createCgroup(sys: Sys, dir: string, spec: OciSpec): Promise<void> {
  try { sys.mkdir(dir, 0o755); } catch (e) {
    if (isSysError(e, ENOENT)) { await makeParents(sys, dir); sys.mkdir(dir, 0o755); }
    else if (!isSysError(e, EEXIST)) throw new RuncError(goErr(e, 'mkdir', dir));
  }
  const r = spec.linux.resources;
  if (!r) return;
  const writes: [string, string][] = [];
  const mem = r.memory;
  if (mem?.limit !== undefined && mem.limit > 0) {
    writes.push(['memory.max', String(mem.limit)]);
    // runc: memory.swap.max = memory+swap - memory; -1 is unlimited
    if (mem.swap !== undefined && mem.swap !== 0) writes.push(['memory.swap.max', mem.swap < 0 ? 'max' : String(Math.max(0, mem.swap - mem.limit))]);
  }
  if (mem?.reservation) writes.push(['memory.low', String(mem.reservation)]);
  const cpu = r.cpu;
  if (cpu?.quota !== undefined && cpu.quota !== 0 || cpu?.period) {
    const q = cpu!.quota !== undefined && cpu!.quota > 0 ? String(cpu!.quota) : 'max';
    writes.push(['cpu.max', `${q} ${cpu!.period || 100000}`]);
  }
  if (cpu?.shares) writes.push(['cpu.weight', String(sharesToWeight(cpu.shares))]);
  if (r.pids && r.pids.limit !== 0) writes.push(['pids.max', r.pids.limit > 0 ? String(r.pids.limit) : 'max']);
  for (const [file, value] of writes) {
    try { await writeText(sys, `${dir}/${file}`, value); } catch (e) {
      if (!isSysError(e, ENOENT)) throw new RuncError(`unable to set ${file}: ${goErr(e, 'write', `${dir}/${file}`)}`);
      // the controller is not enabled below the parent: enable it up the tree, then retry
      await enableControllers(sys, dir);
      await writeText(sys, `${dir}/${file}`, value);
    }
  }
}

/** runc's ConvertCPUSharesToCgroupV2Value. */
export function sharesToWeight(shares: number): number {
  if (shares === 0) return 0;
  return 1 + Math.floor(((shares - 2) * 9999) / 262142);
}

async function makeParents(sys: Sys, dir: string): Promise<void> {
  const rel = dir.slice(CGROUP_ROOT.length + 1).split('/');
  let p = CGROUP_ROOT;
  for (let i = 0; i < rel.length - 1; i++) {
    p += '/' + rel[i];
    try { sys.mkdir(p, 0o755); } catch (e) { if (!isSysError(e, EEXIST)) throw new RuncError(goErr(e, 'mkdir', p)); }
  }
  await enableControllers(sys, dir);
}

/** Writes "+cpu +memory +pids" into cgroup.subtree_control of every ancestor of dir. */
async function enableControllers(sys: Sys, dir: string): Promise<void> {
  const rel = dir.slice(CGROUP_ROOT.length + 1).split('/');
  let p = CGROUP_ROOT;
  for (let i = 0; i < rel.length; i++) {
    try { await writeText(sys, `${p}/cgroup.subtree_control`, '+cpu +memory +pids'); } catch { /* as far as allowed */ }
    p += '/' + rel[i];
  }
}

/** Moves a process into the cgroup (cgroup.procs). */
export async function joinCgroup(sys: Sys, dir: string, pid: number): Promise<void> {
  await writeText(sys, `${dir}/cgroup.procs`, String(pid));
}

/** Every pid in the cgroup and below (cgroups.GetAllPids), as the caller's pid namespace numbers them. */
export async function cgroupPids(sys: Sys, dir: string): Promise<number[]> {
  const out: number[] = [];
  const walk = async (d: string): Promise<void> => {
    let text: string;
    try { text = await readText(sys, `${d}/cgroup.procs`); } catch { return; }
    for (const l of text.split('\n')) if (l) out.push(Number(l));
    for (const e of sys.readdir(d)) if (e.type === 'dir') await walk(`${d}/${e.name}`);
  };
  await walk(dir);
  return out;
}

/** rmdir of the container's cgroup (and sub-cgroups); gone already is fine. */
export function removeCgroup(sys: Sys, dir: string): void {
  try { sys.rmdir(dir); return; } catch (e) { if (isSysError(e, ENOENT)) return; }
  let entries;
  try { entries = sys.readdir(dir); } catch (e) { if (isSysError(e, ENOENT)) return; throw e; }
  for (const e of entries) if (e.type === 'dir') removeCgroup(sys, `${dir}/${e.name}`);
  try { sys.rmdir(dir); } catch (e) {
    if (isSysError(e, ENOENT)) return;
    throw new RuncError(`unable to remove cgroup: ${goErr(e, 'rmdir', dir)}`);
  }
}

export async function readCgroupFile(sys: Sys, dir: string, file: string): Promise<string> {
  return readText(sys, `${dir}/${file}`);
}
