// The tar archives of /containers/{id}/archive over a file system reached by
// system calls (moby/go-archive's TarResource, Untar and PrepareArchiveCopy):
// dockerd packs and unpacks inside containers with it, the docker CLI on the
// host. Entries are named from the source's base name; a "dir/." source packs
// the directory's contents.

import {
  O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, type Stat, type Sys,
} from '@dockersim/kernel';
import { readTar, rfc3339Nano, tarEntry, writeTar, type TarEntry } from '@dockersim/image';
import type { ContainerPathStat } from '../volume-types.ts';

const GO_MODE_DIR = 2 ** 31, GO_MODE_SYMLINK = 2 ** 27, GO_MODE_SETUID = 2 ** 23, GO_MODE_SETGID = 2 ** 22, GO_MODE_STICKY = 2 ** 20;

/** os.FileMode of a stat, as the path-stat header carries it. */
export function goFileMode(st: Stat): number {
  let m = st.mode & 0o777;
  if ((st.mode & S_IFMT) === S_IFDIR) m += GO_MODE_DIR;
  if ((st.mode & S_IFMT) === S_IFLNK) m += GO_MODE_SYMLINK;
  if (st.mode & 0o4000) m += GO_MODE_SETUID;
  if (st.mode & 0o2000) m += GO_MODE_SETGID;
  if (st.mode & 0o1000) m += GO_MODE_STICKY;
  return m;
}
export const isGoDir = (mode: number) => mode >= GO_MODE_DIR;
export const isGoSymlink = (mode: number) => (Math.floor(mode / GO_MODE_SYMLINK) & 1) === 1 && !isGoDir(mode);

export function pathStat(sys: Sys, hostPath: string, name: string): ContainerPathStat {
  const st = sys.lstat(hostPath);
  return {
    name, size: st.size, mode: goFileMode(st), mtime: rfc3339Nano(Math.floor(st.mtimeMs)),
    linkTarget: (st.mode & S_IFMT) === S_IFLNK ? sys.readlink(hostPath) : '',
  };
}

/** The last element of a path the way go-archive splits it ("a/b/." → "."; "a/b/" → "b"). */
export function splitPathDirEntry(path: string): [dir: string, base: string] {
  let p = path;
  if (p.length > 1 && p.endsWith('/') && !p.endsWith('/./')) p = p.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  const dir = i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
  return [dir, p.slice(i + 1) || '.'];
}

async function readBytes(sys: Sys, path: string): Promise<Uint8Array> {
  const fd = sys.open(path, O_RDONLY);
  const parts: Uint8Array[] = [];
  let n = 0;
  try {
    for (let c = await sys.read(fd, 1 << 20); c.length; c = await sys.read(fd, 1 << 20)) { parts.push(c); n += c.length; }
  } finally { sys.close(fd); }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** TarResource: the tar of hostPath with entries under `base`. */
export async function tarResource(sys: Sys, hostPath: string, base: string): Promise<Uint8Array> {
  const entries: TarEntry[] = [];
  const walk = async (p: string, name: string): Promise<void> => {
    const st = sys.lstat(p);
    const common = { path: name, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
    switch (st.mode & S_IFMT) {
      case S_IFDIR:
        entries.push(tarEntry({ ...common, type: 'dir' }));
        for (const d of sys.readdir(p).sort((a, b) => (a.name < b.name ? -1 : 1))) await walk(`${p}/${d.name}`, `${name}/${d.name}`);
        return;
      case S_IFLNK: entries.push(tarEntry({ ...common, type: 'symlink', linkname: sys.readlink(p) })); return;
      case S_IFREG: {
        const data = await readBytes(sys, p);
        entries.push(tarEntry({ ...common, type: 'file', data, size: data.length }));
        return;
      }
      default: return; // devices, fifos and sockets are not copied
    }
  };
  await walk(hostPath.replace(/\/\.$/, ''), base);
  return writeTar(entries);
}

/** RebaseArchiveEntries: entries under oldBase move under newBase. */
export function rebase(tar: Uint8Array, oldBase: string, newBase: string): TarEntry[] {
  return readTar(tar).map((e) => {
    let p = e.path;
    if (oldBase === '.') p = p === '.' || p === '' ? newBase : `${newBase}/${p}`;
    else if (p === oldBase) p = newBase;
    else if (p.startsWith(oldBase + '/')) p = newBase + p.slice(oldBase.length);
    return { ...e, path: p };
  });
}

export interface ExtractOptions {
  /** Keep the archive's uid/gid (docker cp -a); otherwise files belong to uid/gid. */
  copyUIDGID?: boolean;
  uid?: number;
  gid?: number;
  noOverwriteDirNonDir?: boolean;
}

/** Untar into the existing directory dir. Errors name the entry as go-archive does. */
export async function extract(sys: Sys, entries: TarEntry[] | Uint8Array, dir: string, o: ExtractOptions = {}): Promise<void> {
  const list = entries instanceof Uint8Array ? readTar(entries) : entries;
  for (const e of list) {
    if (!e.path || e.path === '.') continue;
    const p = `${dir === '/' ? '' : dir}/${e.path}`;
    const uid = o.copyUIDGID ? e.uid : o.uid ?? 0;
    const gid = o.copyUIDGID ? e.gid : o.gid ?? 0;
    let existing: Stat | undefined;
    try { existing = sys.lstat(p); } catch { existing = undefined; }
    if (existing && o.noOverwriteDirNonDir) {
      const isDir = (existing.mode & S_IFMT) === S_IFDIR;
      if (isDir && e.type !== 'dir') throw new Error(`cannot overwrite directory "${p}" with non-directory "${p}"`);
      if (!isDir && e.type === 'dir') throw new Error(`cannot overwrite non-directory "${p}" with directory "${p}"`);
    }
    switch (e.type) {
      case 'dir':
        if (!existing) sys.mkdir(p, e.mode);
        else sys.chmod(p, e.mode);
        break;
      case 'file': {
        if (existing && (existing.mode & S_IFMT) !== S_IFREG) sys.unlink(p);
        const fd = sys.open(p, O_WRONLY | O_CREAT | O_TRUNC, e.mode);
        try { if (e.data.length) await sys.write(fd, e.data); if (e.size > e.data.length) sys.ftruncate(fd, e.size); } finally { sys.close(fd); }
        sys.chmod(p, e.mode);
        break;
      }
      case 'symlink':
        if (existing) sys.unlink(p);
        sys.symlink(e.linkname, p);
        break;
      case 'hardlink':
        if (existing) sys.unlink(p);
        sys.link(`${dir}/${e.linkname}`, p);
        break;
      default: continue;
    }
    sys.lchown(p, uid, gid);
    if (e.type !== 'symlink') sys.utimes(p, e.mtime * 1000, e.mtime * 1000);
  }
}

/** The byte size of a tar stream (what docker cp's progress counts). */
export const tarSize = (tar: Uint8Array) => tar.length;

export { writeTar, readTar };
