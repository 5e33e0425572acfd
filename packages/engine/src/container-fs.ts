// docker diff and docker export (moby's daemon/changes.go, export.go): the
// changes are the container's overlay upperdir read against its lower layers
// (a path the lowers already have is "changed", a whiteout is "deleted",
// anything else "added"); the export is a tar of the merged root filesystem,
// mounted for the time it takes when the container is not running.

import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, type Sys } from '@dockersim/kernel';
import { notFound, type ContainerChange } from '@dockersim/engine-api';
import { readFileBytes } from '@dockersim/userland';
import { tarEntry, writeTar, type TarEntry } from '@dockersim/image';
import type { Container } from './container.ts';
import { OVERLAY2 } from './layers.ts';

// Files runc bind-mounts over, made empty in the upperdir as mount points: not changes.
const MOUNTPOINTS = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf']);

function exists(sys: Sys, path: string): boolean {
  try { sys.lstat(path); return true; } catch { return false; }
}

export function changes(sys: Sys, c: Container): ContainerChange[] | null {
  const layer = `${OVERLAY2}/${c.layerId}`;
  const lowers = [`${layer}-init/diff`, ...c.lowerDirs];
  const inLower = (rel: string) => lowers.some((l) => exists(sys, l + rel));
  const out: ContainerChange[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of sys.readdir(dir).map((d) => d.name).sort()) {
      const abs = `${dir}/${name}`, path = `${rel}/${name}`;
      const st = sys.lstat(abs);
      const type = st.mode & S_IFMT;
      if (type === S_IFCHR && st.rdev === 0) { out.push({ Path: path, Kind: 2 }); continue; }
      if (MOUNTPOINTS.has(path) && type === S_IFREG && st.size === 0) continue;
      out.push({ Path: path, Kind: inLower(path) ? 0 : 1 });
      if (type === S_IFDIR) walk(abs, path);
    }
  };
  walk(`${layer}/diff`, '');
  out.sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  return out.length ? out : null;
}

/** The merged root filesystem as a tar (entries without a leading "/"). */
export async function exportRootfs(sys: Sys, c: Container): Promise<Uint8Array> {
  if (c.state === 'removing' || c.state === 'dead') throw notFound(`No such container: ${c.id}`);
  const layer = `${OVERLAY2}/${c.layerId}`;
  const merged = `${layer}/merged`;
  let mounted = false;
  if (!sys.readdir(merged).length) {
    const lower = [`${layer}-init/diff`, ...c.lowerDirs].join(':');
    sys.mount('overlay', merged, 'overlay', 0, `lowerdir=${lower},upperdir=${layer}/diff,workdir=${layer}/work`);
    mounted = true;
  }
  try {
    const entries: TarEntry[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      for (const name of sys.readdir(dir).map((d) => d.name).sort()) {
        const abs = `${dir}/${name}`, path = rel ? `${rel}/${name}` : name;
        const st = sys.lstat(abs);
        const common = { path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
        switch (st.mode & S_IFMT) {
          case S_IFDIR: entries.push(tarEntry({ ...common, type: 'dir' })); await walk(abs, path); break;
          case S_IFLNK: entries.push(tarEntry({ ...common, type: 'symlink', linkname: sys.readlink(abs) })); break;
          case S_IFREG: { const data = await readFileBytes(sys, abs); entries.push(tarEntry({ ...common, type: 'file', data, size: data.length })); break; }
          case S_IFCHR: entries.push(tarEntry({ ...common, type: 'char', devmajor: st.rdev >> 8, devminor: st.rdev & 0xff })); break;
          default: break;
        }
      }
    };
    await walk(merged, '');
    return writeTar(entries);
  } finally {
    if (mounted) sys.umount(merged);
  }
}
