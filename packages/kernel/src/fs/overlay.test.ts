// overlay-specific behaviour: copy-up, whiteouts, opaque directories, merged
// readdir, shared lower layers, read-only overlays.

import { describe, expect, test } from 'vitest';
import { O_RDONLY, O_RDWR, S_IFCHR, S_IFMT } from '../abi/flags.ts';
import { testWorld, errnoOf } from '../vfs/test-world.ts';
import { OPAQUE_XATTR } from './overlay.ts';

function overlayWorld() {
  const w = testWorld();
  const { host } = w;
  host.writeFile('/l/lower1/etc/os-release', 'ID=alpine\n');
  host.writeFile('/l/lower1/etc/shadowed', 'from lower1\n');
  host.writeFile('/l/lower1/dir/a', 'a');
  host.writeFile('/l/lower1/dir/b', 'b');
  host.writeFile('/l/lower2/etc/shadowed', 'from lower2\n');
  host.writeFile('/l/lower2/etc/only2', '2');
  for (const d of ['/c1/diff', '/c1/work', '/c1/merged', '/c2/diff', '/c2/work', '/c2/merged']) host.mkdirp(d);
  const lower = 'lowerdir=/l/lower1:/l/lower2';
  w.vfs.mount(w.ctx, 'overlay', '/c1/merged', 'overlay', 0, `${lower},upperdir=/c1/diff,workdir=/c1/work`);
  w.vfs.mount(w.ctx, 'overlay', '/c2/merged', 'overlay', 0, `${lower},upperdir=/c2/diff,workdir=/c2/work`);
  return w;
}

describe('overlay', () => {
  test('a container that writes nothing has an empty upper layer', () => {
    const w = overlayWorld();
    expect(w.read('/c1/merged/etc/os-release')).toBe('ID=alpine\n');
    w.vfs.readdir(w.ctx, '/c1/merged/etc');
    w.vfs.stat(w.ctx, '/c1/merged/dir/a');
    expect(w.vfs.readdir(w.ctx, '/c1/diff')).toEqual([]);
  });

  test('the upper lowerdir shadows the ones below it', () => {
    const w = overlayWorld();
    expect(w.read('/c1/merged/etc/shadowed')).toBe('from lower1\n');
    expect(w.read('/c1/merged/etc/only2')).toBe('2');
  });

  test('copy-up on write leaves the lower layer untouched and keeps the inode number', () => {
    const w = overlayWorld();
    const before = w.vfs.stat(w.ctx, '/c1/merged/etc/os-release');
    const f = w.vfs.open(w.ctx, '/c1/merged/etc/os-release', O_RDWR);
    expect(w.vfs.readdir(w.ctx, '/c1/diff/etc').map((e) => e.name)).toEqual(['os-release']);
    f.write(new TextEncoder().encode('ID=debian\n'));
    expect(w.read('/c1/merged/etc/os-release')).toBe('ID=debian\n');
    expect(w.read('/c1/diff/etc/os-release')).toBe('ID=debian\n');
    expect(w.read('/l/lower1/etc/os-release')).toBe('ID=alpine\n');
    const after = w.vfs.stat(w.ctx, '/c1/merged/etc/os-release');
    expect(after.ino).toBe(before.ino);
    expect(after.dev).toBe(before.dev);
    expect(after.dev).not.toBe(w.vfs.stat(w.ctx, '/l/lower1/etc/os-release').dev);
  });

  test('chmod copies up metadata, opening read-only does not', () => {
    const w = overlayWorld();
    w.vfs.open(w.ctx, '/c1/merged/dir/a', O_RDONLY);
    expect(w.vfs.readdir(w.ctx, '/c1/diff')).toEqual([]);
    w.vfs.chmod(w.ctx, '/c1/merged/dir/a', 0o600);
    expect(w.vfs.stat(w.ctx, '/c1/diff/dir/a').mode & 0o777).toBe(0o600);
    expect(w.vfs.stat(w.ctx, '/l/lower1/dir/a').mode & 0o777).toBe(0o644);
    expect(w.read('/c1/diff/dir/a')).toBe('a');
  });

  test('two overlays sharing a lowerdir do not see each other\'s writes', () => {
    const w = overlayWorld();
    w.write('/c1/merged/etc/os-release', 'mine');
    w.write('/c1/merged/new', 'new');
    w.vfs.unlink(w.ctx, '/c1/merged/dir/a');
    expect(w.read('/c2/merged/etc/os-release')).toBe('ID=alpine\n');
    expect(errnoOf(() => w.vfs.stat(w.ctx, '/c2/merged/new'))).toBe('ENOENT');
    expect(w.vfs.readdir(w.ctx, '/c2/merged/dir').map((e) => e.name)).toEqual(['a', 'b']);
  });

  test('unlinking a lower file leaves a whiteout that readdir hides', () => {
    const w = overlayWorld();
    w.vfs.unlink(w.ctx, '/c1/merged/dir/a');
    expect(errnoOf(() => w.vfs.stat(w.ctx, '/c1/merged/dir/a'))).toBe('ENOENT');
    expect(w.vfs.readdir(w.ctx, '/c1/merged/dir').map((e) => e.name)).toEqual(['b']);
    const wh = w.vfs.lstat(w.ctx, '/c1/diff/dir/a');
    expect(wh.mode & S_IFMT).toBe(S_IFCHR);
    expect(wh.rdev).toBe(0);
    w.write('/c1/merged/dir/a', 'again');
    expect(w.read('/c1/merged/dir/a')).toBe('again');
    expect(w.vfs.lstat(w.ctx, '/c1/diff/dir/a').mode & S_IFMT).not.toBe(S_IFCHR);
  });

  test('a directory removed and made again is opaque', () => {
    const w = overlayWorld();
    w.vfs.unlink(w.ctx, '/c1/merged/dir/a');
    w.vfs.unlink(w.ctx, '/c1/merged/dir/b');
    w.vfs.rmdir(w.ctx, '/c1/merged/dir');
    expect(w.vfs.lstat(w.ctx, '/c1/diff/dir').mode & S_IFMT).toBe(S_IFCHR);
    w.vfs.mkdir(w.ctx, '/c1/merged/dir');
    expect(w.vfs.readdir(w.ctx, '/c1/merged/dir')).toEqual([]);
    expect(w.host.node('/c1/diff/dir').getxattr!(OPAQUE_XATTR)).toBe('y');
    expect(w.vfs.readdir(w.ctx, '/l/lower1/dir').map((e) => e.name)).toEqual(['a', 'b']);
  });

  test('rmdir of a merged directory with lower entries is ENOTEMPTY', () => {
    const w = overlayWorld();
    expect(errnoOf(() => w.vfs.rmdir(w.ctx, '/c1/merged/dir'))).toBe('ENOTEMPTY');
  });

  test('readdir merges upper and all lowers without duplicates', () => {
    const w = overlayWorld();
    w.write('/c1/merged/etc/hosts', '127.0.0.1 localhost\n');
    w.write('/c1/merged/etc/shadowed', 'upper');
    const names = w.vfs.readdir(w.ctx, '/c1/merged/etc').map((e) => e.name).sort();
    expect(names).toEqual(['hosts', 'only2', 'os-release', 'shadowed']);
  });

  test('renaming a lower directory is EXDEV; a lower file moves and leaves a whiteout', () => {
    const w = overlayWorld();
    expect(errnoOf(() => w.vfs.rename(w.ctx, '/c1/merged/dir', '/c1/merged/dir2'))).toBe('EXDEV');
    w.vfs.rename(w.ctx, '/c1/merged/dir/a', '/c1/merged/a-moved');
    expect(w.read('/c1/merged/a-moved')).toBe('a');
    expect(errnoOf(() => w.vfs.stat(w.ctx, '/c1/merged/dir/a'))).toBe('ENOENT');
    expect(w.read('/l/lower1/dir/a')).toBe('a');
    w.vfs.mkdir(w.ctx, '/c1/merged/fresh');
    w.vfs.rename(w.ctx, '/c1/merged/fresh', '/c1/merged/fresh2');
    expect(w.vfs.stat(w.ctx, '/c1/merged/fresh2').mode & S_IFMT).toBe(0o040000);
  });

  test('an overlay with only lowerdirs is read-only', () => {
    const w = overlayWorld();
    w.host.mkdirp('/ro');
    w.vfs.mount(w.ctx, 'overlay', '/ro', 'overlay', 0, 'lowerdir=/l/lower1:/l/lower2');
    expect(w.read('/ro/etc/only2')).toBe('2');
    expect(errnoOf(() => w.write('/ro/etc/x', 'x'))).toBe('EROFS');
    expect(errnoOf(() => w.vfs.open(w.ctx, '/ro/etc/os-release', O_RDWR))).toBe('EROFS');
    expect(errnoOf(() => w.vfs.unlink(w.ctx, '/ro/etc/os-release'))).toBe('EROFS');
    const line = w.ns.mountInfo(w.ctx.root).find((m) => m.mountPoint === '/ro')!;
    expect(line.superOptions).toBe('ro,lowerdir=/l/lower1:/l/lower2');
  });

  test('bad mount data is refused', () => {
    const w = overlayWorld();
    expect(errnoOf(() => w.vfs.mount(w.ctx, 'overlay', '/c1/work', 'overlay', 0, 'upperdir=/c1/diff'))).toBe('EINVAL');
    expect(errnoOf(() => w.vfs.mount(w.ctx, 'overlay', '/c1/work', 'overlay', 0, 'lowerdir=/nope'))).toBe('ENOENT');
    expect(errnoOf(() => w.vfs.mount(w.ctx, 'overlay', '/c1/work', 'overlay', 0, 'lowerdir=/l/lower1,upperdir=/c1/diff'))).toBe('EINVAL');
  });

  test('mounts on overlay directories stay while the overlay lives', () => {
    const w = overlayWorld();
    w.vfs.mount(w.ctx, 'tmpfs', '/c1/merged/dir', 'tmpfs', 0, '');
    expect(w.vfs.readdir(w.ctx, '/c1/merged/dir')).toEqual([]);
    w.vfs.umount(w.ctx, '/c1/merged/dir');
    expect(w.vfs.readdir(w.ctx, '/c1/merged/dir').length).toBe(2);
  });
});
