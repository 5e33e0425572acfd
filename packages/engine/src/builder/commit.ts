// Committing a build container: its overlay upperdir is the change set of the
// step. Walked through system calls, it becomes a layer tar (deleted files as
// .wh. whiteouts), which the layer store unpacks once per distinct chain:
// identical layers over identical parents are stored once.

import { S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, type Sys } from '@dockersim/kernel';
import { readFileBytes } from '@dockersim/userland';
import { buildLayer, tarEntry, whiteoutFor, writeTar, type TarEntry } from '@dockersim/image';
import type { ImageStore } from '../images.ts';
import type { Layer } from '../layers.ts';
import { randomHex } from '../util.ts';

/** The upperdir's entries as layer tar entries, parents before children, sorted by name. */
export async function diffEntries(sys: Sys, upper: string): Promise<TarEntry[]> {
  const out: TarEntry[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const names = sys.readdir(dir).map((d) => d.name).sort();
    for (const name of names) {
      const abs = `${dir}/${name}`;
      const path = rel ? `${rel}/${name}` : name;
      const st = sys.lstat(abs);
      const type = st.mode & S_IFMT;
      const mode = st.mode & 0o7777;
      const common = { mode, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
      if (type === S_IFCHR && st.rdev === 0) { out.push(tarEntry({ ...common, path: whiteoutFor(path), type: 'file', mode: 0o644, uid: 0, gid: 0 })); continue; }
      if (type === S_IFDIR) { out.push(tarEntry({ ...common, path, type: 'dir' })); await walk(abs, path); continue; }
      if (type === S_IFLNK) { out.push(tarEntry({ ...common, path, type: 'symlink', linkname: sys.readlink(abs) })); continue; }
      if (type === S_IFREG) { const data = await readFileBytes(sys, abs); out.push(tarEntry({ ...common, path, type: 'file', data, size: data.length })); continue; }
      if (type === S_IFCHR) out.push(tarEntry({ ...common, path, type: 'char', devmajor: st.rdev >> 8, devminor: st.rdev & 0xff }));
      else out.push(tarEntry({ ...common, path, type: 'fifo' }));
    }
  };
  await walk(upper, '');
  return out;
}

/** Stores a change set as a layer on top of parent (or finds the identical one already stored). */
export async function commitLayer(sys: Sys, images: ImageStore, parent: Layer | undefined, entries: TarEntry[]): Promise<Layer> {
  const built = buildLayer(entries);
  return images.layers.apply(sys, parent, built.diffId, writeTar(entries), randomHex(sys, 32));
}
