// One suite of filesystem behaviour, run against tmpfs, overlay and a bind
// mount: what any Linux filesystem must do, with Linux's errors.

import { describe, expect, test } from 'vitest';
import {
  O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_RDONLY, O_RDWR, O_WRONLY, SEEK_SET, S_IFDIR, S_IFMT, S_IFLNK,
  MS_BIND,
} from '../abi/flags.ts';
import { testWorld, errnoOf, type TestWorld } from './test-world.ts';

type MakeFs = (w: TestWorld) => string;

const makers: Record<string, MakeFs> = {
  tmpfs: (w) => {
    w.host.mkdirp('/mnt/t');
    w.vfs.mount(w.ctx, 'tmpfs', '/mnt/t', 'tmpfs', 0, 'mode=755');
    return '/mnt/t';
  },
  overlay: (w) => {
    w.host.writeFile('/layers/l1/base.txt', 'base\n');
    w.host.mkdirp('/layers/u'); w.host.mkdirp('/layers/w'); w.host.mkdirp('/mnt/o');
    w.vfs.mount(w.ctx, 'overlay', '/mnt/o', 'overlay', 0, 'lowerdir=/layers/l1,upperdir=/layers/u,workdir=/layers/w');
    return '/mnt/o';
  },
  bind: (w) => {
    w.host.mkdirp('/srv/data'); w.host.mkdirp('/mnt/b');
    w.vfs.mount(w.ctx, '/srv/data', '/mnt/b', '', MS_BIND);
    return '/mnt/b';
  },
};

function vfsSuite(name: string, makeFs: MakeFs): void {
  describe(`vfs suite: ${name}`, () => {
    const setup = () => { const w = testWorld(); return { w, d: makeFs(w), vfs: w.vfs, ctx: w.ctx }; };

    test('files are written, read, appended, sought and truncated', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/a`, 'hello world');
      expect(w.read(`${d}/a`)).toBe('hello world');
      const f = vfs.open(ctx, `${d}/a`, O_WRONLY | O_APPEND);
      f.write(new TextEncoder().encode('!'));
      expect(w.read(`${d}/a`)).toBe('hello world!');
      const g = vfs.open(ctx, `${d}/a`, O_RDWR);
      g.seek(6, SEEK_SET);
      g.write(new TextEncoder().encode('WORLD'));
      expect(w.read(`${d}/a`)).toBe('hello WORLD!');
      vfs.truncate(ctx, `${d}/a`, 5);
      expect(w.read(`${d}/a`)).toBe('hello');
      vfs.truncate(ctx, `${d}/a`, 7);
      expect(w.read(`${d}/a`)).toBe('hello\0\0');
      expect(vfs.stat(ctx, `${d}/a`).size).toBe(7);
    });

    test('open reports ENOENT, EEXIST, EISDIR and ENOTDIR as Linux does', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/f`, 'x');
      vfs.mkdir(ctx, `${d}/dir`);
      expect(errnoOf(() => vfs.open(ctx, `${d}/missing`, O_RDONLY))).toBe('ENOENT');
      expect(errnoOf(() => vfs.open(ctx, `${d}/no/such`, O_CREAT | O_WRONLY))).toBe('ENOENT');
      expect(errnoOf(() => vfs.open(ctx, `${d}/f`, O_CREAT | O_EXCL | O_WRONLY))).toBe('EEXIST');
      expect(errnoOf(() => vfs.open(ctx, `${d}/dir`, O_WRONLY))).toBe('EISDIR');
      expect(errnoOf(() => vfs.open(ctx, `${d}/f`, O_RDONLY | O_DIRECTORY))).toBe('ENOTDIR');
      expect(errnoOf(() => vfs.open(ctx, `${d}/f/`, O_RDONLY))).toBe('ENOTDIR');
      expect(errnoOf(() => vfs.open(ctx, `${d}/f/x`, O_RDONLY))).toBe('ENOTDIR');
      expect(errnoOf(() => vfs.open(ctx, `${d}/new/`, O_CREAT | O_WRONLY))).toBe('EISDIR');
      expect(errnoOf(() => vfs.mkdir(ctx, `${d}/f`))).toBe('EEXIST');
    });

    test('directories: mkdir, readdir, rmdir, unlink rules', () => {
      const { w, d, vfs, ctx } = setup();
      vfs.mkdir(ctx, `${d}/x`, 0o750);
      w.write(`${d}/x/file`, '1');
      const st = vfs.stat(ctx, `${d}/x`);
      expect(st.mode & S_IFMT).toBe(S_IFDIR);
      expect(st.mode & 0o777).toBe(0o750);
      expect(vfs.readdir(ctx, `${d}/x`).map((e) => [e.name, e.type])).toEqual([['file', 'file']]);
      expect(errnoOf(() => vfs.rmdir(ctx, `${d}/x`))).toBe('ENOTEMPTY');
      expect(errnoOf(() => vfs.rmdir(ctx, `${d}/x/file`))).toBe('ENOTDIR');
      expect(errnoOf(() => vfs.unlink(ctx, `${d}/x`))).toBe('EISDIR');
      expect(errnoOf(() => vfs.rmdir(ctx, `${d}/x/.`))).toBe('EINVAL');
      expect(errnoOf(() => vfs.rmdir(ctx, `${d}/x/..`))).toBe('ENOTEMPTY');
      vfs.unlink(ctx, `${d}/x/file`);
      vfs.rmdir(ctx, `${d}/x`);
      expect(errnoOf(() => vfs.stat(ctx, `${d}/x`))).toBe('ENOENT');
      expect(errnoOf(() => vfs.unlink(ctx, `${d}/x`))).toBe('ENOENT');
    });

    test('rename replaces files and refuses what Linux refuses', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/a`, 'A'); w.write(`${d}/b`, 'B');
      vfs.rename(ctx, `${d}/a`, `${d}/b`);
      expect(w.read(`${d}/b`)).toBe('A');
      expect(errnoOf(() => vfs.stat(ctx, `${d}/a`))).toBe('ENOENT');
      vfs.mkdir(ctx, `${d}/p`); vfs.mkdir(ctx, `${d}/p/q`); vfs.mkdir(ctx, `${d}/full`);
      w.write(`${d}/full/x`, '');
      expect(errnoOf(() => vfs.rename(ctx, `${d}/p`, `${d}/p/q/r`))).toBe('EINVAL');
      expect(errnoOf(() => vfs.rename(ctx, `${d}/p`, `${d}/full`))).toBe('ENOTEMPTY');
      expect(errnoOf(() => vfs.rename(ctx, `${d}/b`, `${d}/p`))).toBe('EISDIR');
      expect(errnoOf(() => vfs.rename(ctx, `${d}/p`, `${d}/b`))).toBe('ENOTDIR');
      vfs.rename(ctx, `${d}/p`, `${d}/moved`);
      expect(vfs.readdir(ctx, `${d}/moved`).map((e) => e.name)).toEqual(['q']);
    });

    test('symlinks: relative, absolute, dangling, loops', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/target`, 'T');
      vfs.symlink(ctx, 'target', `${d}/rel`);
      vfs.symlink(ctx, `${d}/target`, `${d}/abs`);
      vfs.symlink(ctx, 'nowhere', `${d}/dangling`);
      vfs.symlink(ctx, 'loop2', `${d}/loop1`);
      vfs.symlink(ctx, 'loop1', `${d}/loop2`);
      expect(w.read(`${d}/rel`)).toBe('T');
      expect(w.read(`${d}/abs`)).toBe('T');
      expect(vfs.readlink(ctx, `${d}/rel`)).toBe('target');
      expect(vfs.lstat(ctx, `${d}/rel`).mode & S_IFMT).toBe(S_IFLNK);
      expect(vfs.lstat(ctx, `${d}/rel`).size).toBe(6);
      expect(errnoOf(() => vfs.stat(ctx, `${d}/dangling`))).toBe('ENOENT');
      expect(errnoOf(() => vfs.stat(ctx, `${d}/loop1`))).toBe('ELOOP');
      expect(errnoOf(() => vfs.readlink(ctx, `${d}/target`))).toBe('EINVAL');
      w.write(`${d}/dangling`, 'made');
      expect(w.read(`${d}/nowhere`)).toBe('made');
      expect(errnoOf(() => vfs.symlink(ctx, 'x', `${d}/rel`))).toBe('EEXIST');
    });

    test('hard links share an inode', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/one`, '1');
      vfs.link(ctx, `${d}/one`, `${d}/two`);
      const a = vfs.stat(ctx, `${d}/one`), b = vfs.stat(ctx, `${d}/two`);
      expect(b.ino).toBe(a.ino);
      expect(b.nlink).toBe(2);
      vfs.mkdir(ctx, `${d}/dir`);
      expect(errnoOf(() => vfs.link(ctx, `${d}/dir`, `${d}/dir2`))).toBe('EPERM');
    });

    test('modes: umask, chmod, chown', () => {
      const { w, d, vfs, ctx } = setup();
      w.write(`${d}/m`, '');
      expect(vfs.stat(ctx, `${d}/m`).mode & 0o777).toBe(0o644);
      vfs.chmod(ctx, `${d}/m`, 0o4755);
      expect(vfs.stat(ctx, `${d}/m`).mode & 0o7777).toBe(0o4755);
      vfs.chown(ctx, `${d}/m`, 1000, -1);
      const st = vfs.stat(ctx, `${d}/m`);
      expect([st.uid, st.gid]).toEqual([1000, 0]);
      expect(st.mode & 0o7777).toBe(0o755); // chown clears set-user-ID
    });

    test('".." leaves the mount for its parent directory', () => {
      const { d, vfs, ctx } = setup();
      const parent = vfs.stat(ctx, '/mnt');
      const up = vfs.stat(ctx, `${d}/..`);
      expect([up.dev, up.ino]).toEqual([parent.dev, parent.ino]);
      expect(vfs.stat(ctx, `${d}/../../..`).ino).toBe(vfs.stat(ctx, '/').ino);
    });
  });
}

for (const [name, make] of Object.entries(makers)) vfsSuite(name, make);
