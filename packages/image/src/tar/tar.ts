// A ustar writer and reader (POSIX.1-1988 headers plus POSIX.1-2001 PAX
// extended headers for long names), the format of image layers.
//
// Declared sizes: an entry whose logical `size` exceeds its `data` is written
// with a header size of data.length and a PAX record "DOCKERSIM.size=<size>"
// (vendor keywords are how PAX carries extensions; other readers ignore it).
// The tar stays valid and small, its digest is stable, and our reader
// restores the logical size.

import type { TarEntry, TarEntryType } from './entry.ts';

const BLOCK = 512;
const enc = new TextEncoder();
const dec = new TextDecoder();

const TYPEFLAG: Record<TarEntryType, string> = {
  file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6',
};
const FROM_TYPEFLAG: Record<string, TarEntryType> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char',
  '4': 'block', '5': 'dir', '6': 'fifo',
};

/** The PAX keyword that carries a logical size larger than the stored data. */
export const DECLARED_SIZE_KEY = 'DOCKERSIM.size';

/** Writes entries as a tar stream, calling sink with each chunk (for hashing without a copy). */
export function writeTarChunks(entries: Iterable<TarEntry>, sink: (chunk: Uint8Array) => void): void {
  for (const e of entries) {
    const name = e.type === 'dir' ? `${e.path}/` : e.path;
    const pax: [string, string][] = [];
    const split = splitName(name);
    if (!split) pax.push(['path', name]);
    if (enc.encode(e.linkname).length > 100) pax.push(['linkpath', e.linkname]);
    const stored = e.type === 'file' ? e.data.length : 0;
    if (e.type === 'file' && e.size > stored) pax.push([DECLARED_SIZE_KEY, String(e.size)]);
    if (pax.length > 0) {
      const body = paxBody(pax);
      const paxName = `PaxHeaders.0/${(split?.[1] ?? name).slice(0, 80)}`;
      sink(header({ name: paxName, prefix: '', typeflag: 'x', mode: 0o644, uid: 0, gid: 0, size: body.length, mtime: e.mtime, linkname: '' }));
      sink(body);
      const pad = padding(body.length);
      if (pad) sink(pad);
    }
    const [prefix, short] = split ?? ['', name.slice(-100)];
    sink(header({
      name: short, prefix, typeflag: TYPEFLAG[e.type], mode: e.mode, uid: e.uid, gid: e.gid,
      size: stored, mtime: e.mtime, linkname: e.linkname.slice(0, 100),
      uname: e.uname, gname: e.gname, devmajor: e.devmajor, devminor: e.devminor,
    }));
    if (stored > 0) {
      sink(e.data);
      const pad = padding(stored);
      if (pad) sink(pad);
    }
  }
  sink(new Uint8Array(BLOCK * 2));
}

/** The tar stream of entries as one array. */
export function writeTar(entries: Iterable<TarEntry>): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  writeTarChunks(entries, (c) => { chunks.push(c); total += c.length; });
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) { out.set(c, off); off += c.length; }
  return out;
}

/**
 * Reads a tar stream into entries. PAX "x" headers (path, linkpath, size, mtime, uid,
 * gid, DOCKERSIM.size) and GNU long names ("L", "K") apply to the next entry;
 * global headers ("g") are skipped.
 * @throws Error('archive/tar: invalid tar header') on a bad checksum or truncated data.
 */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let pax: Record<string, string> = {};
  let longName: string | undefined;
  let longLink: string | undefined;
  while (off + BLOCK <= bytes.length) {
    const h = bytes.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new Error('archive/tar: invalid tar header');
    const typeflag = String.fromCharCode(h[156]!);
    const size = octal(h, 124, 12);
    const dataStart = off + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw new Error('archive/tar: invalid tar header');
    const data = bytes.slice(dataStart, dataEnd);
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'x') { pax = { ...pax, ...parsePax(data) }; continue; }
    if (typeflag === 'g') continue;
    if (typeflag === 'L') { longName = cstr(data, 0, data.length); continue; }
    if (typeflag === 'K') { longLink = cstr(data, 0, data.length); continue; }
    const type = FROM_TYPEFLAG[typeflag];
    if (!type) throw new Error(`archive/tar: unknown type flag ${JSON.stringify(typeflag)}`);
    const magic = cstr(h, 257, 6);
    const prefix = magic === 'ustar' ? cstr(h, 345, 155) : '';
    let path = pax['path'] ?? longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    if (path.startsWith('./')) path = path.slice(2);
    if (path.endsWith('/')) path = path.slice(0, -1);
    const declared = pax[DECLARED_SIZE_KEY];
    const entry: TarEntry = {
      path,
      type,
      mode: octal(h, 100, 8) & 0o7777,
      uid: pax['uid'] !== undefined ? Number(pax['uid']) : octal(h, 108, 8),
      gid: pax['gid'] !== undefined ? Number(pax['gid']) : octal(h, 116, 8),
      size: type === 'file' ? (declared !== undefined ? Number(declared) : size) : 0,
      mtime: pax['mtime'] !== undefined ? Math.floor(Number(pax['mtime'])) : octal(h, 136, 12),
      linkname: pax['linkpath'] ?? longLink ?? cstr(h, 157, 100),
      data: type === 'file' ? data : new Uint8Array(0),
    };
    const uname = magic === 'ustar' ? cstr(h, 265, 32) : '';
    const gname = magic === 'ustar' ? cstr(h, 297, 32) : '';
    if (uname) entry.uname = uname;
    if (gname) entry.gname = gname;
    if (type === 'char' || type === 'block') {
      entry.devmajor = octal(h, 329, 8);
      entry.devminor = octal(h, 337, 8);
    }
    out.push(entry);
    pax = {};
    longName = longLink = undefined;
  }
  return out;
}

interface HeaderFields {
  name: string; prefix: string; typeflag: string; mode: number; uid: number; gid: number;
  size: number; mtime: number; linkname: string; uname?: string | undefined; gname?: string | undefined;
  devmajor?: number | undefined; devminor?: number | undefined;
}

function header(f: HeaderFields): Uint8Array {
  const h = new Uint8Array(BLOCK);
  putStr(h, 0, 100, f.name);
  putOctal(h, 100, 8, f.mode);
  putOctal(h, 108, 8, f.uid);
  putOctal(h, 116, 8, f.gid);
  putOctal(h, 124, 12, f.size);
  putOctal(h, 136, 12, f.mtime);
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h[156] = f.typeflag.charCodeAt(0);
  putStr(h, 157, 100, f.linkname);
  putStr(h, 257, 6, 'ustar');
  putStr(h, 263, 2, '00');
  putStr(h, 265, 32, f.uname ?? '');
  putStr(h, 297, 32, f.gname ?? '');
  putOctal(h, 329, 8, f.devmajor ?? 0);
  putOctal(h, 337, 8, f.devminor ?? 0);
  putStr(h, 345, 155, f.prefix);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i]!;
  putOctal(h, 148, 7, sum);
  h[155] = 0x20;
  return h;
}

/** Splits a name into ustar's prefix (155) and name (100) fields, or undefined if it cannot fit. */
function splitName(name: string): [string, string] | undefined {
  const b = enc.encode(name);
  if (b.length !== name.length) return undefined; // non-ASCII: let PAX carry it exactly
  if (name.length <= 100) return ['', name];
  if (name.length > 256) return undefined;
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== '/') continue;
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length <= 100 && rest.length > 0) return [prefix, rest];
    if (prefix.length < name.length - 101) break;
  }
  return undefined;
}

function paxBody(records: [string, string][]): Uint8Array {
  let s = '';
  for (const [k, v] of records) {
    const rest = ` ${k}=${v}\n`;
    const restLen = enc.encode(rest).length;
    let digits = String(restLen).length;
    while (String(restLen + digits).length !== digits) digits++;
    const len = restLen + digits;
    s += `${len}${rest}`;
  }
  return enc.encode(s);
}

function parsePax(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 0;
  while (off < data.length) {
    let sp = off;
    while (sp < data.length && data[sp] !== 0x20) sp++;
    const len = Number(dec.decode(data.subarray(off, sp)));
    if (!Number.isInteger(len) || len <= 0) break;
    const rec = dec.decode(data.subarray(sp + 1, off + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    off += len;
  }
  return out;
}

function padding(n: number): Uint8Array | undefined {
  const r = n % BLOCK;
  return r === 0 ? undefined : new Uint8Array(BLOCK - r);
}

function putStr(h: Uint8Array, off: number, len: number, s: string): void {
  const b = enc.encode(s);
  h.set(b.subarray(0, len), off);
}

function putOctal(h: Uint8Array, off: number, len: number, v: number): void {
  const s = Math.max(0, Math.floor(v)).toString(8).padStart(len - 1, '0');
  if (s.length > len - 1) throw new Error(`tar: value ${v} does not fit in a ${len}-byte field`);
  putStr(h, off, len - 1, s);
  h[off + len - 1] = 0;
}

function octal(h: Uint8Array, off: number, len: number): number {
  const s = cstr(h, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function cstr(h: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && h[end] !== 0) end++;
  return dec.decode(h.subarray(off, end));
}

function checksumOk(h: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum === octal(h, 148, 8);
}
