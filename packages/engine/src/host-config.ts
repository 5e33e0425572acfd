// The HostConfig dockerd stores at create: what the client sent, with the
// defaults the daemon fills in (adaptContainerSettings, createContainerOS-
// SpecificSettings), in the field order of the API's Go struct, which is the
// order `docker inspect` prints.

import type { HostConfig } from '@dockersim/engine-api';

/** oci.DefaultSpec().Linux.MaskedPaths of Docker 28 (no thermal_throttle files here). */
export const DEFAULT_MASKED_PATHS = [
  '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats',
  '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware',
  '/sys/devices/virtual/powercap',
];
export const DEFAULT_READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];
/** config.DefaultShmSize: 64 MiB. */
export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

const list = <T>(v: T[] | null | undefined): T[] => v ?? [];
const orNull = <T>(v: T[] | null | undefined): T[] | null => v ?? null;

export type StoredHostConfig = HostConfig & Required<Pick<HostConfig, 'RestartPolicy' | 'LogConfig' | 'NetworkMode'>>;

export function withDaemonDefaults(h: HostConfig): StoredHostConfig {
  const network = !h.NetworkMode || h.NetworkMode === 'default' ? 'bridge' : h.NetworkMode;
  const out: StoredHostConfig = {
    Binds: orNull(h.Binds),
    ContainerIDFile: h.ContainerIDFile ?? '',
    LogConfig: h.LogConfig?.Type ? h.LogConfig : { Type: 'json-file', Config: h.LogConfig?.Config ?? {} },
    NetworkMode: network,
    PortBindings: h.PortBindings ?? {},
    RestartPolicy: { Name: h.RestartPolicy?.Name || 'no', MaximumRetryCount: h.RestartPolicy?.MaximumRetryCount ?? 0 },
    AutoRemove: !!h.AutoRemove,
    VolumeDriver: h.VolumeDriver ?? '',
    VolumesFrom: orNull(h.VolumesFrom),
    ConsoleSize: h.ConsoleSize ?? [0, 0],
    ...(h.Annotations && Object.keys(h.Annotations).length ? { Annotations: h.Annotations } : {}),
    CapAdd: orNull(h.CapAdd),
    CapDrop: orNull(h.CapDrop),
    CgroupnsMode: h.CgroupnsMode || 'private',
    Dns: list(h.Dns), DnsOptions: list(h.DnsOptions), DnsSearch: list(h.DnsSearch),
    ExtraHosts: orNull(h.ExtraHosts),
    GroupAdd: orNull(h.GroupAdd),
    IpcMode: h.IpcMode || 'private',
    Cgroup: h.Cgroup ?? '',
    Links: orNull(h.Links),
    OomScoreAdj: h.OomScoreAdj ?? 0,
    PidMode: h.PidMode ?? '',
    Privileged: !!h.Privileged,
    PublishAllPorts: !!h.PublishAllPorts,
    ReadonlyRootfs: !!h.ReadonlyRootfs,
    SecurityOpt: orNull(h.SecurityOpt),
    ...(h.StorageOpt && Object.keys(h.StorageOpt).length ? { StorageOpt: h.StorageOpt } : {}),
    ...(h.Tmpfs && Object.keys(h.Tmpfs).length ? { Tmpfs: h.Tmpfs } : {}),
    UTSMode: h.UTSMode ?? '',
    UsernsMode: h.UsernsMode ?? '',
    ShmSize: h.ShmSize || DEFAULT_SHM_SIZE,
    ...(h.Sysctls && Object.keys(h.Sysctls).length ? { Sysctls: h.Sysctls } : {}),
    Runtime: h.Runtime || 'runc',
    Isolation: h.Isolation ?? '',
    CpuShares: h.CpuShares ?? 0,
    Memory: h.Memory ?? 0,
    NanoCpus: h.NanoCpus ?? 0,
    CgroupParent: h.CgroupParent ?? '',
    BlkioWeight: h.BlkioWeight ?? 0,
    BlkioWeightDevice: list(h.BlkioWeightDevice),
    BlkioDeviceReadBps: list(h.BlkioDeviceReadBps),
    BlkioDeviceWriteBps: list(h.BlkioDeviceWriteBps),
    BlkioDeviceReadIOps: list(h.BlkioDeviceReadIOps),
    BlkioDeviceWriteIOps: list(h.BlkioDeviceWriteIOps),
    CpuPeriod: h.CpuPeriod ?? 0,
    CpuQuota: h.CpuQuota ?? 0,
    CpuRealtimePeriod: h.CpuRealtimePeriod ?? 0,
    CpuRealtimeRuntime: h.CpuRealtimeRuntime ?? 0,
    CpusetCpus: h.CpusetCpus ?? '',
    CpusetMems: h.CpusetMems ?? '',
    Devices: list(h.Devices),
    DeviceCgroupRules: orNull(h.DeviceCgroupRules),
    DeviceRequests: orNull(h.DeviceRequests),
    MemoryReservation: h.MemoryReservation ?? 0,
    // The CLI sends --memory-swap unset as 0; with a memory limit the daemon
    // makes it twice the limit (memory plus as much swap).
    MemorySwap: h.MemorySwap || (h.Memory ? h.Memory * 2 : 0),
    MemorySwappiness: h.MemorySwappiness ?? null,
    OomKillDisable: h.OomKillDisable ?? false,
    PidsLimit: h.PidsLimit ?? null,
    Ulimits: list(h.Ulimits),
    CpuCount: h.CpuCount ?? 0,
    CpuPercent: h.CpuPercent ?? 0,
    IOMaximumIOps: h.IOMaximumIOps ?? 0,
    IOMaximumBandwidth: h.IOMaximumBandwidth ?? 0,
    ...(h.Mounts && h.Mounts.length ? { Mounts: h.Mounts } : {}),
    MaskedPaths: h.MaskedPaths ?? (h.Privileged ? null : DEFAULT_MASKED_PATHS),
    ReadonlyPaths: h.ReadonlyPaths ?? (h.Privileged ? null : DEFAULT_READONLY_PATHS),
    ...(h.Init !== undefined && h.Init !== null ? { Init: h.Init } : {}),
  };
  return out;
}
