// The volume service with its one driver, "local" (moby's volume/service and
// volume/local): each volume is a directory /var/lib/docker/volumes/NAME/_data
// on the host's file system, reference-counted by the containers that use
// it, optionally with a device mounted over _data (type=none,o=bind,device=...
// or type=tmpfs) while some container has it mounted.

import { MS_BIND, MS_NODEV, MS_NOEXEC, MS_NOSUID, MS_RDONLY, MS_REC, goStrerror, isSysError, type Sys } from '@dockersim/kernel';
import { EngineError, type Volume } from '@dockersim/engine-api';
import { rfc3339 } from '@dockersim/image';
import { removeTree } from '../layers.ts';
import { randomHex } from '../util.ts';


export const VOLUMES_ROOT = '/var/lib/docker/volumes';
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const VALID_OPTS = new Set(['type', 'o', 'device', 'size']);
const MANDATORY: [string, string[]][] = [['device', ['type']], ['type', ['device']], ['o', ['device', 'type']]];

export interface VolumeRecord {
  name: string;
  driver: string;
  createdAt: number;
  labels: Record<string, string> | null;
  options: Record<string, string> | null;
  /** Ids of the containers that reference the volume. */
  refs: Set<string>;
  /** Active mounts of the device over _data (containers running with it). */
  active: number;
}

/** The volume service's OpErr: "OP NAME: cause - [refs]". */
function opErr(code: 'NotFound' | 'Conflict' | 'InvalidParameter' | 'System', op: string, name: string, cause: string, refs: string[] = []): EngineError {
  return new EngineError(code, `${op}${name ? ' ' + name : ''}: ${cause}${refs.length ? ` - [${refs.join(', ')}]` : ''}`);
}

export const noSuchVolume = (name: string) => opErr('NotFound', 'get', name, 'no such volume');

export class VolumeStore {
  readonly volumes = new Map<string, VolumeRecord>();

  constructor(private readonly sys: Sys) {}

  path(name: string): string { return `${VOLUMES_ROOT}/${name}/_data`; }

  /**
   * Creates a volume, or returns the existing one of that name (Docker reuses
   * it, keeping its labels and options). An empty name makes an anonymous
   * volume with a random 64-hex name. `ref` records a container using it.
   */
  create(name: string, o: { driver?: string; opts?: Record<string, string> | null; labels?: Record<string, string> | null; ref?: string } = {}): VolumeRecord {
    const driver = o.driver || 'local';
    const anonymous = !name;
    if (anonymous) name = randomHex(this.sys, 32);
    if (driver !== 'local') throw opErr('NotFound', 'create', name, `error looking up volume plugin ${driver}: plugin "${driver}" not found`);
    const existing = this.volumes.get(name);
    if (existing) {
      if (o.ref) existing.refs.add(o.ref);
      return existing;
    }
    if (name.length === 1) throw opErr('InvalidParameter', 'create', name, 'volume name is too short, names should be at least two alphanumeric characters');
    if (!NAME_RE.test(name)) {
      throw opErr('InvalidParameter', 'create', name, `"${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`);
    }
    const opts = o.opts && Object.keys(o.opts).length ? sortedKeys(o.opts) : null;
    if (opts) validateOpts(name, opts);
    const sys = this.sys;
    const root = `${VOLUMES_ROOT}/${name}`;
    try { sys.mkdir(root, 0o701); } catch { /* left over */ }
    try { sys.mkdir(`${root}/_data`, 0o755); } catch { /* left over */ }
    const labels = anonymous ? sortedKeys({ ...(o.labels ?? {}), [ANONYMOUS_LABEL]: '' }) : o.labels ? sortedKeys(o.labels) : null;
    const v: VolumeRecord = { name, driver, createdAt: sys.now(), labels, options: opts, refs: new Set(), active: 0 };
    if (opts) void writeOptsJson(sys, root, opts);
    if (o.ref) v.refs.add(o.ref);
    this.volumes.set(name, v);
    return v;
  }

  get(name: string): VolumeRecord {
    const v = this.volumes.get(name);
    if (!v) throw noSuchVolume(name);
    return v;
  }

  /** Drops a container's reference (the volume stays). */
  release(name: string, ref: string): void { this.volumes.get(name)?.refs.delete(ref); }

  /** Removes a volume and its data; refused while a container references it. */
  remove(name: string, force = false): void {
    const v = this.volumes.get(name);
    if (!v) {
      if (force) return;
      throw noSuchVolume(name);
    }
    if (v.refs.size) throw opErr('Conflict', 'remove', name, 'volume is in use', [...v.refs]);
    if (v.active) { try { this.sys.umount(this.path(name)); } catch { /* not mounted */ } v.active = 0; }
    removeTree(this.sys, `${VOLUMES_ROOT}/${name}`);
    this.volumes.delete(name);
  }

  /** Makes the volume's data reachable at its mountpoint (mounting its device, if it has one). */
  mount(v: VolumeRecord): string {
    const path = this.path(v.name);
    const o = v.options;
    if (o && (o.device || o.type)) {
      if (v.active === 0) {
        const { flags, data } = mountOptions(o.o ?? '');
        const fstype = o.type === 'none' ? '' : o.type;
        try {
          this.sys.mount(o.device ?? '', path, (flags & MS_BIND) ? '' : fstype, flags, data || undefined);
        } catch (e) {
          const f = flags ? `, flags: 0x${flags.toString(16)}` : '';
          const d = data ? `, data: ${data}` : '';
          const why = isSysError(e) ? goStrerror(e.errno) : (e as Error).message;
          throw new EngineError('System', `error while mounting volume '${path}': failed to mount local volume: mount ${o.device}:${path}${f}${d}: ${why}`);
        }
      }
      v.active++;
    }
    return path;
  }

  unmount(v: VolumeRecord): void {
    if (!v.active) return;
    if (--v.active === 0) { try { this.sys.umount(this.path(v.name)); } catch { /* gone */ } }
  }

  view(v: VolumeRecord): Volume {
    return {
      CreatedAt: rfc3339(v.createdAt), Driver: v.driver, Labels: v.labels, Mountpoint: this.path(v.name),
      Name: v.name, Options: v.options, Scope: 'local',
    };
  }

  isAnonymous(v: VolumeRecord): boolean { return !!v.labels && ANONYMOUS_LABEL in v.labels; }
}

/** Go marshals maps with their keys sorted. */
function sortedKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}

function validateOpts(name: string, opts: Record<string, string>): void {
  for (const k of Object.keys(opts)) {
    if (!VALID_OPTS.has(k)) throw opErr('InvalidParameter', 'create', name, `invalid option: "${k}"`);
  }
  if (opts.size !== undefined) throw opErr('InvalidParameter', 'create', name, 'quota size requested but no quota support');
  for (const [k, need] of MANDATORY) {
    if (!(k in opts)) continue;
    for (const r of need) if (!(r in opts)) throw opErr('InvalidParameter', 'create', name, `missing required option: "${r}"`);
  }
}

/** moby/sys/mount's parseOptions: the flag words of a mount's "o=" option, the rest as data. */
export function mountOptions(o: string): { flags: number; data: string } {
  const words: Record<string, [boolean, number]> = {
    ro: [true, MS_RDONLY], rw: [false, MS_RDONLY], bind: [true, MS_BIND], rbind: [true, MS_BIND | MS_REC],
    nosuid: [true, MS_NOSUID], suid: [false, MS_NOSUID], nodev: [true, MS_NODEV], dev: [false, MS_NODEV],
    noexec: [true, MS_NOEXEC], exec: [false, MS_NOEXEC], defaults: [false, 0],
  };
  let flags = 0;
  const data: string[] = [];
  for (const w of o.split(',')) {
    if (!w) continue;
    const f = words[w];
    if (f) flags = f[0] ? flags | f[1] : flags & ~f[1];
    else data.push(w);
  }
  return { flags, data: data.join(',') };
}

async function writeOptsJson(sys: Sys, root: string, o: Record<string, string>): Promise<void> {
  const text = JSON.stringify({ MountType: o.type ?? '', MountOpts: o.o ?? '', MountDevice: o.device ?? '', Quota: { Size: 0 } });
  try {
    const fd = sys.open(`${root}/opts.json`, 0o1101, 0o600);
    await sys.write(fd, text);
    sys.close(fd);
  } catch { /* best effort, as the daemon's metadata */ }
}
