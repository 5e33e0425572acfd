// docker/cli's inspect.Inspect: indented JSON array by default, "json" for
// compact, or a template executed per object (typed first, then over the raw
// map with missingkey=error), errors joined with exit status 1.

import { goNil, goStruct, omitEmpty } from '../format/gofmt.ts';
import { StatusError } from '../cobra/command.ts';
import { Template, TemplateError } from '../template/index.ts';
import type { Cli } from '../cli.ts';

/** JSON as Go's encoder writes it: <, >, & and U+2028/9 escaped. */
export function goEscapeJSON(s: string): string {
  return s.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

// Fields of the API's Go structs that are slices or maps: JSON's null there is
// a nil slice or map, which templates print as [] and map[] (not <nil>, as a
// nil pointer such as State.Health prints). Qualified by parent where the
// name alone is ambiguous.
const NIL_SLICES = new Set([
  'Cmd', 'Entrypoint', 'Env', 'OnBuild', 'Shell', 'Test', 'Args', 'Mounts', 'ExecIDs', 'Binds', 'Links',
  'Dns', 'DnsOptions', 'DnsSearch', 'ExtraHosts', 'CapAdd', 'CapDrop', 'GroupAdd', 'SecurityOpt', 'Devices',
  'DeviceRequests', 'DeviceCgroupRules', 'Ulimits', 'BlkioWeightDevice', 'BlkioDeviceReadBps',
  'BlkioDeviceWriteBps', 'BlkioDeviceReadIOps', 'BlkioDeviceWriteIOps', 'VolumesFrom', 'MaskedPaths',
  'ReadonlyPaths', 'SecondaryIPAddresses', 'SecondaryIPv6Addresses', 'Aliases', 'DNSNames', 'RepoTags',
  'RepoDigests', 'Layers', 'IPAM.Config',
]);
const NIL_MAPS = new Set([
  'ExposedPorts', 'Volumes', 'Labels', 'Tmpfs', 'StorageOpt', 'Sysctls', 'PortBindings', 'Ports', 'Annotations',
  'Networks', 'DriverOpts', 'Options', 'Containers', 'LogConfig.Config', '.Status',
]);

// Fields the API leaves out when empty (`json:",omitempty"`) still exist on the
// Go struct a template runs over: a missing one reads as its zero value.
const OMITTED: Record<string, () => Record<string, unknown>> = {
  '.State': () => ({ Health: null }),
  '.Config': () => ({ ExposedPorts: goNil('map'), Healthcheck: null, ArgsEscaped: false, NetworkDisabled: false, StopSignal: '', StopTimeout: null, Shell: goNil('slice') }),
  '.Mounts[]': () => ({ Type: '', Name: '', Driver: '' }),
};

/** Go's field order, for structs printed whole ({{.Config}}) once omitted fields are back. */
const FIELD_ORDER: Record<string, string[]> = {
  '.Config': ['Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'ExposedPorts', 'Tty',
    'OpenStdin', 'StdinOnce', 'Env', 'Cmd', 'Healthcheck', 'ArgsEscaped', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint',
    'NetworkDisabled', 'MacAddress', 'OnBuild', 'Labels', 'StopSignal', 'StopTimeout', 'Shell'],
  '.Mounts[]': ['Type', 'Name', 'Source', 'Destination', 'Driver', 'Mode', 'RW', 'Propagation'],
};

/** Marks API objects whose keys are Go field names as structs; others (labels, ports, networks) stay maps. */
export function typedView(v: unknown, key = '', parent = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => typedView(x, `${key}[]`, parent));
  if (v === null && key) {
    const q = `${parent}.${key}`;
    if (NIL_SLICES.has(q) || NIL_SLICES.has(key)) return goNil('slice');
    if (NIL_MAPS.has(q) || NIL_MAPS.has(key)) return goNil('map');
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    const entries = Object.entries(v);
    for (const [k, x] of entries) o[k] = typedView(x, k, key);
    const zero = OMITTED[`${parent}.${key}`];
    if (zero) {
      const added: string[] = [];
      for (const [k, x] of Object.entries(zero())) if (!(k in o)) { o[k] = x; added.push(k); }
      const order = FIELD_ORDER[`${parent}.${key}`];
      const s = order ? Object.fromEntries([...order.filter((k) => k in o), ...Object.keys(o).filter((k) => !order.includes(k))].map((k) => [k, o[k]])) : o;
      omitEmpty(s, added);
      return goStruct(s);
    }
    if (entries.length && entries.every(([k]) => /^[A-Z]/.test(k))) goStruct(o);
    return o;
  }
  return v;
}

export type GetRef = (ref: string) => Promise<unknown>;

export async function inspectRefs(cli: Cli, refs: string[], format: string, getRef: GetRef): Promise<void> {
  let tmpl: Template | undefined;
  if (format && format !== 'json') {
    try { tmpl = Template.parse(format); } catch (e) {
      if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
      throw e;
    }
  }
  const errs: string[] = [];
  const raws: unknown[] = [];
  let buf = '';
  for (const ref of refs) {
    let obj: unknown;
    try { obj = await getRef(ref); } catch (e) { errs.push(e instanceof StatusError ? e.message : cli.errorText(e)); continue; }
    if (!tmpl) { raws.push(obj); continue; }
    try {
      buf += tmpl.execute(typedView(obj)) + '\n';
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      try { buf += tmpl.execute(obj, {}, { missingKeyError: true }) + '\n'; } catch (e2) {
        if (!(e2 instanceof TemplateError)) throw e2;
        errs.push(`template parsing error: ${e2.message}`);
      }
    }
  }
  if (tmpl) await cli.out(buf || '\n');
  else if (!raws.length) await cli.out('[]\n');
  else await cli.out(goEscapeJSON(format === 'json' ? JSON.stringify(raws) : JSON.stringify(raws, null, 4)) + '\n');
  if (errs.length) throw new StatusError(errs.join('\n'), 1);
}
