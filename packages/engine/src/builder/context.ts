// The build context as the daemon receives it: a tar of the directory the CLI
// sent (already filtered by .dockerignore), looked up by cleaned path. Source
// paths are resolved inside it with Go's filepath.Match wildcards; nothing can
// reach outside it.

import { readTar, sha256Hex, type TarEntry } from '@dockersim/image';

export class BuildContext {
  readonly files = new Map<string, TarEntry>();

  constructor(tar: Uint8Array) {
    if (tar.length) for (const e of readTar(tar)) this.files.set(cleanRel(e.path), e);
  }

  static fromEntries(entries: TarEntry[]): BuildContext {
    const c = new BuildContext(new Uint8Array(0));
    for (const e of entries) c.files.set(cleanRel(e.path), e);
    return c;
  }

  get(path: string): TarEntry | undefined { return this.files.get(cleanRel(path)); }

  /** Whether a path exists: a file or a directory (explicit or implied by its children). */
  exists(path: string): boolean {
    const p = cleanRel(path);
    if (p === '' || this.files.has(p)) return true;
    for (const k of this.files.keys()) if (k.startsWith(p + '/')) return true;
    return false;
  }

  isDir(path: string): boolean {
    const p = cleanRel(path);
    if (p === '') return true;
    const e = this.files.get(p);
    if (e) return e.type === 'dir';
    return this.exists(p);
  }

  /** Entries under a directory (relative to it), sorted. */
  under(dir: string): TarEntry[] {
    const p = cleanRel(dir);
    const out: TarEntry[] = [];
    for (const [k, e] of this.files) {
      if (p === '' ? k !== '' : k.startsWith(p + '/')) out.push({ ...e, path: p === '' ? k : k.slice(p.length + 1) });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Paths matching a source pattern (wildcards per segment), sorted; the pattern itself when literal. */
  match(pattern: string): string[] {
    const p = cleanRel(pattern);
    if (!/[*?[]/.test(p)) return this.exists(p) ? [p] : [];
    const segs = p.split('/');
    const all = new Set<string>();
    for (const k of this.files.keys()) {
      const parts = k.split('/');
      for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
    }
    return [...all].filter((k) => {
      const parts = k.split('/');
      return parts.length === segs.length && segs.every((s, i) => goMatch(s, parts[i]));
    }).sort();
  }

  /** A checksum of what a source path holds (names, modes, owners, contents), for the build cache. */
  checksum(path: string): string {
    const p = cleanRel(path);
    const parts: string[] = [];
    const self = this.files.get(p);
    if (self) parts.push(entryDigest('', self));
    for (const e of this.under(p)) parts.push(entryDigest(e.path, e));
    return sha256Hex(parts.join('\n'));
  }
}

function entryDigest(path: string, e: TarEntry): string {
  return `${path}\0${e.type}\0${e.mode.toString(8)}\0${e.uid}:${e.gid}\0${e.linkname}\0${e.type === 'file' ? sha256Hex(e.data) : ''}`;
}

/** Cleans a path relative to the context root: "./a//b/../c/" → "a/c"; ".." cannot climb above the root. */
export function cleanRel(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') { out.pop(); continue; }
    out.push(part);
  }
  return out.join('/');
}

/** Go's path.Clean for absolute paths. */
export function cleanAbs(path: string): string { return '/' + cleanRel(path); }

/** Go's filepath.Match for one path segment: *, ?, [a-z], [^a-z], \x. */
export function goMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return false;
      let cls = pattern.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1).replace(/\\/g, '\\\\');
      else cls = cls.replace(/\\/g, '\\\\');
      re += `[${cls}]`;
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$').test(name);
}
