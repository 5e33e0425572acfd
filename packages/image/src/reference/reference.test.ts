import { describe, expect, it } from 'vitest';
import {
  familiarName, familiarString, parseAnyReference, parseDockerRef, parseNormalizedNamed,
  parseReference, referenceString,
} from './reference.ts';

const D = 'sha256:' + 'e'.repeat(64);

describe('parseDockerRef normalisation (distribution/reference normalize_test.go cases)', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest', 'alpine:latest'],
    ['alpine:3.22', 'docker.io/library/alpine:3.22', 'alpine:3.22'],
    ['docker.io/alpine', 'docker.io/library/alpine:latest', 'alpine:latest'],
    ['index.docker.io/library/alpine', 'docker.io/library/alpine:latest', 'alpine:latest'],
    ['user/repo:tag', 'docker.io/user/repo:tag', 'user/repo:tag'],
    ['docker.io/user/repo', 'docker.io/user/repo:latest', 'user/repo:latest'],
    ['localhost:5000/x', 'localhost:5000/x:latest', 'localhost:5000/x:latest'],
    ['localhost/x', 'localhost/x:latest', 'localhost/x:latest'],
    ['example.com/a/b/c:v1', 'example.com/a/b/c:v1', 'example.com/a/b/c:v1'],
    ['[::1]:5000/x', '[::1]:5000/x:latest', '[::1]:5000/x:latest'],
    ['library/foo/bar', 'docker.io/library/foo/bar:latest', 'library/foo/bar:latest'],
    [`alpine@${D}`, `docker.io/library/alpine@${D}`, `alpine@${D}`],
    [`alpine:3.22@${D}`, `docker.io/library/alpine@${D}`, `alpine@${D}`],
    ['a__b-c.d---e/f_g', 'a__b-c.d---e/f_g:latest', 'a__b-c.d---e/f_g:latest'],
    ['a__b-c---e/f_g', 'docker.io/a__b-c---e/f_g:latest', 'a__b-c---e/f_g:latest'],
    ['Foo/bar', 'Foo/bar:latest', 'Foo/bar:latest'],
  ])('%s → %s', (input, full, familiar) => {
    const ref = parseDockerRef(input);
    expect(referenceString(ref)).toBe(full);
    expect(familiarString(ref)).toBe(familiar);
  });

  it('keeps the tag when no digest (parseNormalizedNamed adds no tag)', () => {
    expect(referenceString(parseNormalizedNamed('alpine'))).toBe('docker.io/library/alpine');
    expect(familiarName(parseNormalizedNamed('docker.io/library/alpine'))).toBe('alpine');
  });
});

describe('rejected references, with Docker\'s texts', () => {
  it.each([
    ['Alpine', 'invalid reference format: repository name (library/Alpine) must be lowercase'],
    ['alpine/Foo', 'invalid reference format: repository name (alpine/Foo) must be lowercase'],
    ['alpine:', 'invalid reference format'],
    [':tag', 'invalid reference format'],
    ['alpine:-x', 'invalid reference format'],
    ['alpine:' + 'a'.repeat(129), 'invalid reference format'],
    ['-alpine', 'invalid reference format'],
    ['alpine_', 'invalid reference format'],
    ['a///b', 'invalid reference format'],
    ['alpine@sha256:abc', 'invalid reference format'],
    ['alpine@sha256:' + 'a'.repeat(32), 'invalid checksum digest length'],
    ['', 'invalid reference format'],
    ['e'.repeat(64), `invalid repository name (${'e'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['docker.io/' + 'a'.repeat(256), 'repository name must not be more than 255 characters'],
    ['Foo/Bar', 'invalid reference format: repository name (Bar) must be lowercase'],
  ])('%j', (input, message) => {
    expect(() => parseDockerRef(input)).toThrow(message);
    try { parseDockerRef(input); } catch (e) { expect((e as Error).message).toBe(message); }
  });

  it('reference.Parse without normalisation', () => {
    expect(() => parseReference('')).toThrow('repository name must have at least one component');
    expect(parseReference('alpine')).toEqual({ domain: '', path: 'alpine' });
    expect(parseReference('foo:5000')).toEqual({ domain: '', path: 'foo', tag: '5000' });
  });
});

describe('distribution/reference TestValidateReferenceName', () => {
  it.each([
    'docker/docker', 'library/debian', 'debian', 'localhost/library/debian', 'localhost/debian',
    'LOCALDOMAIN/library/debian', 'LOCALDOMAIN/debian', 'docker.io/docker/docker', 'docker.io/library/debian',
    'docker.io/debian', 'index.docker.io/docker/docker', 'index.docker.io/library/debian', 'index.docker.io/debian',
    '127.0.0.1:5000/docker/docker', '127.0.0.1:5000/library/debian', '127.0.0.1:5000/debian', '192.168.0.1',
    '192.168.0.1:80', '192.168.0.1:8/debian', '192.168.0.2:25000/debian',
    'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev', '[fc00::1]:5000/docker',
    '[fc00::1]:5000/docker/docker', '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
    'docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a', 'Docker/docker', 'DOCKER/docker',
  ])('accepts %s', (name) => {
    expect(() => parseNormalizedNamed(name)).not.toThrow();
  });
  it.each([
    'https://github.com/docker/docker', 'docker/Docker', '-docker', '-docker/docker', '-docker.io/docker/docker',
    'docker///docker', 'docker.io/docker/Docker', 'docker.io/docker///docker', '[fc00::1]', '[fc00::1]:5000',
    'fc00::1:5000/debian', '[fe80::1%eth0]:5000/debian', '[2001:db8:3:4::192.0.2.33]:5000/debian',
    '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a',
  ])('rejects %s', (name) => {
    expect(() => parseNormalizedNamed(name)).toThrow();
  });
});

describe('parseAnyReference', () => {
  it('accepts ids', () => {
    expect(parseAnyReference('e'.repeat(64))).toEqual({ id: D });
    expect(parseAnyReference(D)).toEqual({ id: D });
    expect(parseAnyReference('alpine')).toEqual({ domain: 'docker.io', path: 'library/alpine' });
  });
});
