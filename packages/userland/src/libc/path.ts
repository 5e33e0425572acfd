// Path string helpers (POSIX basename/dirname semantics).

export function basename(p: string): string {
  if (p === '') return '';
  let s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

export function dirname(p: string): string {
  let s = p.replace(/\/+$/, '');
  if (s === '') return p.startsWith('/') ? '/' : '.';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  s = s.slice(0, i).replace(/\/+$/, '');
  return s === '' ? '/' : s;
}

export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/')) return name;
  if (dir === '' ) return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Lexically normalises an absolute or relative path ("." and ".." resolved textually). */
export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); continue; }
    out.push(seg);
  }
  const s = out.join('/');
  return abs ? '/' + s : s || '.';
}
