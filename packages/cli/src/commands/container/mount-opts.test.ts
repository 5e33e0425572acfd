import { describe, expect, it } from 'vitest';
import { parseMountFlag, parseVolumeSpec, splitVolumes } from './mount-opts.ts';

// Cases of docker/cli's opts/mount_test.go and compose/loader/volume_test.go.
describe('--mount (opts.MountOpt)', () => {
  it('defaults to a volume and takes every key spelling', () => {
    expect(parseMountFlag('target=/target,source=/source,type=bind')).toMatchObject({ Type: 'bind', Source: '/source', Target: '/target' });
    expect(parseMountFlag('dst=/target,src=/source,type=bind')).toMatchObject({ Source: '/source', Target: '/target' });
    expect(parseMountFlag('destination=/target,src=foo')).toMatchObject({ Type: 'volume', Source: 'foo', Target: '/target' });
    expect(parseMountFlag('type=volume,target=/foo,readonly').ReadOnly).toBe(true);
    expect(parseMountFlag('type=volume,target=/foo,ro=false').ReadOnly).toBe(false);
    expect(parseMountFlag('type=volume,target=/foo,volume-nocopy').VolumeOptions?.NoCopy).toBe(true);
    expect(parseMountFlag('type=tmpfs,target=/foo,tmpfs-size=1m,tmpfs-mode=700').TmpfsOptions).toEqual({ SizeBytes: 1048576, Mode: 0o700 });
  });
  it('errors with docker/cli words', () => {
    expect(() => parseMountFlag('type=volume')).toThrow('target is required');
    expect(() => parseMountFlag('type=,target=/foo')).toThrow('type is required');
    expect(() => parseMountFlag('type=volume,target=/foo,bogus=foo')).toThrow("unexpected key 'bogus' in 'bogus=foo'");
    expect(() => parseMountFlag('type=volume,target=/foo,bogus')).toThrow("invalid field 'bogus' must be a key=value pair");
    expect(() => parseMountFlag('type=volume,target=/foo,readonly=no')).toThrow('invalid value for readonly: no');
    expect(() => parseMountFlag('type=volume,target=/foo,volume-nocopy=maybe')).toThrow('invalid value for volume-nocopy: maybe');
    expect(() => parseMountFlag('type=bind,target=/foo,volume-nocopy')).toThrow("cannot mix 'volume-*' options with mount type 'bind'");
    expect(() => parseMountFlag('type=volume,target=/foo,bind-propagation=shared')).toThrow("cannot mix 'bind-*' options with mount type 'volume'");
    expect(() => parseMountFlag('type=bind,target=/foo,tmpfs-size=1m')).toThrow("cannot mix 'tmpfs-*' options with mount type 'bind'");
    expect(() => parseMountFlag('type=tmpfs,target=/foo,tmpfs-mode=x')).toThrow('invalid value for tmpfs-mode: x');
  });
  it('makes a relative source starting with "." absolute', () => {
    expect(parseMountFlag('type=bind,src=./data,dst=/d', '/home/user').Source).toBe('/home/user/data');
    expect(parseMountFlag('type=bind,src=data,dst=/d', '/home/user').Source).toBe('data');
  });
});

describe('-v (loader.ParseVolume)', () => {
  it('splits source, target and type', () => {
    expect(parseVolumeSpec('/path')).toEqual({ source: '', target: '/path', type: 'volume' });
    expect(parseVolumeSpec('/path:/container')).toEqual({ source: '/path', target: '/container', type: 'bind' });
    expect(parseVolumeSpec('./path:/container')).toMatchObject({ type: 'bind' });
    expect(parseVolumeSpec('~/path:/container')).toMatchObject({ type: 'bind' });
    expect(parseVolumeSpec('name:/container:ro')).toEqual({ source: 'name', target: '/container', type: 'volume' });
  });
  it('errors as the loader does', () => {
    expect(() => parseVolumeSpec('')).toThrow('invalid empty volume spec');
    expect(() => parseVolumeSpec('/foo::ro')).toThrow('invalid spec: /foo::ro: empty section between colons');
    expect(() => parseVolumeSpec('/foo:/bar:ro:extra')).toThrow('invalid spec: /foo:/bar:ro:extra: too many colons');
  });
  it('puts binds and named volumes in Binds, bare paths in Volumes', () => {
    expect(splitVolumes(['/data', 'name:/n', './rel:/r:ro'], '/w')).toEqual({ binds: ['name:/n', '/w/rel:/r:ro'], volumes: { '/data': {} } });
  });
});
