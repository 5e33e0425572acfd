// A small builder for a layer's file tree: directories, files, executables,
// symlinks and hard links, with parents created on the way and entries kept
// in the order a tar of the tree lists them (parents before children).

import { executable } from '@dockersim/kernel';
import { tarEntry, type TarEntry } from '../tar/entry.ts';

const enc = new TextEncoder();

export interface Owner { uid?: number; gid?: number }

export class RootfsBuilder {
  private readonly _entries = new Map<string, TarEntry>();

  constructor(private readonly _mtime: number) {}

  /** A directory (and its missing parents, 0755 root). */
  dir(path: string, mode = 0o755, owner: Owner = {}): this {
    const p = clean(path);
    if (!p) return this;
    this._parents(p);
    const existing = this._entries.get(p);
    const e = tarEntry({ path: p, type: 'dir', mode, uid: owner.uid ?? 0, gid: owner.gid ?? 0, mtime: this._mtime });
    if (existing) this._entries.set(p, e);
    else this._entries.set(p, e);
    return this;
  }

  /** Several 0755 root directories. */
  dirs(...paths: string[]): this {
    for (const p of paths) this.dir(p);
    return this;
  }

  /** A regular file with text or bytes content. */
  file(path: string, content: string | Uint8Array, mode = 0o644, owner: Owner = {}): this {
    const p = clean(path);
    this._parents(p);
    const data = typeof content === 'string' ? enc.encode(content) : content;
    this._entries.set(p, tarEntry({ path: p, type: 'file', mode, data, uid: owner.uid ?? 0, gid: owner.gid ?? 0, mtime: this._mtime }));
    return this;
  }

  /** An executable of the userland program `program`, with a realistic declared size. */
  exe(path: string, program: string, size: number, mode = 0o755): this {
    const p = clean(path);
    this._parents(p);
    const data = executable(program);
    this._entries.set(p, tarEntry({ path: p, type: 'file', mode, data, size: Math.max(size, data.length), mtime: this._mtime }));
    return this;
  }

  /** A file whose bytes are irrelevant but whose size is real (libraries, data files). */
  blob(path: string, size: number, mode = 0o644): this {
    const p = clean(path);
    this._parents(p);
    this._entries.set(p, tarEntry({ path: p, type: 'file', mode, data: new Uint8Array(0), size, mtime: this._mtime }));
    return this;
  }

  symlink(path: string, target: string): this {
    const p = clean(path);
    this._parents(p);
    this._entries.set(p, tarEntry({ path: p, type: 'symlink', linkname: target, mtime: this._mtime }));
    return this;
  }

  /** A hard link to an existing entry (`target` is a root-relative path). */
  hardlink(path: string, target: string): this {
    const p = clean(path);
    const t = clean(target);
    const dest = this._entries.get(t);
    if (!dest || dest.type !== 'file') throw new Error(`hardlink target ${target} is not a file`);
    this._parents(p);
    this._entries.set(p, { ...tarEntry({ path: p, type: 'hardlink', linkname: t, mtime: this._mtime }), mode: dest.mode, uid: dest.uid, gid: dest.gid });
    return this;
  }

  has(path: string): boolean {
    return this._entries.has(clean(path));
  }

  /** Sets the declared size of a file so that the layer's total comes to `total` bytes. */
  padTo(path: string, total: number): this {
    const p = clean(path);
    const e = this._entries.get(p);
    if (!e || e.type !== 'file') throw new Error(`padTo: ${path} is not a file`);
    let sum = 0;
    for (const x of this._entries.values()) {
      if (x.type === 'file') sum += x.size;
      else if (x.type === 'symlink') sum += enc.encode(x.linkname).length;
    }
    const rest = total - (sum - e.size);
    if (rest >= e.data.length) this._entries.set(p, { ...e, size: rest });
    return this;
  }

  /** The entries, parents before children, siblings in name order (as tar lists a tree). */
  entries(): TarEntry[] {
    const sorted = [...this._entries.values()].sort((a, b) => comparePaths(a.path, b.path));
    // A hard link must follow its target in a tar; defer the ones that sort first.
    const out: TarEntry[] = [];
    const done = new Set<string>();
    const waiting = new Map<string, TarEntry[]>();
    for (const e of sorted) {
      if (e.type === 'hardlink' && !done.has(e.linkname)) {
        const list = waiting.get(e.linkname) ?? [];
        list.push(e);
        waiting.set(e.linkname, list);
        continue;
      }
      out.push(e);
      done.add(e.path);
      const deferred = waiting.get(e.path);
      if (deferred) { out.push(...deferred); waiting.delete(e.path); }
    }
    return out;
  }

  private _parents(p: string): void {
    let i = p.indexOf('/');
    while (i > 0) {
      const parent = p.slice(0, i);
      if (!this._entries.has(parent)) {
        this._entries.set(parent, tarEntry({ path: parent, type: 'dir', mode: 0o755, mtime: this._mtime }));
      }
      i = p.indexOf('/', i + 1);
    }
  }
}

function clean(path: string): string {
  return path.replace(/^\/+/, '').replace(/\/+$/, '');
}

// Compare path by path element, so "a/b" sorts right after "a" and before "a-b".
function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}
