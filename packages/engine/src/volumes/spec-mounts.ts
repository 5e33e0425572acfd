// The container's own mounts in its OCI spec (moby daemon/oci_linux.go
// WithMounts): volumes and binds, the network files (/etc/resolv.conf,
// /etc/hostname, /etc/hosts) and tmpfs mounts, sorted so that a parent is
// mounted before what lies below it. Before the spec is written the sources
// are set up: volumes mount their devices, -v bind sources are created.

import { EngineError } from '@dockersim/engine-api';
import type { OciSpec } from '@dockersim/containerd';
import type { Sys } from '@dockersim/kernel';
import type { Container } from '../container.ts';
import { tmpfsOptions } from './parse.ts';
import type { VolumeStore } from './store.ts';

type OciMount = OciSpec['mounts'][number];

/** MountPoint.Setup for each mount point: bind sources made, volume devices mounted. */
export function setupMounts(sys: Sys, volumes: VolumeStore, c: Container): void {
  const mounted: string[] = [];
  try {
    for (const m of c.mountPoints) {
      if (m.Type === 'volume' && m.Name) {
        volumes.mount(volumes.get(m.Name));
        mounted.push(m.Name);
      } else if (m.Type === 'bind' && !m.SkipMountpointCreation) {
        mkdirAll(sys, m.Source);
      } else if (m.Type === 'bind') {
        try { sys.stat(m.Source); } catch {
          throw new EngineError('InvalidParameter', `invalid mount config for type "bind": bind source path does not exist: ${m.Source}`);
        }
      }
    }
  } catch (e) {
    for (const n of mounted) volumes.unmount(volumes.get(n));
    throw e;
  }
}

/** Undoes setupMounts once the container has stopped. */
export function teardownMounts(volumes: VolumeStore, c: Container): void {
  for (const m of c.mountPoints ?? []) {
    const v = m.Type === 'volume' && m.Name ? volumes.volumes.get(m.Name) : undefined;
    if (v) volumes.unmount(v);
  }
}

/** The spec mounts after the defaults: mount points, network files and tmpfs, by depth. */
export function containerMounts(c: Container): OciMount[] {
  const ms: { dest: string; m: OciMount }[] = [];
  const dests = new Set<string>();
  for (const m of c.mountPoints ?? []) {
    dests.add(m.Destination);
    if (m.Type === 'tmpfs') {
      const data = tmpfsOptions(m.Spec ?? { Type: 'tmpfs', Target: m.Destination });
      ms.push({ dest: m.Destination, m: { destination: m.Destination, type: 'tmpfs', source: 'tmpfs', options: tmpfsMerge(data) } });
      continue;
    }
    const opts = [m.Spec?.BindOptions?.NonRecursive ? 'bind' : 'rbind'];
    if (!m.RW) opts.push('ro');
    opts.push(m.Propagation || 'rprivate');
    ms.push({ dest: m.Destination, m: { destination: m.Destination, type: 'bind', source: m.Source, options: opts } });
  }
  for (const [dest, source] of [['/etc/resolv.conf', c.resolvConfPath], ['/etc/hostname', c.hostnamePath], ['/etc/hosts', c.hostsPath]]) {
    if (dests.has(dest)) continue;
    ms.push({ dest, m: { destination: dest, type: 'bind', source, options: ['rbind', 'rprivate'] } });
  }
  for (const [dest, data] of Object.entries(c.hostConfig.Tmpfs ?? {})) {
    if (dests.has(dest)) continue;
    ms.push({ dest, m: { destination: dest, type: 'tmpfs', source: 'tmpfs', options: tmpfsMerge(data) } });
  }
  const depth = (p: string) => p.split('/').filter(Boolean).length;
  return ms.map((x, i) => ({ ...x, i })).sort((a, b) => depth(a.dest) - depth(b.dest) || a.i - b.i).map((x) => x.m);
}

/** mount.MergeTmpfsOptions over Docker's defaults: later words win (exec over noexec). */
function tmpfsMerge(data: string): string[] {
  const words = ['noexec', 'nosuid', 'nodev', 'rprivate', ...(data ? data.split(',') : [])];
  const opposite: Record<string, string> = { exec: 'noexec', noexec: 'exec', suid: 'nosuid', nosuid: 'suid', dev: 'nodev', nodev: 'dev', ro: 'rw', rw: 'ro' };
  const out: string[] = [];
  for (const w of words) {
    const key = w.includes('=') ? w.slice(0, w.indexOf('=') + 1) : w;
    const i = out.findIndex((o) => (key.endsWith('=') ? o.startsWith(key) : o === w || o === opposite[w]));
    if (i >= 0) out.splice(i, 1);
    out.push(w);
  }
  return out;
}

function mkdirAll(sys: Sys, path: string): void {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += '/' + part;
    try { sys.mkdir(cur, 0o755); } catch { /* exists (or a file: the mount reports it) */ }
  }
}
