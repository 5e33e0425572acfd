// docker cp's side in dockerd (moby daemon/archive.go): a path inside a
// container resolves through its mount points (volumes, binds, the network
// files) or else into its root file system, mounted for the time of the copy
// when the container is not running.

import {
  EngineError, extract, notFound, pathStat, splitPathDirEntry, tarResource, type ContainerPathStat,
} from '@dockersim/engine-api';
import { S_IFDIR, S_IFMT, type Sys } from '@dockersim/kernel';
import type { Container } from '../container.ts';
import { OVERLAY2 } from '../layers.ts';
import { cleanPath } from './parse.ts';

interface Resolved { host: string; readOnly: boolean; inVolume: boolean }

function running(c: Container): boolean { return c.state === 'running' || c.state === 'paused' || c.state === 'restarting'; }

/** Runs fn with the container's root file system mounted at its merged directory. */
export async function withRootfs<T>(sys: Sys, c: Container, fn: (rootfs: string) => Promise<T>): Promise<T> {
  const layerDir = `${OVERLAY2}/${c.layerId}`;
  const merged = `${layerDir}/merged`;
  if (running(c)) return fn(merged);
  sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${[`${layerDir}-init/diff`, ...c.lowerDirs].join(':')},upperdir=${layerDir}/diff,workdir=${layerDir}/work`);
  try { return await fn(merged); } finally { sys.umount(merged); }
}

function resolve(c: Container, rootfs: string, path: string): Resolved {
  const p = cleanPath(path.startsWith('/') ? path : '/' + path);
  const points: [dest: string, source: string, ro: boolean][] = [
    ['/etc/resolv.conf', c.resolvConfPath, false], ['/etc/hostname', c.hostnamePath, false], ['/etc/hosts', c.hostsPath, false],
    ...c.mountPoints.filter((m) => m.Type !== 'tmpfs').map((m): [string, string, boolean] => [m.Destination, m.Source, !m.RW]),
  ];
  let best: [string, string, boolean] | undefined;
  for (const m of points) {
    if ((p === m[0] || p.startsWith(m[0] + '/')) && (!best || m[0].length > best[0].length)) best = m;
  }
  if (best) return { host: best[1] + p.slice(best[0].length), readOnly: best[2], inVolume: true };
  return { host: rootfs + (p === '/' ? '' : p), readOnly: !!c.hostConfig.ReadonlyRootfs, inVolume: false };
}

/** A trailing "/." or "/" the user wrote survives the cleaning (archive.PreserveTrailingDotOrSeparator). */
function keepTrailing(host: string, path: string): string {
  if (path.endsWith('/.')) return host + '/.';
  return host;
}

const fileNotFound = (path: string, ref: string) => notFound(`Could not find the file ${path} in container ${ref}`);

export async function statPath(sys: Sys, c: Container, ref: string, path: string): Promise<ContainerPathStat> {
  return withRootfs(sys, c, async (rootfs) => {
    const r = resolve(c, rootfs, path);
    try { return pathStat(sys, r.host, splitPathDirEntry(path)[1]); } catch { throw fileNotFound(path, ref); }
  });
}

export async function archive(sys: Sys, c: Container, ref: string, path: string): Promise<{ tar: Uint8Array; stat: ContainerPathStat }> {
  return withRootfs(sys, c, async (rootfs) => {
    const r = resolve(c, rootfs, path);
    let stat: ContainerPathStat;
    try { stat = pathStat(sys, r.host, splitPathDirEntry(path)[1]); } catch { throw fileNotFound(path, ref); }
    if (path.endsWith('/') && (sys.stat(r.host).mode & S_IFMT) !== S_IFDIR) throw new EngineError('InvalidParameter', `not a directory`);
    const tar = await tarResource(sys, keepTrailing(r.host, path), splitPathDirEntry(path)[1]);
    return { tar, stat };
  });
}

export async function extractInto(sys: Sys, c: Container, ref: string, path: string, tar: Uint8Array, o: { noOverwriteDirNonDir: boolean; copyUIDGID: boolean }): Promise<void> {
  await withRootfs(sys, c, async (rootfs) => {
    const r = resolve(c, rootfs, path);
    let st;
    try { st = sys.stat(r.host); } catch { throw fileNotFound(path, ref); }
    if ((st.mode & S_IFMT) !== S_IFDIR) throw new EngineError('InvalidParameter', 'extraction point is not a directory');
    if (r.readOnly) throw new EngineError('InvalidParameter', r.inVolume ? 'mounted volume is marked read-only' : 'container rootfs is marked read-only');
    try {
      await extract(sys, tar, r.host, { copyUIDGID: o.copyUIDGID, noOverwriteDirNonDir: o.noOverwriteDirNonDir });
    } catch (e) { throw new EngineError('System', (e as Error).message); }
  });
}
