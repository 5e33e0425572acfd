// fnmatch(3)-style patterns (* ? [...]) compiled to RegExp, and glob(3) over
// the file system through readdir(2).

import type { Sys } from '@dockersim/kernel';
import { isSysError } from '@dockersim/kernel';

/** A pattern as pieces of text, each either quoted (literal) or not (special chars active). */
export type PatternPiece = { s: string; q: boolean };

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', word: 'A-Za-z0-9_',
};

function escRe(c: string): string { return c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'); }

/** Regex source for a pattern (unanchored). */
export function patternSource(pieces: PatternPiece[]): string {
  let out = '';
  for (const { s, q } of pieces) {
    if (q) { for (const c of s) out += escRe(c); continue; }
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c === '*') { out += '[\\s\\S]*'; continue; }
      if (c === '?') { out += '[\\s\\S]'; continue; }
      if (c === '\\' && i + 1 < s.length) { out += escRe(s[++i]!); continue; }
      if (c === '[') {
        const r = bracket(s, i);
        if (r) { out += r.src; i = r.end; continue; }
      }
      out += escRe(c);
    }
  }
  return out;
}

function bracket(s: string, start: number): { src: string; end: number } | null {
  let i = start + 1;
  let neg = false;
  if (s[i] === '!' || s[i] === '^') { neg = true; i++; }
  let body = '';
  let first = true;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ']' && !first) return { src: `[${neg ? '^' : ''}${body}]`, end: i };
    first = false;
    if (c === '[' && s[i + 1] === ':') {
      const e = s.indexOf(':]', i + 2);
      if (e > 0) { body += CLASSES[s.slice(i + 2, e)] ?? ''; i = e + 2; continue; }
    }
    if (c === '\\' && i + 1 < s.length) { body += escRe(s[i + 1]!); i += 2; continue; }
    if (c === '-' && body !== '' && s[i + 1] !== ']') { body += '-'; i++; continue; }
    body += escRe(c);
    i++;
  }
  return null;
}

const cache = new Map<string, RegExp>();

/** Whether text matches the whole pattern. */
export function fnmatch(pattern: string | PatternPiece[], text: string): boolean {
  const pieces = typeof pattern === 'string' ? [{ s: pattern, q: false }] : pattern;
  const key = JSON.stringify(pieces);
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^${patternSource(pieces)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(text);
}

export function hasGlob(pieces: PatternPiece[]): boolean {
  return pieces.some((p) => !p.q && /[*?[]/.test(p.s));
}

/**
 * Pathname expansion: the sorted matching paths, or [] when nothing matches.
 * cwd-relative patterns give relative results.
 */
export function glob(sys: Sys, pieces: PatternPiece[]): string[] {
  // split the pieces into path components on unquoted and quoted "/"
  const comps: PatternPiece[][] = [[]];
  for (const p of pieces) {
    const segs = p.s.split('/');
    segs.forEach((seg, i) => {
      if (i > 0) comps.push([]);
      if (seg) comps[comps.length - 1]!.push({ s: seg, q: p.q });
    });
  }
  const absolute = comps[0]!.length === 0 && comps.length > 1;
  let paths: string[] = [absolute ? '/' : ''];
  for (let ci = absolute ? 1 : 0; ci < comps.length; ci++) {
    const comp = comps[ci]!;
    const last = ci === comps.length - 1;
    const next: string[] = [];
    if (comp.length === 0) {
      if (last) for (const p of paths) next.push(p.endsWith('/') || p === '' ? p : p + '/');
      else continue;
      paths = next;
      continue;
    }
    if (!hasGlob(comp)) {
      const name = comp.map((p) => p.s).join('');
      for (const p of paths) {
        const full = p + name;
        if (last) { try { sys.lstat(full); next.push(full); } catch (e) { if (!isSysError(e)) throw e; } }
        else next.push(full + '/');
      }
      paths = next;
      continue;
    }
    const re = new RegExp(`^${patternSource(comp)}$`);
    const dotOk = !comp[0]!.q ? comp[0]!.s.startsWith('.') : true;
    for (const p of paths) {
      let names: string[];
      try { names = sys.readdir(p === '' ? '.' : p).map((d) => d.name); } catch (e) { if (!isSysError(e)) throw e; continue; }
      names.sort(cmpBytes);
      for (const n of names) {
        if (n.startsWith('.') && !dotOk) continue;
        if (!re.test(n)) continue;
        const full = p + n;
        if (last) next.push(full);
        else {
          try { if ((sys.stat(full).mode & 0o170000) === 0o040000) next.push(full + '/'); } catch (e) { if (!isSysError(e)) throw e; }
        }
      }
    }
    paths = next;
  }
  return paths.sort(cmpBytes);
}

export function cmpBytes(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }
