// dockerd's Linux mount parser (moby volume/mounts/linux_parser.go): -v specs
// ("src:dst:mode"), --mount specs, --volumes-from and tmpfs options become
// mount points, with Docker's validation and error texts.

import type { Mount } from '@dockersim/engine-api';

/** A container's mount point (volume/mounts.MountPoint), as dockerd keeps it. */
export interface MountPoint {
  Type: 'bind' | 'volume' | 'tmpfs';
  /** Volume name ('' for binds and tmpfs; filled for anonymous volumes once created). */
  Name: string;
  /** Host path: the bind source, or the volume's mountpoint. */
  Source: string;
  Destination: string;
  Driver: string;
  /** The mode text given to -v ("ro", "z", "ro,Z"), "z" for local volumes without one. */
  Mode: string;
  RW: boolean;
  Propagation: string;
  /** Fill an empty volume from the image at create (nocopy clears it). */
  CopyData: boolean;
  /** --mount type=bind: the source must exist, never created. */
  SkipMountpointCreation?: boolean;
  /** The --mount spec it came from, if any. */
  Spec?: Mount;
  /** Whether the volume was created for this container with a random name. */
  Anonymous?: boolean;
}

export class MountConfigError extends Error {}

const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);
const COPY_MODES = new Set(['nocopy']);

const invalidSpec = (spec: string) => `invalid volume specification: '${spec}'`;
const invalidMode = (mode: string) => `invalid mode: ${mode}`;
const mountConfig = (type: string, msg: string) => new MountConfigError(`invalid mount config for type "${type}": ${msg}`);

/** linuxValidMountMode: at most one word of each kind, and no unknown word. */
export function validMountMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = [0, 0, 0, 0, 0];
  for (const o of mode.split(',')) {
    if (RW_MODES.has(o)) counts[0]++;
    else if (LABEL_MODES.has(o)) counts[1]++;
    else if (PROPAGATION.has(o)) counts[2]++;
    else if (COPY_MODES.has(o)) counts[3]++;
    else if (CONSISTENCY.has(o)) counts[4]++;
    else return false;
  }
  return counts.every((n) => n <= 1);
}

const readWrite = (mode: string) => validMountMode(mode) && !mode.split(',').includes('ro');
const propagationOf = (mode: string) => mode.split(',').find((o) => PROPAGATION.has(o));

function cleanPath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!abs) out.push('..'); continue; }
    out.push(part);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s || (abs ? '/' : '.');
}

/** validateMountConfigImpl. `sourceExists` answers whether a bind source exists (undefined: skip the check). */
export function validateMountConfig(m: Mount, sourceExists?: (path: string) => boolean): void {
  const type = m.Type ?? '';
  if (!m.Target) throw mountConfig(type, 'field Target must not be empty');
  if (cleanPath(m.Target.replace(/\\/g, '/')) === '/') throw mountConfig(type, "invalid specification: destination can't be '/'");
  if (!m.Target.replace(/\\/g, '/').startsWith('/')) throw mountConfig(type, `invalid mount path: '${m.Target}' mount path must be absolute`);
  switch (type) {
    case 'bind': {
      if (!m.Source) throw mountConfig(type, 'field Source must not be empty');
      const prop = m.BindOptions?.Propagation;
      if (prop && !PROPAGATION.has(prop)) throw mountConfig(type, `invalid propagation mode: ${prop}`);
      if (m.VolumeOptions) throw mountConfig(type, 'field VolumeOptions must not be specified');
      if (!m.Source.startsWith('/')) throw mountConfig(type, `invalid mount path: '${m.Source}' mount path must be absolute`);
      if (sourceExists && !sourceExists(m.Source) && !m.BindOptions?.CreateMountpoint) {
        throw mountConfig(type, `bind source path does not exist: ${m.Source}`);
      }
      break;
    }
    case 'volume': {
      if (m.BindOptions) throw mountConfig(type, 'field BindOptions must not be specified');
      const anonymous = !m.Source;
      if (m.VolumeOptions?.Subpath) {
        if (anonymous) throw mountConfig(type, 'must not set Subpath when using anonymous volumes');
        if (m.VolumeOptions.Subpath.startsWith('/') || cleanPath(m.VolumeOptions.Subpath).startsWith('..')) throw mountConfig(type, 'subpath must be a relative path within the volume');
      }
      if (m.ReadOnly && anonymous) throw mountConfig(type, 'must not set ReadOnly mode when using anonymous volumes');
      break;
    }
    case 'tmpfs':
      if (m.BindOptions) throw mountConfig(type, 'field BindOptions must not be specified');
      if (m.Source) throw mountConfig(type, 'field Source must not be specified');
      tmpfsOptions(m);
      break;
    default:
      throw mountConfig(type, 'mount type unknown');
  }
}

/** ParseMountSpec: a --mount entry (already validated, bind source checked). */
export function parseMountSpec(m: Mount, sourceExists?: (path: string) => boolean): MountPoint {
  validateMountConfig(m, sourceExists);
  const mp: MountPoint = {
    Type: m.Type as MountPoint['Type'], Name: '', Source: '', Destination: cleanPath(m.Target), Driver: '',
    Mode: '', RW: !m.ReadOnly, Propagation: '', CopyData: true, Spec: m,
  };
  if (m.Type === 'volume') {
    mp.Name = m.Source ?? '';
    mp.Driver = m.VolumeOptions?.DriverConfig?.Name ?? '';
    if (m.VolumeOptions?.NoCopy) mp.CopyData = false;
  } else if (m.Type === 'bind') {
    mp.Source = cleanPath(m.Source ?? '');
    mp.Propagation = m.BindOptions?.Propagation || 'rprivate';
    mp.CopyData = false;
  } else mp.CopyData = false;
  return mp;
}

/** ParseMountRaw: a -v entry "[src:]dst[:mode]". */
export function parseMountRaw(raw: string, volumeDriver = ''): MountPoint {
  const arr = splitN(raw, ':', 4);
  if (arr[0] === '') throw new MountConfigError(invalidSpec(raw));
  let source = '', target = '', mode = '';
  switch (arr.length) {
    case 1: target = arr[0]; break;
    case 2:
      if (validMountMode(arr[1])) throw new MountConfigError(invalidSpec(raw));
      [source, target] = arr;
      break;
    case 3: [source, target, mode] = arr; break;
    default: throw new MountConfigError(invalidSpec(raw));
  }
  if (!validMountMode(mode)) throw new MountConfigError(invalidMode(mode));
  const spec: Mount = { Type: source.startsWith('/') ? 'bind' : 'volume', Source: source || undefined, Target: target, ReadOnly: !readWrite(mode) };
  if (volumeDriver && spec.Type === 'volume') spec.VolumeOptions = { DriverConfig: { Name: volumeDriver } };
  const nocopy = mode.split(',').includes('nocopy');
  if (nocopy) spec.VolumeOptions = { ...(spec.VolumeOptions ?? {}), NoCopy: true };
  const prop = propagationOf(mode);
  if (prop) spec.BindOptions = { Propagation: prop };
  let mp: MountPoint;
  try {
    mp = parseMountSpec(spec);
  } catch (e) {
    throw new MountConfigError(`${invalidSpec(raw)}: ${(e as Error).message}`);
  }
  mp.Mode = mode;
  return mp;
}

/** ParseVolumesFrom: "container[:ro|rw]". */
export function parseVolumesFrom(spec: string): { id: string; mode: string } {
  if (!spec) throw new MountConfigError('volumes-from specification cannot be an empty string');
  const i = spec.indexOf(':');
  const id = i < 0 ? spec : spec.slice(0, i);
  const mode = i < 0 ? '' : spec.slice(i + 1);
  if (!mode) return { id, mode: 'rw' };
  if (!validMountMode(mode) || propagationOf(mode) || mode.split(',').includes('nocopy')) throw new MountConfigError(invalidMode(mode));
  return { id, mode };
}

export { readWrite };

/** ConvertTmpfsOptions: the data string of a --mount type=tmpfs ("ro,mode=1770,size=64m"). */
export function tmpfsOptions(m: Mount): string {
  const out: string[] = [];
  if (m.ReadOnly) out.push('ro');
  const o = m.TmpfsOptions;
  if (o?.Mode) out.push(`mode=${o.Mode.toString(8)}`);
  if (o?.SizeBytes) {
    let size = o.SizeBytes, suffix = '';
    for (const [s, d] of [['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
      if (size % d === 0) { size /= d; suffix = s; break; }
    }
    out.push(`size=${size}${suffix}`);
  }
  for (const opt of o?.Options ?? []) {
    if (opt.length < 1 || opt.length > 2) throw mountConfig('tmpfs', 'invalid option array length');
    if (opt[0] !== 'exec' && opt[0] !== 'noexec') throw mountConfig('tmpfs', `invalid option: ${opt[0]}`);
    out.push(opt.join('='));
  }
  return out.join(',');
}

/** ValidateTmpfsMountDestination */
export function validateTmpfsDestination(dest: string): void {
  if (cleanPath(dest) === '/') throw new MountConfigError("invalid specification: destination can't be '/'");
  if (!dest.startsWith('/')) throw new MountConfigError(`invalid mount path: '${dest}' mount path must be absolute`);
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  out.push(rest);
  return out;
}

export { cleanPath };
