// Turning a container into an OCI runtime spec (what dockerd hands containerd,
// which writes it to the bundle's config.json for runc).

import type { OciSpec } from '@dockersim/containerd';
import type { Container } from './container.ts';
import { containerMounts } from './volumes/spec-mounts.ts';

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function buildSpec(c: Container, rootfs: string, user: { uid: number; gid: number; additionalGids: number[] }): OciSpec {
  const env = c.config.Env ?? [];
  const hasPath = env.some((e) => e.startsWith('PATH='));
  const fullEnv = [...(hasPath ? [] : [DEFAULT_PATH]), ...env];
  if (c.config.Tty && !fullEnv.some((e) => e.startsWith('TERM='))) fullEnv.push('TERM=xterm');
  fullEnv.splice(hasPath ? 0 : 1, 0, `HOSTNAME=${c.config.Hostname}`);
  const res: NonNullable<OciSpec['linux']['resources']> = {};
  const hc = c.hostConfig;
  if (hc.Memory) res.memory = { limit: hc.Memory, swap: hc.MemorySwap || hc.Memory * 2 };
  if (hc.PidsLimit && hc.PidsLimit > 0) res.pids = { limit: hc.PidsLimit };
  if (hc.NanoCpus) res.cpu = { quota: Math.round(hc.NanoCpus / 1e9 * 100000), period: 100000 };
  else if (hc.CpuQuota) res.cpu = { quota: hc.CpuQuota, period: hc.CpuPeriod || 100000 };
  return {
    ociVersion: '1.2.1',
    process: {
      terminal: !!c.config.Tty,
      consoleSize: hc.ConsoleSize && hc.ConsoleSize[0] ? { height: hc.ConsoleSize[0], width: hc.ConsoleSize[1] } : undefined,
      user: { uid: user.uid, gid: user.gid, additionalGids: user.additionalGids },
      args: [c.path, ...c.args],
      env: fullEnv,
      cwd: c.config.WorkingDir || '/',
      noNewPrivileges: false,
    },
    root: { path: rootfs, readonly: !!hc.ReadonlyRootfs },
    hostname: c.config.Hostname,
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=67108864'] },
      // volumes, binds, tmpfs and the network files, parents first
      ...containerMounts(c),
    ],
    linux: {
      // --network host, --pid host: no namespace of its own (WithNamespaces removes it)
      namespaces: [{ type: 'mount' }, ...(hc.NetworkMode === 'host' ? [] : [{ type: 'network' as const }]), { type: 'uts' }, ...(hc.PidMode === 'host' ? [] : [{ type: 'pid' as const }]), { type: 'ipc' }, { type: 'cgroup' }],
      cgroupsPath: `system.slice:docker:${c.id}`,
      resources: res,
      maskedPaths: ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap'],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}

/** Resolves "name", "uid", "name:group", "uid:gid" against the container's /etc/passwd and /etc/group. */
export function resolveUser(spec: string, passwd: string, group: string): { uid: number; gid: number; additionalGids: number[] } {
  const [u, g] = spec ? spec.split(':', 2) : ['', undefined];
  const users = passwd.split('\n').filter(Boolean).map((l) => l.split(':'));
  const groups = group.split('\n').filter(Boolean).map((l) => l.split(':'));
  let uid = 0, gid = 0, name = 'root';
  if (u) {
    const byName = users.find((x) => x[0] === u);
    if (byName) { uid = Number(byName[2]); gid = Number(byName[3]); name = byName[0]; }
    else if (/^\d+$/.test(u)) {
      uid = Number(u);
      const byId = users.find((x) => Number(x[2]) === uid);
      gid = byId ? Number(byId[3]) : 0;
      name = byId ? byId[0] : '';
    } else throw new Error(`unable to find user ${u}: no matching entries in passwd file`);
  }
  if (g !== undefined && g !== '') {
    const byName = groups.find((x) => x[0] === g);
    if (byName) gid = Number(byName[2]);
    else if (/^\d+$/.test(g)) gid = Number(g);
    else throw new Error(`unable to find group ${g}: no matching entries in group file`);
  }
  const additionalGids = name ? groups.filter((x) => (x[3] ?? '').split(',').includes(name) && Number(x[2]) !== gid).map((x) => Number(x[2])) : [];
  return { uid, gid, additionalGids };
}
