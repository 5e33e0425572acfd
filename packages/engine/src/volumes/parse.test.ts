import { describe, expect, it } from 'vitest';
import { parseMountRaw, parseMountSpec, parseVolumesFrom, tmpfsOptions, validateMountConfig } from './parse.ts';

// The valid and invalid specs of moby's volume/mounts/linux_parser_test.go.
const VALID = [
  '/home', '/home:/home', '/home:/something/else', '/with space', '/home:/with space', 'relative:/absolute-path',
  'hostPath:/containerPath:ro', '/hostPath:/containerPath:rw', '/rw:/ro', '/hostPath:/containerPath:shared',
  '/hostPath:/containerPath:rslave', '/hostPath:/containerPath:ro,shared', '/hostPath:/containerPath:ro,z,shared',
  '/hostPath:/containerPath:Z,ro,slave', '/hostPath:/containerPath:slave,ro,Z', '/hostPath:/containerPath:ro,Z,rprivate',
];
const INVALID: Record<string, string> = {
  '': 'invalid volume specification', './': 'mount path must be absolute', '../': 'mount path must be absolute',
  '/:../': 'mount path must be absolute', '/:path': 'mount path must be absolute', ':': 'invalid volume specification',
  '/tmp:': 'invalid volume specification', ':test': 'invalid volume specification', 'tmp:': 'invalid volume specification',
  '::': 'invalid volume specification', '/tmp:::': 'invalid volume specification', '/path:rw': 'invalid volume specification',
  '/path:ro': 'invalid volume specification', 'path:ro': 'invalid volume specification',
  '/path:/path:sw': 'invalid mode', '/path:/path:rwz': 'invalid mode', '/path:/path:ro,rshared,rslave': 'invalid mode',
  '/path:/path:ro,z,rshared,rslave': 'invalid mode',
};

describe('ParseMountRaw', () => {
  it('accepts the specs Docker accepts', () => {
    for (const spec of VALID) expect(() => parseMountRaw(spec), spec).not.toThrow();
  });
  it('rejects the specs Docker rejects, with its words', () => {
    for (const [spec, msg] of Object.entries(INVALID)) expect(() => parseMountRaw(spec), spec).toThrow(msg);
  });
  it('gives full errors as dockerd prints them', () => {
    expect(() => parseMountRaw('/path:/path:foo')).toThrow(/^invalid mode: foo$/);
    expect(() => parseMountRaw('/a:/')).toThrow("invalid volume specification: '/a:/': invalid mount config for type \"bind\": invalid specification: destination can't be '/'");
  });
  it('tells binds from volumes and keeps the mode', () => {
    expect(parseMountRaw('/src:/dst:ro')).toMatchObject({ Type: 'bind', Source: '/src', Destination: '/dst', RW: false, Mode: 'ro', Propagation: 'rprivate' });
    expect(parseMountRaw('name:/dst')).toMatchObject({ Type: 'volume', Name: 'name', RW: true, CopyData: true, Propagation: '' });
    expect(parseMountRaw('name:/dst:nocopy').CopyData).toBe(false);
    expect(parseMountRaw('/dst')).toMatchObject({ Type: 'volume', Name: '', Destination: '/dst' });
  });
});

describe('--mount specs', () => {
  it('validates as the daemon does', () => {
    expect(() => validateMountConfig({ Type: 'bind', Target: '' })).toThrow('invalid mount config for type "bind": field Target must not be empty');
    expect(() => validateMountConfig({ Type: 'bind', Target: '/x', Source: '/nope' }, () => false)).toThrow('invalid mount config for type "bind": bind source path does not exist: /nope');
    expect(() => validateMountConfig({ Type: 'bind', Target: '/x', Source: '/nope', BindOptions: { CreateMountpoint: true } }, () => false)).not.toThrow();
    expect(() => validateMountConfig({ Type: 'volume', Target: '/x', ReadOnly: true })).toThrow('must not set ReadOnly mode when using anonymous volumes');
    expect(() => validateMountConfig({ Type: 'tmpfs', Target: '/x', Source: 's' })).toThrow('field Source must not be specified');
    expect(() => validateMountConfig({ Type: 'npipe' as 'bind', Target: '/x' })).toThrow('invalid mount config for type "npipe": mount type unknown');
  });
  it('turns tmpfs options into mount data with the largest even unit', () => {
    expect(tmpfsOptions({ Type: 'tmpfs', Target: '/t', ReadOnly: true, TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1770 } })).toBe('ro,mode=1770,size=64m');
    expect(tmpfsOptions({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1000 } })).toBe('size=1000');
  });
  it('keeps nocopy and propagation', () => {
    expect(parseMountSpec({ Type: 'volume', Target: '/d', Source: 'v', VolumeOptions: { NoCopy: true } }).CopyData).toBe(false);
    expect(parseMountSpec({ Type: 'bind', Target: '/d', Source: '/s', BindOptions: { Propagation: 'rshared' } }).Propagation).toBe('rshared');
  });
});

describe('--volumes-from', () => {
  it('takes a container and an access mode', () => {
    expect(parseVolumesFrom('data')).toEqual({ id: 'data', mode: 'rw' });
    expect(parseVolumesFrom('data:ro')).toEqual({ id: 'data', mode: 'ro' });
    expect(() => parseVolumesFrom('data:shared')).toThrow('invalid mode: shared');
    expect(() => parseVolumesFrom('data:nocopy')).toThrow('invalid mode: nocopy');
    expect(() => parseVolumesFrom('')).toThrow('volumes-from specification cannot be an empty string');
  });
});
