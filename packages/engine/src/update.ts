// docker update (moby's daemon/update.go, Container.UpdateContainer): checks
// the new resources against the container's, keeps them in its HostConfig,
// and for a running (or paused) container hands what the request sets to
// containerd's tasks.Update (toContainerdResources), whose shim runs `runc
// update --resources -`; runc writes the cgroup files, where the kernel
// enforces them at once. A failure there puts the old HostConfig back.

import { EngineError, invalidParameter, type ContainerUpdateBody } from '@dockersim/engine-api';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import { validateRestartPolicy } from './restart.ts';
import { RpcError } from './containerd-client.ts';

const cannot = (c: Container, msg: string) => new EngineError('Conflict', `Cannot update container ${c.id}: ${msg}`);

export function cgroupPath(c: Container): string { return `/sys/fs/cgroup/system.slice/docker-${c.id}.scope`; }

export async function update(d: Daemon, c: Container, r: ContainerUpdateBody): Promise<{ Warnings: string[] }> {
  if (r.Memory && r.Memory > 0 && r.Memory < 6 * 1024 * 1024) throw invalidParameter('Minimum memory limit allowed is 6MB');
  if (r.Memory && r.MemorySwap && r.MemorySwap > 0 && r.MemorySwap < r.Memory) throw invalidParameter('Minimum memoryswap limit should be larger than memory limit, see usage');
  if (r.RestartPolicy) validateRestartPolicy(r.RestartPolicy);
  if (c.state === 'removing' || c.state === 'dead') throw cannot(c, 'container is marked for removal and cannot be "update"');
  const h = c.hostConfig;
  if (r.NanoCpus && h.CpuPeriod) throw cannot(c, 'Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set');
  if (r.NanoCpus && h.CpuQuota) throw cannot(c, 'Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set');
  if (r.CpuPeriod && h.NanoCpus) throw cannot(c, 'Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set');
  if (r.CpuQuota && h.NanoCpus) throw cannot(c, 'Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set');
  if (r.Memory && r.Memory > (h.MemorySwap ?? 0) && !r.MemorySwap) {
    throw cannot(c, 'Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
  }
  if (r.RestartPolicy?.Name && h.AutoRemove && r.RestartPolicy.Name !== 'no') {
    throw cannot(c, 'Restart policy cannot be updated because AutoRemove is enabled for the container');
  }
  const backup = { ...h };
  if (r.BlkioWeight) h.BlkioWeight = r.BlkioWeight;
  if (r.CpuShares) h.CpuShares = r.CpuShares;
  if (r.NanoCpus) h.NanoCpus = r.NanoCpus;
  if (r.CpuPeriod) h.CpuPeriod = r.CpuPeriod;
  if (r.CpuQuota) h.CpuQuota = r.CpuQuota;
  if (r.CpusetCpus) h.CpusetCpus = r.CpusetCpus;
  if (r.CpusetMems) h.CpusetMems = r.CpusetMems;
  if (r.Memory) h.Memory = r.Memory;
  if (r.MemorySwap) h.MemorySwap = r.MemorySwap;
  if (r.MemoryReservation) h.MemoryReservation = r.MemoryReservation;
  if (r.PidsLimit !== undefined && r.PidsLimit !== null) h.PidsLimit = r.PidsLimit;
  if (r.RestartPolicy?.Name) h.RestartPolicy = r.RestartPolicy;
  d.bus.emit('container', 'update', c.id, { image: c.imageRef, name: c.name });
  // a stopped container gets its resources at the next start
  if (c.state !== 'running' && c.state !== 'paused') return { Warnings: [] };
  try {
    await d.ctr.call('tasks', 'Update', { containerId: c.id, resources: toContainerdResources(r) });
  } catch (e) {
    Object.assign(h, backup);
    throw new EngineError('System', `Cannot update container ${c.id}: ${e instanceof RpcError ? e.message : (e as Error).message}`);
  }
  return { Warnings: [] };
}

/** specs.LinuxResources of what the request sets (daemon/update_linux.go). */
export function toContainerdResources(r: ContainerUpdateBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.BlkioWeight) out.blockIO = { weight: r.BlkioWeight };
  const cpu: Record<string, unknown> = {};
  if (r.CpusetCpus) cpu.cpus = r.CpusetCpus;
  if (r.CpusetMems) cpu.mems = r.CpusetMems;
  if (r.CpuShares) cpu.shares = r.CpuShares;
  let period = 0, quota = 0;
  if (r.NanoCpus) { period = 100000; quota = Math.floor((r.NanoCpus * period) / 1e9); }
  if (!quota && r.CpuQuota) quota = r.CpuQuota;
  if (!period && r.CpuPeriod) period = r.CpuPeriod;
  if (period) cpu.period = period;
  if (quota) cpu.quota = quota;
  if (Object.keys(cpu).length) out.cpu = cpu;
  const memory: Record<string, unknown> = {};
  if (r.Memory) memory.limit = r.Memory;
  if (r.MemoryReservation) memory.reservation = r.MemoryReservation;
  if (r.MemorySwap && r.MemorySwap > 0) memory.swap = r.MemorySwap;
  if (Object.keys(memory).length) out.memory = memory;
  // getPidsLimit: unset stays unset; 0 and below mean unlimited
  if (r.PidsLimit !== undefined && r.PidsLimit !== null) out.pids = { limit: r.PidsLimit > 0 ? r.PidsLimit : -1 };
  return out;
}
