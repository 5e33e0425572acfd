// The mount flags of `docker run`/`docker create` on the client side:
// --mount (opts.MountOpt, parsed when the flag is set, so its errors are
// flag errors), -v/--volume (the compose loader's ParseVolume decides bind
// or volume) and --tmpfs, as docker/cli's container/opts.go turns them into
// HostConfig.Binds, Config.Volumes, HostConfig.Tmpfs and HostConfig.Mounts.

import type { Mount } from '@dockersim/engine-api';
import { ramInBytes } from '@dockersim/image';

/** CSV fields of one --mount value (encoding/csv: quotes may wrap a field with commas). */
function csvFields(value: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false, i = 0;
  while (i < value.length) {
    const ch = value[i];
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') { cur += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cur += ch; i++; continue;
    }
    if (ch === '"' && cur === '') { quoted = true; i++; continue; }
    if (ch === '"') throw new Error(`parse error on line 1, column ${i + 1}: bare " in non-quoted-field`);
    if (ch === ',') { out.push(cur); cur = ''; i++; continue; }
    cur += ch; i++;
  }
  if (quoted) throw new Error(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
  out.push(cur);
  return out;
}

function parseBool(key: string, v: string): boolean {
  const t = ['1', 't', 'T', 'TRUE', 'true', 'True'], f = ['0', 'f', 'F', 'FALSE', 'false', 'False'];
  if (t.includes(v)) return true;
  if (f.includes(v)) return false;
  throw new Error(`invalid value for ${key}: ${v}`);
}

function absFrom(cwd: string, p: string): string {
  const parts = (cwd + '/' + p).split('/');
  const out: string[] = [];
  for (const x of parts) { if (!x || x === '.') continue; if (x === '..') out.pop(); else out.push(x); }
  return '/' + out.join('/');
}

/** MountOpt.Set: one --mount value; throws the text pflag prints after "invalid argument ...: ". */
export function parseMountFlag(value: string, cwd = '/'): Mount {
  const m: Mount = { Type: 'volume', Target: '' };
  const vol = () => { m.VolumeOptions ??= { Labels: {} }; m.VolumeOptions.DriverConfig ??= {}; return m.VolumeOptions; };
  const bind = () => (m.BindOptions ??= {});
  const tmpfs = () => (m.TmpfsOptions ??= {});
  const setOnMap = (target: Record<string, string>, v: string) => {
    const i = v.indexOf('=');
    const k = i < 0 ? v : v.slice(0, i);
    if (k) target[k] = i < 0 ? '' : v.slice(i + 1);
  };
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      switch (key) {
        case 'readonly': case 'ro': m.ReadOnly = true; continue;
        case 'volume-nocopy': vol().NoCopy = true; continue;
        case 'bind-nonrecursive': bind().NonRecursive = true; continue;
        default: throw new Error(`invalid field '${field}' must be a key=value pair`);
      }
    }
    switch (key) {
      case 'type': m.Type = val.toLowerCase() as Mount['Type']; break;
      case 'source': case 'src': m.Source = !val.startsWith('/') && val.startsWith('.') ? absFrom(cwd, val) : val; break;
      case 'target': case 'dst': case 'destination': m.Target = val; break;
      case 'readonly': case 'ro': m.ReadOnly = parseBool(key, val); break;
      case 'consistency': m.Consistency = val.toLowerCase(); break;
      case 'bind-propagation': bind().Propagation = val.toLowerCase(); break;
      case 'bind-nonrecursive': bind().NonRecursive = parseBool(key, val); break;
      case 'bind-recursive':
        if (val === 'disabled') bind().NonRecursive = true;
        else if (val !== 'enabled' && val !== 'writable' && val !== 'readonly') throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        break;
      case 'volume-subpath': vol().Subpath = val; break;
      case 'volume-nocopy':
        if (!['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(val)) throw new Error(`invalid value for volume-nocopy: ${val}`);
        vol().NoCopy = parseBool(key, val);
        break;
      case 'volume-label': setOnMap(vol().Labels ??= {}, val); break;
      case 'volume-driver': vol().DriverConfig!.Name = val; break;
      case 'volume-opt': setOnMap(vol().DriverConfig!.Options ??= {}, val); break;
      case 'tmpfs-size': {
        let n: number;
        try { n = ramInBytes(val); } catch { throw new Error(`invalid value for ${key}: ${val}`); }
        tmpfs().SizeBytes = n;
        break;
      }
      case 'tmpfs-mode':
        if (!/^[0-7]+$/.test(val)) throw new Error(`invalid value for ${key}: ${val}`);
        tmpfs().Mode = parseInt(val, 8);
        break;
      default: throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!m.Type) throw new Error('type is required');
  if (!m.Target) throw new Error('target is required');
  if (m.VolumeOptions && m.Type !== 'volume') throw new Error(`cannot mix 'volume-*' options with mount type '${m.Type}'`);
  if (m.BindOptions && m.Type !== 'bind') throw new Error(`cannot mix 'bind-*' options with mount type '${m.Type}'`);
  if (m.TmpfsOptions && m.Type !== 'tmpfs') throw new Error(`cannot mix 'tmpfs-*' options with mount type '${m.Type}'`);
  return m;
}

/** loader.ParseVolume's answer: the source (empty for an anonymous volume), target and type. */
export interface VolumeSpec { source: string; target: string; type: 'bind' | 'volume' }

/** loader.ParseVolume: "src:dst[:mode]" without knowing the platform. */
export function parseVolumeSpec(spec: string): VolumeSpec {
  const chars = [...spec];
  if (chars.length === 0) throw new Error('invalid empty volume spec');
  if (chars.length <= 2) return { source: '', target: spec, type: 'volume' };
  let source = '', target = '', haveSource = false, haveTarget = false;
  let buf: string[] = [];
  const isDrive = (b: string[], ch: string) => ch === ':' && b.length === 1 && /\p{L}/u.test(b[0]);
  const typeOf = (): VolumeSpec['type'] => !haveSource ? 'volume' : isFilePath(source) ? 'bind' : 'volume';
  for (const ch of [...chars, '\0']) {
    if (isDrive(buf, ch)) { buf.push(ch); continue; }
    if (ch !== ':' && ch !== '\0') { buf.push(ch); continue; }
    const s = buf.join('');
    if (!buf.length) throw new Error(`invalid spec: ${spec}: empty section between colons`);
    if (!haveSource && ch === '\0') { target = s; haveTarget = true; }
    else if (!haveSource) { source = s; haveSource = true; }
    else if (!haveTarget) { target = s; haveTarget = true; }
    else if (ch === ':') throw new Error(`invalid spec: ${spec}: too many colons`);
    buf = [];
  }
  return { source, target, type: typeOf() };
}

function isFilePath(source: string): boolean {
  if ('./~'.includes(source[0])) return true;
  if ([...source].length === 1) return false;
  if (source.startsWith('\\\\')) return true;
  return /^\p{L}:/u.test(source);
}

/** The -v values split as opts.go does: host paths and named volumes become Binds, the rest Config.Volumes. */
export function splitVolumes(values: string[], cwd = '/'): { binds: string[]; volumes: Record<string, object> } {
  const binds: string[] = [];
  const volumes: Record<string, object> = {};
  for (const v of values) {
    const parsed = parseVolumeSpec(v);
    if (!parsed.source) { volumes[v] = {}; continue; }
    let bind = v;
    if (parsed.type === 'bind') {
      const i = v.indexOf(':');
      let host = v.slice(0, i);
      if (!host.startsWith('/') && host.startsWith('.')) host = absFrom(cwd, host);
      bind = host + v.slice(i);
    }
    if (!binds.includes(bind)) binds.push(bind);
  }
  return { binds, volumes };
}

/** --tmpfs "dst[:options]" → HostConfig.Tmpfs. */
export function tmpfsMap(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of values) { const i = t.indexOf(':'); out[i < 0 ? t : t.slice(0, i)] = i < 0 ? '' : t.slice(i + 1); }
  return out;
}
