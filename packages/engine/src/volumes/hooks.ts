// Where the container lifecycle meets mounts: dockerd calls these at create,
// start, exit and removal, and for the Mounts of inspect and ps.

import type { MountPoint as ApiMountPoint, HostConfig } from '@dockersim/engine-api';
import type { Sys } from '@dockersim/kernel';
import type { Container } from '../container.ts';
import { OVERLAY2 } from '../layers.ts';
import { imageVolumesAndCopyUp, registerMountPoints, releaseMounts, verifyMounts, type MountContext } from './register.ts';
import { setupMounts, teardownMounts } from './spec-mounts.ts';

export { verifyMounts };

/** At create, once the container exists: its mount points, image volumes and the copy-up. */
export async function mountsAtCreate(x: MountContext, c: Container, hc: HostConfig): Promise<void> {
  c.mountPoints = registerMountPoints(x, c, hc);
  if (!c.mountPoints.some((m) => m.Type === 'volume' && m.CopyData) && !Object.keys(c.config.Volumes ?? {}).length) return;
  const sys = x.sys;
  const layerDir = `${OVERLAY2}/${c.layerId}`;
  const merged = `${layerDir}/merged`;
  sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${[`${layerDir}-init/diff`, ...c.lowerDirs].join(':')},upperdir=${layerDir}/diff,workdir=${layerDir}/work`);
  try { await imageVolumesAndCopyUp(x, c, merged); } finally { sys.umount(merged); }
}

export function mountsAtStart(x: MountContext, c: Container): void { setupMounts(x.sys, x.volumes, c); }
export function mountsAtExit(x: MountContext, c: Container): void { teardownMounts(x.volumes, c); }
export function mountsAtRemove(x: MountContext, c: Container, removeVolumes: boolean): void { releaseMounts(x, c, removeVolumes); }

/** The Mounts array of inspect and ps. */
export function mountViews(c: Container): ApiMountPoint[] {
  return (c.mountPoints ?? []).map((m) => {
    const v: ApiMountPoint = { Type: m.Type, Source: m.Source, Destination: m.Destination, Mode: m.Mode, RW: m.RW, Propagation: m.Propagation };
    if (m.Name) v.Name = m.Name;
    if (m.Driver) v.Driver = m.Driver;
    return { Type: v.Type, ...(v.Name ? { Name: v.Name } : {}), Source: v.Source, Destination: v.Destination, ...(v.Driver ? { Driver: v.Driver } : {}), Mode: v.Mode, RW: v.RW, Propagation: v.Propagation };
  });
}

export type { Sys };
