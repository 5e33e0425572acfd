import { describe, expect, it } from 'vitest';
import { alpineRootfs, buildAlpine } from './alpine.ts';
import { dockerSize } from '../units/units.ts';
import { imageSize } from '../build/image.ts';

describe('alpine', () => {
  const entries = alpineRootfs('amd64').entries();
  const byPath = new Map(entries.map((e) => [e.path, e]));

  it('has busybox and its applet links where busybox --install puts them', () => {
    expect(byPath.get('bin/sh')).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    expect(byPath.get('usr/bin/wget')).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    expect(byPath.get('sbin/ip')).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    const bb = byPath.get('bin/busybox')!;
    expect(bb.type).toBe('file');
    expect(new TextDecoder().decode(bb.data)).toContain('busybox');
    expect(byPath.get('lib/ld-musl-x86_64.so.1')?.type).toBe('file');
  });

  it('ships alpine-baselayout\'s passwd and group', () => {
    const passwd = new TextDecoder().decode(byPath.get('etc/passwd')!.data);
    expect(passwd.split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/sh');
    expect(passwd).toContain('nobody:x:65534:65534:nobody:/:/sbin/nologin\n');
    const group = new TextDecoder().decode(byPath.get('etc/group')!.data);
    expect(group).toContain('shadow:x:42:\n');
  });

  it('has the real modes', () => {
    expect(byPath.get('tmp')!.mode).toBe(0o1777);
    expect(byPath.get('root')!.mode).toBe(0o700);
    expect(byPath.get('etc/shadow')).toMatchObject({ mode: 0o640, gid: 42 });
    for (const d of ['dev', 'proc', 'sys']) expect(byPath.get(d)?.type).toBe('dir');
  });

  it('lists parents before children', () => {
    const seen = new Set<string>();
    for (const e of entries) {
      const parent = e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : '';
      if (parent) expect(seen.has(parent), e.path).toBe(true);
      seen.add(e.path);
    }
  });

  it('is 8.31MB, with the real config and history', () => {
    const img = buildAlpine('amd64');
    expect(dockerSize(imageSize(img.layers))).toBe('8.31MB');
    expect(img.config.value.config).toEqual({
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'],
    });
    expect(img.config.value.history?.map((h) => h.created_by)).toEqual([
      'ADD alpine-minirootfs-3.22.2-x86_64.tar.gz / # buildkit', 'CMD ["/bin/sh"]',
    ]);
    expect(img.manifest.value.layers[0]!.size).toBeLessThan(400_000);
  });
});
