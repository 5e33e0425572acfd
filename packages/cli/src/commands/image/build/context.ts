// The build context as the docker CLI sends it: the directory walked through
// system calls, .dockerignore applied (the Dockerfile and .dockerignore are
// always sent), packed as a tar. With `-` the Dockerfile comes from stdin and
// the context is empty.

import type { Sys } from '@dockersim/kernel';
import { tarEntry, writeTar, type TarEntry } from '@dockersim/image';
import { isIgnored, parseDockerignore } from './dockerignore.ts';

async function readBytes(sys: Sys, path: string): Promise<Uint8Array> {
  const fd = sys.open(path, 0);
  const parts: Uint8Array[] = [];
  let n = 0;
  try { for (let c = await sys.read(fd); c.length; c = await sys.read(fd)) { parts.push(c); n += c.length; } } finally { sys.close(fd); }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export { readBytes };

export interface ContextTar { tar: Uint8Array; size: number; dockerignore: number }

/** Walks dir into tar entries, skipping what .dockerignore excludes. */
export async function contextTar(sys: Sys, dir: string, dockerfileRel: string, extra: TarEntry[] = []): Promise<ContextTar> {
  let ignoreText = '';
  try { ignoreText = new TextDecoder().decode(await readBytes(sys, `${dir}/.dockerignore`)); } catch { /* none */ }
  const patterns = parseDockerignore(ignoreText);
  const entries: TarEntry[] = [];
  let size = 0;
  const walk = async (abs: string, rel: string) => {
    const names = sys.readdir(abs).map((e) => e.name).sort();
    for (const name of names) {
      const a = `${abs}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      const keep = r === dockerfileRel || r === '.dockerignore';
      const st = sys.lstat(a);
      const type = st.mode & 0o170000;
      if (!keep && isIgnored(r, patterns)) {
        // An exception below an ignored directory still needs the walk.
        if (type !== 0o040000 || !patterns.some((p) => p.exclusion)) continue;
      }
      const common = { path: r, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
      if (type === 0o040000) {
        if (!isIgnored(r, patterns)) entries.push(tarEntry({ ...common, type: 'dir' }));
        await walk(a, r);
      } else if (type === 0o120000) {
        entries.push(tarEntry({ ...common, type: 'symlink', linkname: sys.readlink(a) }));
      } else if (type === 0o100000) {
        const data = await readBytes(sys, a);
        size += data.length;
        entries.push(tarEntry({ ...common, type: 'file', data }));
      }
    }
  };
  await walk(dir, '');
  entries.push(...extra);
  for (const e of extra) size += e.data.length;
  return { tar: writeTar(entries), size, dockerignore: ignoreText.length };
}
