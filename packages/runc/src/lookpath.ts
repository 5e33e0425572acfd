// Go's exec.LookPath, as the container init runs it before waiting for
// `runc start`: that is why a missing program fails `docker run` at create
// time with `exec: "foo": executable file not found in $PATH`.

import { ENOSYS, EPERM, X_OK, S_IFMT, S_IFDIR, isSysError, goStrerror } from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import { goQuote } from './goformat.ts';

export class LookPathError extends Error {
  constructor(name: string, reason: string) { super(`exec: ${goQuote(name)}: ${reason}`); this.name = 'LookPathError'; }
}

/** findExecutable: null when path is an executable file, else Go's error text. */
function findExecutable(sys: Sys, path: string): string | null {
  let st;
  try { st = sys.stat(path); } catch (e) {
    if (isSysError(e)) return `stat ${path}: ${goStrerror(e.errno)}`;
    throw e;
  }
  if ((st.mode & S_IFMT) === S_IFDIR) return 'is a directory';
  try { sys.access(path, X_OK); return null; } catch (e) {
    if (!isSysError(e)) throw e;
    if (e.errno !== ENOSYS && e.errno !== EPERM) return goStrerror(e.errno);
  }
  return (st.mode & 0o111) !== 0 ? null : 'permission denied';
}

/** Resolves name against PATH (from env); throws LookPathError with Go's words. */
export function lookPath(sys: Sys, name: string, env: readonly string[]): string {
  if (name.includes('/')) {
    const err = findExecutable(sys, name);
    if (err === null) return name;
    throw new LookPathError(name, err);
  }
  let path = '';
  for (const kv of env) if (kv.startsWith('PATH=')) { path = kv.slice(5); break; }
  if (path !== '') {
    for (let dir of path.split(':')) {
      if (dir === '') dir = '.';
      const p = dir === '.' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`;
      if (findExecutable(sys, p) === null) {
        if (!p.startsWith('/')) throw new LookPathError(name, 'cannot run executable found relative to current directory');
        return p;
      }
    }
  }
  throw new LookPathError(name, 'executable file not found in $PATH');
}

