// Mounts: read-only mounts, tmpfs limits, umount, MS_MOVE, chroot and
// pivot_root rules, namespace copies, mountinfo lines.

import { describe, expect, test } from 'vitest';
import { MNT_DETACH, MS_BIND, MS_MOVE, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_RDONLY, MS_REC, MS_REMOUNT } from '../abi/flags.ts';
import { testWorld, errnoOf } from './test-world.ts';
import { formatMountinfo, formatMounts } from './mount.ts';
import type { FsContext } from './node.ts';

describe('mounts', () => {
  test('a read-only tmpfs refuses changes with EROFS', () => {
    const w = testWorld();
    w.host.mkdirp('/mnt/ro');
    w.vfs.mount(w.ctx, 'tmpfs', '/mnt/ro', 'tmpfs', MS_RDONLY, '');
    expect(errnoOf(() => w.write('/mnt/ro/x', 'x'))).toBe('EROFS');
    expect(errnoOf(() => w.vfs.mkdir(w.ctx, '/mnt/ro/d'))).toBe('EROFS');
    expect(errnoOf(() => w.vfs.chmod(w.ctx, '/mnt/ro', 0o700))).toBe('EROFS');
  });

  test('a bind remounted read-only is read-only; its source stays writable', () => {
    const w = testWorld();
    w.host.writeFile('/data/f', 'x');
    w.host.mkdirp('/mnt/b');
    w.vfs.mount(w.ctx, '/data', '/mnt/b', '', MS_BIND);
    w.vfs.mount(w.ctx, '', '/mnt/b', '', MS_REMOUNT | MS_BIND | MS_RDONLY);
    expect(errnoOf(() => w.write('/mnt/b/f', 'y'))).toBe('EROFS');
    expect(w.read('/mnt/b/f')).toBe('x');
    w.write('/data/f', 'z');
    expect(w.read('/mnt/b/f')).toBe('z');
    const info = w.ns.mountInfo(w.ctx.root).find((m) => m.mountPoint === '/mnt/b')!;
    expect(info.root).toBe('/data');
    expect(info.options).toBe('ro,relatime');
  });

  test('tmpfs size= gives ENOSPC, shows in mountinfo, and charges memory', () => {
    const w = testWorld();
    w.host.mkdirp('/dev');
    w.vfs.mount(w.ctx, 'tmpfs', '/dev', 'tmpfs', MS_NOSUID, 'mode=755,size=65536k');
    w.host.mkdirp('/small');
    const m = w.vfs.mount(w.ctx, 'tmpfs', '/small', 'tmpfs', 0, 'size=8k')!;
    const charges: number[] = [];
    m.sb.charge = (d) => charges.push(d);
    w.write('/small/a', 'x'.repeat(5000));
    expect(charges).toEqual([8192]);
    expect(errnoOf(() => w.write('/small/b', 'y'))).toBe('ENOSPC');
    w.vfs.unlink(w.ctx, '/small/a');
    expect(charges).toEqual([8192, -8192]);
    const dev = w.ns.mountInfo(w.ctx.root).find((i) => i.mountPoint === '/dev')!;
    expect(formatMounts(dev)).toBe('tmpfs /dev tmpfs rw,nosuid,relatime,size=65536k,mode=755,inode64 0 0');
    expect(formatMountinfo(dev)).toMatch(/^\d+ \d+ 0:\d+ \/ \/dev rw,nosuid,relatime - tmpfs tmpfs rw,size=65536k,mode=755,inode64$/);
  });

  test('umount: EBUSY with submounts, EINVAL off a mount point, MNT_DETACH takes the tree', () => {
    const w = testWorld();
    w.host.mkdirp('/a');
    w.vfs.mount(w.ctx, 'tmpfs', '/a', 'tmpfs', 0, '');
    w.vfs.mkdir(w.ctx, '/a/b');
    w.vfs.mount(w.ctx, 'tmpfs', '/a/b', 'tmpfs', 0, '');
    expect(errnoOf(() => w.vfs.umount(w.ctx, '/a'))).toBe('EBUSY');
    expect(errnoOf(() => w.vfs.umount(w.ctx, '/a/b/..'))).toBe('EBUSY');
    expect(errnoOf(() => w.vfs.umount(w.ctx, '/etc-missing'))).toBe('ENOENT');
    w.host.mkdirp('/plain');
    expect(errnoOf(() => w.vfs.umount(w.ctx, '/plain'))).toBe('EINVAL');
    w.vfs.umount(w.ctx, '/a', MNT_DETACH);
    expect(w.vfs.readdir(w.ctx, '/a')).toEqual([]);
    expect(w.ns.mounts.length).toBe(2);
    expect(errnoOf(() => w.vfs.mount(w.as(1000), 'tmpfs', '/a', 'tmpfs', 0, ''))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.mount(w.ctx, 'x', '/a', 'nosuchfs', 0, ''))).toBe('ENODEV');
  });

  test('MS_REC binds copy submounts; MS_MOVE moves a mount', () => {
    const w = testWorld();
    w.host.mkdirp('/src/sub'); w.host.mkdirp('/dst'); w.host.mkdirp('/moved');
    w.vfs.mount(w.ctx, 'tmpfs', '/src/sub', 'tmpfs', 0, '');
    w.write('/src/sub/inner', 'i');
    w.vfs.mount(w.ctx, '/src', '/dst', '', MS_BIND | MS_REC);
    expect(w.read('/dst/sub/inner')).toBe('i');
    w.vfs.mount(w.ctx, '/src/sub', '/moved', '', MS_MOVE);
    expect(w.read('/moved/inner')).toBe('i');
    expect(w.vfs.readdir(w.ctx, '/src/sub')).toEqual([]);
    expect(errnoOf(() => w.vfs.mount(w.ctx, '/moved', '/moved/x', '', MS_MOVE))).toBe('ENOENT');
  });

  test('an MS_REC bind of / below itself copies the tree as it was, not its own copy', () => {
    const w = testWorld();
    w.host.mkdirp('/srv/sub'); w.host.mkdirp('/var/c/host');
    w.vfs.mount(w.ctx, 'tmpfs', '/srv/sub', 'tmpfs', 0, '');
    w.write('/srv/sub/inner', 'i');
    const before = w.ns.mountInfo(w.ctx.root).length;
    w.vfs.mount(w.ctx, '/', '/var/c/host', '', MS_BIND | MS_REC);
    expect(w.read('/var/c/host/srv/sub/inner')).toBe('i');
    // the bind of / and a copy of each mount that was below it
    expect(w.ns.mountInfo(w.ctx.root).length).toBe(2 * before);
    expect(w.vfs.readdir(w.ctx, '/var/c/host/var/c/host')).toEqual([]);
  });

  test('a cloned namespace has its own mount tree', () => {
    const w = testWorld();
    w.host.mkdirp('/m');
    const { ns, translate } = w.ns.clone();
    const ctx2: FsContext = { ...w.ctx, mountNs: ns, root: translate(w.ctx.root), cwd: translate(w.ctx.cwd) };
    w.vfs.mount(ctx2, 'tmpfs', '/m', 'tmpfs', 0, '');
    w.write('/m/only-in-ns2', 'x', ctx2);
    expect(w.vfs.readdir(w.ctx, '/m')).toEqual([]);
    expect(w.vfs.readdir(ctx2, '/m').map((e) => e.name)).toEqual(['only-in-ns2']);
    expect(errnoOf(() => w.vfs.umount(ctx2, '/'))).toBe('EBUSY');
  });

  test('chroot: ".." and absolute symlinks cannot leave the root', () => {
    const w = testWorld();
    w.host.writeFile('/etc/passwd', 'host\n');
    w.host.writeFile('/jail/etc/passwd', 'jail\n');
    w.host.symlink('/../../etc', '/jail/escape');
    const root = w.vfs.resolveDir(w.ctx, '/jail');
    const jail: FsContext = { ...w.ctx, root, cwd: root };
    expect(w.read('/../../etc/passwd', jail)).toBe('jail\n');
    expect(w.read('/escape/passwd', jail)).toBe('jail\n');
    expect(w.vfs.getcwd(jail)).toBe('/');
    expect(w.vfs.getcwd({ ...jail, cwd: w.vfs.resolve(w.ctx, '/etc') })).toBe('(unreachable)/etc');
  });

  test('pivot_root(".", ".") then umount2(".", MNT_DETACH), as runc does', () => {
    const w = testWorld();
    w.host.writeFile('/var/lib/c1/rootfs/etc/hostname', 'c1\n');
    w.host.writeFile('/etc/hostname', 'host\n');
    const { ns, translate } = w.ns.clone();
    let ctx: FsContext = { ...w.ctx, mountNs: ns, root: translate(w.ctx.root), cwd: translate(w.ctx.cwd) };
    w.vfs.mount(ctx, '/var/lib/c1/rootfs', '/var/lib/c1/rootfs', '', MS_BIND | MS_REC);
    ctx = { ...ctx, cwd: w.vfs.resolveDir(ctx, '/var/lib/c1/rootfs') };
    const moved = w.vfs.pivotRoot(ctx, '.', '.');
    ctx = { ...ctx, root: moved.to, cwd: moved.to };
    w.vfs.umount(ctx, '.', MNT_DETACH);
    expect(w.read('/etc/hostname', ctx)).toBe('c1\n');
    expect(w.read('/../etc/hostname', ctx)).toBe('c1\n');
    const lines = ns.mountInfo(ctx.root);
    expect(lines.map((l) => [l.mountPoint, l.root])).toEqual([['/', '/var/lib/c1/rootfs']]);
    expect(w.read('/etc/hostname')).toBe('host\n');
  });

  test('pivot_root refuses what Linux refuses', () => {
    const w = testWorld();
    w.host.mkdirp('/new/old'); w.host.mkdirp('/other');
    expect(errnoOf(() => w.vfs.pivotRoot(w.ctx, '/new', '/new/old'))).toBe('EBUSY'); // /new is on the root mount
    w.vfs.mount(w.ctx, 'tmpfs', '/new', 'tmpfs', 0, '');
    w.vfs.mkdir(w.ctx, '/new/old');
    w.vfs.mkdir(w.ctx, '/new/sub');
    expect(errnoOf(() => w.vfs.pivotRoot(w.ctx, '/new/sub', '/new/old'))).toBe('EINVAL'); // not a mount point
    expect(errnoOf(() => w.vfs.pivotRoot(w.ctx, '/new', '/other'))).toBe('EBUSY');
    expect(errnoOf(() => w.vfs.pivotRoot(w.as(1000), '/new', '/new/old'))).toBe('EPERM');
    const r = w.vfs.pivotRoot(w.ctx, '/new', '/new/old');
    const ctx = { ...w.ctx, root: r.to, cwd: r.to };
    expect(w.vfs.readdir(ctx, '/').map((e) => e.name).sort()).toEqual(['old', 'sub']);
    expect(w.vfs.readdir(ctx, '/old').map((e) => e.name)).toContain('other');
  });

  test('nodev mounts refuse device nodes; mount options show in order', () => {
    const w = testWorld();
    w.host.mkdirp('/p');
    w.vfs.mount(w.ctx, 'tmpfs', '/p', 'tmpfs', MS_NOSUID | MS_NODEV | MS_NOEXEC, '');
    w.vfs.mknod(w.ctx, '/p/null', 0o020666, 0x103);
    expect(errnoOf(() => w.vfs.open(w.ctx, '/p/null', 0))).toBe('EACCES');
    const i = w.ns.mountInfo(w.ctx.root).find((m) => m.mountPoint === '/p')!;
    expect(i.options).toBe('rw,nosuid,nodev,noexec,relatime');
    expect(i.superOptions).toBe('rw,inode64');
  });
});
