// Checksums and encoders: sha256sum, sha1sum, md5sum (with -c), base64, od, hexdump.

import { O_RDONLY, isSysError } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { readAll, text, utf8, readFileBytes } from '../libc/io.ts';
import { sha256, sha1, md5, base64Encode, base64Decode } from '../libc/hash.ts';
import { errnoOf } from '../libc/errors.ts';

async function input(a: App, f: string): Promise<Uint8Array | null> {
  if (f === '-') return readAll(a.sys, 0);
  try { return await readFileBytes(a.sys, f); } catch (e) {
    if (errnoOf(e) === 21) { await a.error(a.gnu ? `${f}: Is a directory` : `${f}: Is a directory`); return null; }
    await a.perror(a.gnu ? f : `can't open '${f}'`, e);
    return null;
  }
}

function checksum(fn: (b: Uint8Array) => string): Applet {
  return async (a) => {
    const { o, rest } = await a.opts({ short: 'cbtswz', long: { check: { key: 'c' }, status: { key: 's' }, quiet: { key: 'q' } } }, '[-c[sw]] [FILE]...');
    const files = rest.length ? rest : ['-'];
    let st = 0;
    if (o.has('c')) {
      let bad = 0;
      for (const f of files) {
        const d = await input(a, f);
        if (!d) { st = 1; continue; }
        for (const line of text(d).split('\n').filter(Boolean)) {
          const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
          if (!m) continue;
          const data = await input(a, m[2]!);
          const ok = !!data && fn(data) === m[1]!.toLowerCase();
          if (!ok) bad++;
          if (!o.has('s')) await a.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
        }
      }
      if (bad) { if (a.gnu && !o.has('s')) await a.error(`WARNING: ${bad} computed checksum${bad > 1 ? 's' : ''} did NOT match`); st = 1; }
      return st;
    }
    for (const f of files) {
      const d = await input(a, f);
      if (!d) { st = 1; continue; }
      await a.write(`${fn(d)}  ${f}\n`);
    }
    return st;
  };
}

export const sha256sum = checksum(sha256);
export const sha1sum = checksum(sha1);
export const md5sum = checksum(md5);

export const base64: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'dw:i', long: { decode: { key: 'd' }, wrap: { key: 'w', arg: 'required' }, 'ignore-garbage': { key: 'i' } } }, '[-d] [-w COL] [FILE]');
  const d = await input(a, rest[0] ?? '-');
  if (!d) return 1;
  if (o.has('d')) {
    const r = base64Decode(text(d));
    if (!r) { await a.error(a.gnu ? 'invalid input' : 'invalid input'); return 1; }
    await a.out.writeBytes(r);
    return 0;
  }
  const wrap = o.has('w') ? Number(o.get('w')) : 76;
  const enc = base64Encode(d);
  let out = '';
  if (wrap > 0) for (let i = 0; i < enc.length; i += wrap) out += enc.slice(i, i + wrap) + '\n';
  else out = enc + (enc ? '' : '');
  if (wrap <= 0) out += '\n';
  await a.write(out);
  return 0;
};

function printable(b: number): string { return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'; }

export const hexdump: Applet = async (a) => {
  const canonical = a.args.includes('-C') || a.name === 'hd';
  const xxd = a.name === 'xxd';
  const files = a.args.filter((x) => !x.startsWith('-'));
  const chunks: Uint8Array[] = [];
  for (const f of files.length ? files : ['-']) { const d = await input(a, f); if (!d) return 1; chunks.push(d); }
  const d = chunks.length === 1 ? chunks[0]! : new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
  if (chunks.length > 1) { let o = 0; for (const c of chunks) { d.set(c, o); o += c.length; } }
  let out = '';
  let prev = '';
  let star = false;
  for (let off = 0; off < d.length; off += 16) {
    const row = d.subarray(off, off + 16);
    const key = Array.from(row).join(',');
    if (key === prev && row.length === 16) { if (!star) { out += '*\n'; star = true; } continue; }
    prev = key; star = false;
    if (xxd) {
      let hexs = '';
      for (let i = 0; i < 16; i += 2) hexs += i < row.length ? row[i]!.toString(16).padStart(2, '0') + (i + 1 < row.length ? row[i + 1]!.toString(16).padStart(2, '0') : '  ') + ' ' : '     ';
      out += `${off.toString(16).padStart(8, '0')}: ${hexs} ${Array.from(row, printable).join('')}\n`;
      prev = '';
    } else if (canonical) {
      let hexs = '';
      for (let i = 0; i < 16; i++) { hexs += i < row.length ? row[i]!.toString(16).padStart(2, '0') + ' ' : '   '; if (i === 7) hexs += ' '; }
      out += `${off.toString(16).padStart(8, '0')}  ${hexs} |${Array.from(row, printable).join('')}|\n`;
    } else {
      const words: string[] = [];
      for (let i = 0; i < row.length; i += 2) words.push(((row[i + 1] ?? 0) << 8 | row[i]!).toString(16).padStart(4, '0'));
      out += `${off.toString(16).padStart(7, '0')} ${words.join(' ')}\n`;
    }
  }
  if (!xxd) out += canonical ? `${d.length.toString(16).padStart(8, '0')}\n` : `${d.length.toString(16).padStart(7, '0')}\n`;
  await a.write(out);
  return 0;
};

export const od: Applet = async (a) => {
  const { o, rest } = await a.opts({ short: 'cxAbdot:vN:j:' }, '[-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [FILE]...');
  const chunks: Uint8Array[] = [];
  for (const f of rest.length ? rest : ['-']) { const d = await input(a, f); if (!d) return 1; chunks.push(d); }
  const d = chunks[0] ?? new Uint8Array(0);
  const type = o.has('c') ? 'c' : o.has('x') ? 'x2' : o.get('t') === 'x1' ? 'x1' : o.has('b') ? 'o1' : 'o2';
  const names: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  let out = '';
  for (let off = 0; off < d.length; off += 16) {
    const row = d.subarray(off, off + 16);
    let cells = '';
    if (type === 'c') for (const b of row) cells += (names[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'))).padStart(4);
    else if (type === 'x1') for (const b of row) cells += ' ' + b.toString(16).padStart(2, '0');
    else if (type === 'o1') for (const b of row) cells += ' ' + b.toString(8).padStart(3, '0');
    else for (let i = 0; i < row.length; i += 2) {
      const w = (row[i + 1] ?? 0) << 8 | row[i]!;
      cells += ' ' + (type === 'x2' ? w.toString(16).padStart(4, '0') : w.toString(8).padStart(6, '0'));
    }
    out += off.toString(8).padStart(7, '0') + cells + '\n';
  }
  out += d.length.toString(8).padStart(7, '0') + '\n';
  await a.write(out);
  return 0;
};

export { utf8, isSysError, O_RDONLY };
