// Permission checks for non-root callers, root's bypass, sticky directories.

import { describe, expect, test } from 'vitest';
import { O_RDONLY, O_WRONLY, R_OK, W_OK, X_OK } from '../abi/flags.ts';
import { testWorld, errnoOf } from './test-world.ts';

describe('permissions', () => {
  test('non-root mkdir in a root-owned 755 directory is EACCES; root succeeds', () => {
    const w = testWorld();
    w.host.mkdirp('/srv', 0o755);
    expect(errnoOf(() => w.vfs.mkdir(w.as(1000), '/srv/mine'))).toBe('EACCES');
    w.vfs.mkdir(w.ctx, '/srv/mine');
    expect(w.vfs.stat(w.ctx, '/srv/mine').uid).toBe(0);
  });

  test('owner, group and other bits apply exclusively; supplementary groups count', () => {
    const w = testWorld();
    w.host.writeFile('/f', 'secret', 0o640, 0, 50);
    expect(errnoOf(() => w.read('/f', w.as(1000)))).toBe('EACCES');
    expect(w.read('/f', w.as(1000, 1000, [50]))).toBe('secret');
    expect(errnoOf(() => w.vfs.open(w.as(1000, 50), '/f', O_WRONLY))).toBe('EACCES');
    w.host.writeFile('/own', 'x', 0o070, 1000, 1000);
    expect(errnoOf(() => w.read('/own', w.as(1000, 1000)))).toBe('EACCES'); // owner bits are ---
    expect(w.read('/own', w.ctx)).toBe('x');
  });

  test('search permission is needed on every directory of a path', () => {
    const w = testWorld();
    w.host.writeFile('/private/dir/file', 'x', 0o644);
    w.vfs.chmod(w.ctx, '/private', 0o700);
    expect(errnoOf(() => w.vfs.stat(w.as(1000), '/private/dir/file'))).toBe('EACCES');
    expect(errnoOf(() => w.vfs.stat(w.as(1000), '/private/dir/../dir'))).toBe('EACCES');
    expect(w.vfs.stat(w.ctx, '/private/dir/file').size).toBe(1);
  });

  test('root needs at least one x bit to execute a file', () => {
    const w = testWorld();
    w.host.writeFile('/bin/tool', 'x', 0o644);
    expect(errnoOf(() => w.vfs.access(w.ctx, '/bin/tool', X_OK))).toBe('EACCES');
    w.vfs.chmod(w.ctx, '/bin/tool', 0o744);
    expect(errnoOf(() => w.vfs.access(w.ctx, '/bin/tool', X_OK))).toBe('ok');
    expect(errnoOf(() => w.vfs.access(w.as(1000), '/bin/tool', X_OK))).toBe('EACCES');
    expect(errnoOf(() => w.vfs.access(w.as(1000), '/bin/tool', R_OK))).toBe('ok');
    expect(errnoOf(() => w.vfs.access(w.ctx, '/bin/tool', W_OK))).toBe('ok');
  });

  test('in a sticky directory only the owner (or root) removes a file', () => {
    const w = testWorld();
    w.host.mkdirp('/tmp', 0o1777);
    w.write('/tmp/alice', 'a', w.as(1000));
    expect(errnoOf(() => w.vfs.unlink(w.as(1001), '/tmp/alice'))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.rename(w.as(1001), '/tmp/alice', '/tmp/bob'))).toBe('EPERM');
    w.vfs.unlink(w.as(1000), '/tmp/alice');
    w.write('/tmp/alice2', 'a', w.as(1000));
    w.vfs.unlink(w.ctx, '/tmp/alice2');
  });

  test('chown and chmod by someone else are EPERM', () => {
    const w = testWorld();
    w.host.writeFile('/x', '', 0o644, 1000, 1000);
    expect(errnoOf(() => w.vfs.chown(w.as(1000), '/x', 0, -1))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.chmod(w.as(1001), '/x', 0o777))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.chown(w.as(1000, 1000, [20]), '/x', -1, 20))).toBe('ok');
    expect(errnoOf(() => w.vfs.chown(w.as(1000), '/x', -1, 30))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.mknod(w.as(1000), '/dev-null', 0o020666, 0x103))).toBe('EACCES');
    w.host.mkdirp('/home/u', 0o755, 1000, 1000);
    expect(errnoOf(() => w.vfs.mknod(w.as(1000), '/home/u/null', 0o020666, 0x103))).toBe('EPERM');
    expect(errnoOf(() => w.vfs.open(w.as(1000), '/x', O_RDONLY))).toBe('ok');
  });
});
