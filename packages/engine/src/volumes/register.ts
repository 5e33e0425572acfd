// What `docker create` does with mounts (moby daemon/volumes.go
// registerMountPoints and create_unix.go): --volumes-from, -v and --mount
// become mount points in that order (later ones take a destination over),
// named volumes are created or reused, image VOLUMEs without a mount get an
// anonymous volume, and each empty volume is filled from the image (copy-up).

import { invalidParameter, EngineError, type HostConfig } from '@dockersim/engine-api';
import type { Sys } from '@dockersim/kernel';
import type { Container } from '../container.ts';
import { copyDir, isEmptyDir } from './copy.ts';
import {
  MountConfigError, parseMountRaw, parseMountSpec, parseVolumesFrom, readWrite, validateMountConfig,
  validateTmpfsDestination, cleanPath, type MountPoint,
} from './parse.ts';
import type { VolumeStore } from './store.ts';

export interface MountContext {
  sys: Sys;
  volumes: VolumeStore;
  /** Finds a container by id, name or prefix; throws "No such container: x". */
  get(ref: string): Container;
}

const exists = (sys: Sys) => (p: string): boolean => { try { sys.stat(p); return true; } catch { return false; } };

/** verifyContainerSettings: --mount entries checked before anything is created. */
export function verifyMounts(sys: Sys, hc: HostConfig): void {
  try {
    for (const m of hc.Mounts ?? []) validateMountConfig(m, exists(sys));
    for (const dest of Object.keys(hc.Tmpfs ?? {})) validateTmpfsDestination(dest);
  } catch (e) {
    if (e instanceof MountConfigError) throw invalidParameter(e.message);
    throw e;
  }
}

/** registerMountPoints: the container's mount points from VolumesFrom, Binds and Mounts. */
export function registerMountPoints(x: MountContext, c: Container, hc: HostConfig): MountPoint[] {
  const points = new Map<string, MountPoint>();
  const binds = new Set<string>();
  const taken: string[] = [];
  const release = (dest: string) => {
    const old = points.get(dest);
    if (old?.Name && old.Type === 'volume') x.volumes.release(old.Name, c.id);
  };
  const fail = (e: unknown): never => {
    for (const name of taken) x.volumes.release(name, c.id);
    if (e instanceof MountConfigError) throw invalidParameter(e.message);
    throw e;
  };
  try {
    for (const spec of hc.VolumesFrom ?? []) {
      const { id, mode } = parseVolumesFrom(spec);
      let from: Container;
      try { from = x.get(id); } catch (e) { throw invalidParameter((e as Error).message); }
      for (const m of from.mountPoints ?? []) {
        const cp: MountPoint = { ...m, RW: m.RW && readWrite(mode), CopyData: false };
        if (cp.Type === 'volume' && cp.Name) { x.volumes.get(cp.Name).refs.add(c.id); taken.push(cp.Name); }
        release(cp.Destination);
        points.set(cp.Destination, cp);
      }
    }
    for (const b of hc.Binds ?? []) {
      const mp = parseMountRaw(b, hc.VolumeDriver ?? '');
      if (binds.has(mp.Destination) || (hc.Tmpfs && mp.Destination in hc.Tmpfs)) {
        throw invalidParameter(`Duplicate mount point: ${mp.Destination}`);
      }
      if (mp.Type === 'volume') {
        const v = x.volumes.create(mp.Name, { driver: mp.Driver, ref: c.id });
        taken.push(v.name);
        mp.Anonymous = !mp.Name;
        mp.Name = v.name;
        mp.Source = x.volumes.path(v.name);
        mp.Driver = v.driver;
        if (!mp.Mode) mp.Mode = 'z';
      }
      binds.add(mp.Destination);
      release(mp.Destination);
      points.set(mp.Destination, mp);
    }
    for (const cfg of hc.Mounts ?? []) {
      const mp = parseMountSpec(cfg, exists(x.sys));
      if (binds.has(mp.Destination)) throw invalidParameter(`Duplicate mount point: ${cfg.Target}`);
      if (mp.Type === 'volume') {
        const vo = cfg.VolumeOptions;
        const v = x.volumes.create(mp.Name, { driver: mp.Driver, ref: c.id, opts: vo?.DriverConfig?.Options ?? null, labels: vo?.Labels && Object.keys(vo.Labels).length ? vo.Labels : null });
        taken.push(v.name);
        mp.Anonymous = !mp.Name;
        mp.Name = v.name;
        mp.Driver = v.driver;
        mp.Source = x.volumes.path(v.name);
        if (!mp.Mode) mp.Mode = 'z';
      }
      if (mp.Type === 'bind' && !cfg.BindOptions?.CreateMountpoint) mp.SkipMountpointCreation = true;
      binds.add(mp.Destination);
      release(mp.Destination);
      points.set(mp.Destination, mp);
    }
  } catch (e) { return fail(e); }
  return [...points.values()];
}

/**
 * createContainerOSSpecificSettings: an anonymous volume for each image or
 * -v VOLUME without a mount there, then the copy-up of image content into
 * empty volumes. `rootfs` is the container's mounted root file system.
 */
export async function imageVolumesAndCopyUp(x: MountContext, c: Container, rootfs: string): Promise<void> {
  const sys = x.sys;
  for (const spec of Object.keys(c.config.Volumes ?? {})) {
    const dest = cleanPath(spec);
    if (c.mountPoints.some((m) => m.Destination === dest)) continue;
    const path = rootfs + dest;
    let st;
    try { st = sys.stat(path); } catch { st = undefined; }
    if (st && (st.mode & 0o170000) !== 0o040000) throw new EngineError('System', `cannot mount volume over existing file, file exists ${path}`);
    const v = x.volumes.create('', { driver: c.hostConfig.VolumeDriver ?? '', ref: c.id });
    c.mountPoints.push({
      Type: 'volume', Name: v.name, Source: x.volumes.path(v.name), Destination: dest, Driver: v.driver,
      Mode: '', RW: true, Propagation: '', CopyData: true, Anonymous: true,
    });
  }
  for (const m of c.mountPoints) {
    if (m.Type !== 'volume' || !m.CopyData || !m.Name) continue;
    const src = rootfs + m.Destination;
    try { sys.stat(src); } catch { continue; }
    const v = x.volumes.get(m.Name);
    const path = x.volumes.mount(v);
    try {
      if (isEmptyDir(sys, path)) await copyDir(sys, src, path);
    } finally { x.volumes.unmount(v); }
  }
}

/** Drops the container's references; with `removeAnonymous`, deletes its anonymous volumes (rm -v, --rm). */
export function releaseMounts(x: MountContext, c: Container, removeAnonymous: boolean): void {
  for (const m of c.mountPoints ?? []) {
    if (m.Type !== 'volume' || !m.Name) continue;
    x.volumes.release(m.Name, c.id);
    const v = x.volumes.volumes.get(m.Name);
    if (removeAnonymous && v && m.Anonymous && x.volumes.isAnonymous(v) && !v.refs.size) {
      try { x.volumes.remove(m.Name); } catch { /* still used */ }
    }
  }
}
