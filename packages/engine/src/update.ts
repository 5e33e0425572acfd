// docker update (moby's daemon/update.go, Container.UpdateContainer): checks
// the new resources against the container's, keeps them in its HostConfig,
// and for a running container writes them into its cgroup (memory.max,
// memory.swap.max, cpu.max, cpu.weight, pids.max), where the kernel enforces
// them at once. The files are written from the host's cgroupfs, as runc
// update does for containerd.

import { EngineError, invalidParameter, type ContainerUpdateBody } from '@dockersim/engine-api';
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import { validateRestartPolicy } from './restart.ts';
import { O_WRONLY } from '@dockersim/kernel';

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
  if (c.state === 'running' || c.state === 'paused') await applyToCgroup(d, c, r);
  d.bus.emit('container', 'update', c.id, { image: c.imageRef, name: c.name });
  return { Warnings: [] };
}

/** Only what the request sets reaches the cgroup (toContainerdResources of the request). */
async function applyToCgroup(d: Daemon, c: Container, r: ContainerUpdateBody): Promise<void> {
  const dir = cgroupPath(c);
  const put = async (file: string, v: string) => {
    try { const fd = d.sys.open(`${dir}/${file}`, O_WRONLY); try { await d.sys.write(fd, v); } finally { d.sys.close(fd); } } catch (e) {
      throw new EngineError('System', `Cannot update container ${c.id}: failed to write ${JSON.stringify(v)} to "${dir}/${file}": ${(e as Error).message}`);
    }
  };
  if (r.Memory) await put('memory.max', String(r.Memory));
  if (r.MemorySwap) await put('memory.swap.max', r.MemorySwap < 0 ? 'max' : String(Math.max(0, r.MemorySwap - (c.hostConfig.Memory ?? 0))));
  if (r.NanoCpus) await put('cpu.max', `${Math.round(r.NanoCpus / 1e9 * 100000)} 100000`);
  else if (r.CpuQuota || r.CpuPeriod) await put('cpu.max', `${c.hostConfig.CpuQuota && c.hostConfig.CpuQuota > 0 ? c.hostConfig.CpuQuota : 'max'} ${c.hostConfig.CpuPeriod || 100000}`);
  // runc's conversion of cpu shares (2..262144) to cgroup v2 weight (1..10000)
  if (r.CpuShares) await put('cpu.weight', String(1 + Math.floor(((r.CpuShares - 2) * 9999) / 262142)));
  if (r.PidsLimit !== undefined && r.PidsLimit !== null && r.PidsLimit !== 0) await put('pids.max', r.PidsLimit < 0 ? 'max' : String(r.PidsLimit));
}
