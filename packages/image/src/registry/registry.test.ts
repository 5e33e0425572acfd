import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from './default-registry.ts';
import { RegistryError, pullErrorMessage } from './errors.ts';
import { parseDockerRef } from '../reference/reference.ts';
import { readTar } from '../tar/tar.ts';
import { dockerSize } from '../units/units.ts';
import { imageSize } from '../build/image.ts';
import { chainId } from '../layer/chain-id.ts';
import { digestOf } from '../digest/digest.ts';
import { imageId } from '../oci/image-id.ts';

function err(f: () => unknown): RegistryError {
  try { f(); } catch (e) { return e as RegistryError; }
  throw new Error('no error');
}

describe('default registry', () => {
  it('resolves alpine through its index, with tags sharing one digest', () => {
    const reg = createDefaultRegistry();
    const a = reg.resolve(parseDockerRef('alpine'));
    const b = reg.resolve(parseDockerRef('alpine:3.22'));
    expect(a.indexDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.indexDigest).toBe(a.indexDigest);
    expect(a.config.architecture).toBe('amd64');
    const arm = reg.resolve(parseDockerRef('alpine'), { os: 'linux', architecture: 'arm64' });
    expect(arm.config.architecture).toBe('arm64');
    expect(arm.manifestDigest).not.toBe(a.manifestDigest);
    const byDigest = reg.resolve(parseDockerRef(`alpine@${a.indexDigest}`));
    expect(byDigest.manifestDigest).toBe(a.manifestDigest);
  });

  it('serves layer tars that contain the rootfs', () => {
    const reg = createDefaultRegistry();
    const r = reg.resolve(parseDockerRef('alpine'));
    const tar = reg.blob(r.layers[0]!.digest);
    expect(digestOf(tar)).toBe(r.config.rootfs.diff_ids[0]);
    const sh = readTar(tar).find((e) => e.path === 'bin/sh');
    expect(sh).toMatchObject({ type: 'symlink', linkname: '/bin/busybox' });
    expect(digestOf(reg.blob(r.configDigest))).toBe(r.configDigest);
  });

  it('is deterministic: image ids are the same in every registry', () => {
    const ids = () => {
      const reg = createDefaultRegistry();
      return ['alpine', 'busybox', 'ubuntu', 'debian', 'debian:bookworm-slim', 'nginx', 'nginx:alpine']
        .map((n) => { const r = reg.resolve(parseDockerRef(n)); return [imageId(r.config), r.indexDigest]; });
    };
    expect(ids()).toEqual(ids());
  });

  it('has realistic sizes', () => {
    const reg = createDefaultRegistry();
    const size = (n: string) => dockerSize(imageSize(reg.resolve(parseDockerRef(n)).layers));
    expect(size('alpine')).toBe('8.31MB');
    expect(size('ubuntu')).toBe('78.1MB');
    expect(size('nginx')).toBe('192MB');
  });

  it('shares alpine\'s base layer with nginx:alpine', () => {
    const reg = createDefaultRegistry();
    const alpine = reg.resolve(parseDockerRef('alpine'));
    const nginx = reg.resolve(parseDockerRef('nginx:alpine'));
    expect(nginx.config.rootfs.diff_ids[0]).toBe(alpine.config.rootfs.diff_ids[0]);
    expect(chainId(nginx.config.rootfs.diff_ids.slice(0, 1))).toBe(alpine.config.rootfs.diff_ids[0]);
  });

  it('gives nginx its real config', () => {
    const c = createDefaultRegistry().resolve(parseDockerRef('nginx')).config;
    expect(c.config).toMatchObject({
      Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: { '80/tcp': {} },
      StopSignal: 'SIGQUIT', Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
    });
    expect(c.config?.Env).toContain('NGINX_VERSION=1.29.1');
    expect(c.rootfs.diff_ids).toHaveLength(7);
  });

  it('answers unknown repositories and tags with the registry errors dockerd reports', () => {
    const reg = createDefaultRegistry();
    const ref = parseDockerRef('foo');
    const e1 = err(() => reg.resolve(ref));
    expect(e1.code).toBe('NAME_UNKNOWN');
    expect(pullErrorMessage(e1, ref)).toBe("pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    const ref2 = parseDockerRef('alpine:nope');
    const e2 = err(() => reg.resolve(ref2));
    expect(e2.code).toBe('MANIFEST_UNKNOWN');
    expect(pullErrorMessage(e2, ref2)).toBe('manifest for alpine:nope not found: manifest unknown: manifest unknown');
    expect(err(() => reg.resolve(parseDockerRef('alpine'), { os: 'linux', architecture: 's390x' })).message)
      .toBe('no matching manifest for linux/s390x in the manifest list entries');
  });

  it('accepts pushes', () => {
    const reg = createDefaultRegistry();
    const alpine = reg.resolve(parseDockerRef('alpine'));
    const ref = parseDockerRef('me/app:v1');
    expect(() => reg.resolve(ref)).toThrow();
    const built = { platform: { os: 'linux', architecture: 'amd64' }, config: { value: alpine.config, bytes: reg.blob(alpine.configDigest), digest: alpine.configDigest },
      manifest: { value: alpine.manifest, bytes: reg.blob(alpine.manifestDigest), digest: alpine.manifestDigest }, layers: alpine.layers };
    const d = reg.push(ref, [built]);
    expect(d).toBe(alpine.manifestDigest);
    expect(reg.resolve(ref).indexDigest).toBeUndefined();
    expect(reg.resolve(ref).manifestDigest).toBe(alpine.manifestDigest);
  });

  it('builds every base image: a config and at least one layer each', () => {
    const reg = createDefaultRegistry();
    for (const n of ['alpine', 'busybox', 'ubuntu', 'debian', 'nginx', 'nginx:alpine']) {
      const r = reg.resolve(parseDockerRef(n));
      expect(r.manifest.config.digest, n).toBe(r.configDigest);
      expect(r.layers.length, n).toBeGreaterThan(0);
      expect(r.layers.length, n).toBe(r.manifest.layers.length);
    }
  });
});
