import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, symlinkSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTar, writeTar } from './tar.ts';
import { tarEntry } from './entry.ts';
import {
  isOpaqueWhiteout, isWhiteout, opaqueWhiteoutFor, whiteoutFor, whiteoutTarget,
} from './whiteout.ts';

const enc = new TextEncoder();
const longDir = 'usr/lib/' + 'very-long-directory-name/'.repeat(8);
const sample = [
  tarEntry({ path: 'bin', type: 'dir', mtime: 1700000000 }),
  tarEntry({ path: 'bin/busybox', type: 'file', mode: 0o755, data: enc.encode('hello\n'), mtime: 1700000000 }),
  tarEntry({ path: 'bin/sh', type: 'symlink', linkname: '/bin/busybox', mtime: 1700000000 }),
  tarEntry({ path: 'bin/ash', type: 'hardlink', linkname: 'bin/busybox', mtime: 1700000000 }),
  tarEntry({ path: 'tmp', type: 'dir', mode: 0o1777, mtime: 1700000000 }),
  tarEntry({ path: 'dev/null', type: 'char', mode: 0o666, devmajor: 1, devminor: 3 }),
  tarEntry({ path: 'run/fifo', type: 'fifo', mode: 0o600, uid: 100, gid: 101 }),
  tarEntry({ path: `${longDir}file-with-a-long-name.txt`, type: 'file', data: enc.encode('x') }),
  tarEntry({ path: 'a'.repeat(120), type: 'file', data: new Uint8Array(0) }),
  tarEntry({ path: 'ünïcode', type: 'file', data: enc.encode('u') }),
  tarEntry({ path: 'lnk', type: 'symlink', linkname: 'x/'.repeat(80) + 'target' }),
];

describe('tar', () => {
  it('round-trips every entry type, long names and long link targets', () => {
    const bytes = writeTar(sample);
    expect(bytes.length % 512).toBe(0);
    expect(readTar(bytes)).toEqual(sample);
  });

  it('keeps a declared size larger than the stored data', () => {
    const big = tarEntry({ path: 'usr/sbin/nginx', type: 'file', mode: 0o755, data: enc.encode('ELF'), size: 1_300_000 });
    const bytes = writeTar([big]);
    expect(bytes.length).toBeLessThan(4096);
    const [back] = readTar(bytes);
    expect(back!.size).toBe(1_300_000);
    expect(back!.data).toEqual(enc.encode('ELF'));
  });

  it('is deterministic', () => {
    expect(writeTar(sample)).toEqual(writeTar(sample));
  });

  it('writes archives GNU tar lists the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    const file = join(dir, 'a.tar');
    writeFileSync(file, writeTar(sample.filter((e) => e.type !== 'char')));
    const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(sample.filter((e) => e.type !== 'char').map((e) => (e.type === 'dir' ? `${e.path}/` : e.path)));
    const verbose = execFileSync('tar', ['-tvf', file, '--numeric-owner', 'tmp/'], { encoding: 'utf8' });
    expect(verbose.startsWith('drwxrwxrwt 0/0')).toBe(true);
    const out = join(dir, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out, `${longDir}file-with-a-long-name.txt`]);
    expect(readFileSync(join(out, longDir, 'file-with-a-long-name.txt'), 'utf8')).toBe('x');
  });

  it('reads archives written by GNU tar in pax format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    const src = join(dir, 'src');
    mkdirSync(join(src, longDir), { recursive: true });
    writeFileSync(join(src, longDir, 'f.txt'), 'content');
    symlinkSync('../f', join(src, 'link'));
    const file = join(dir, 'b.tar');
    execFileSync('tar', ['--format=pax', '-cf', file, '-C', src, 'link', longDir]);
    const entries = readTar(new Uint8Array(readFileSync(file)));
    const link = entries.find((e) => e.path === 'link')!;
    expect(link.type).toBe('symlink');
    expect(link.linkname).toBe('../f');
    const f = entries.find((e) => e.path === `${longDir}f.txt`)!;
    expect(new TextDecoder().decode(f.data)).toBe('content');
  });

  it('rejects a corrupted header', () => {
    const bytes = writeTar(sample.slice(0, 1));
    bytes[0] = 0x41;
    expect(() => readTar(bytes)).toThrow('archive/tar: invalid tar header');
  });
});

describe('whiteouts', () => {
  it('follows the .wh. conventions', () => {
    expect(whiteoutFor('etc/motd')).toBe('etc/.wh.motd');
    expect(whiteoutFor('motd')).toBe('.wh.motd');
    expect(whiteoutTarget('etc/.wh.motd')).toBe('etc/motd');
    expect(whiteoutTarget('etc/motd')).toBeUndefined();
    expect(whiteoutTarget('var/cache/.wh..wh..opq')).toBeUndefined();
    expect(isWhiteout('var/cache/.wh..wh..opq')).toBe(true);
    expect(isOpaqueWhiteout('var/cache/.wh..wh..opq')).toBe(true);
    expect(isOpaqueWhiteout('var/cache/.wh.x')).toBe(false);
    expect(opaqueWhiteoutFor('var/cache')).toBe('var/cache/.wh..wh..opq');
  });
});
