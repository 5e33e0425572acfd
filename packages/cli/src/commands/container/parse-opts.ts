// `docker run`/`docker create` flags → the create request (container/opts.go
// parse): env and label files, ports (nat.ParsePortSpecs), volumes and
// mounts, restart policy, healthcheck, resources.

import type { ContainerCreateBody, HostConfig, Mount, PortBinding } from '@dockersim/engine-api';
import type { Opts } from '../../flags/flagset.ts';
import type { CliIO } from '../../cli.ts';
import { parseMountFlag, splitVolumes, tmpfsMap } from './mount-opts.ts';
import { parseNetworkOpts } from './network-opts.ts';
import { convertToStandardNotation } from './publish-notation.ts';

export class OptsError extends Error {}

function parseUint16(s: string): number {
  if (!/^\d+$/.test(s)) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new Error(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

/** nat.ParsePortRange */
export function parsePortRange(ports: string): [number, number] {
  if (ports === '') throw new Error('empty string specified for ports');
  if (!ports.includes('-')) { const n = parseUint16(ports); return [n, n]; }
  const parts = ports.split('-');
  const start = parseUint16(parts[0]);
  const end = parseUint16(parts[1]);
  if (end < start) throw new Error(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/** nat.SplitProtoPort */
export function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (!raw || !parts[0]) return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  if (!parts[1]) return ['tcp', parts[0]];
  return [parts[1], parts[0]];
}

function isIP(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return s.split('.').every((x) => Number(x) < 256 && !(x.length > 1 && x[0] === '0'));
  // net.ParseIP for IPv6: eight 16-bit groups, or fewer around one "::"
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length < 8 : all.length === 8;
}

/** nat.ParsePortSpecs: exposed ports and their bindings. */
export function parsePortSpecs(specs: string[]): { exposed: Record<string, object>; bindings: Record<string, PortBinding[]> } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const raw of specs) {
    const parts = raw.split(':');
    const n = parts.length;
    let ip = '', hostPort = '', containerPort = parts[n - 1];
    if (n === 2) hostPort = parts[0];
    else if (n === 3) { ip = parts[0]; hostPort = parts[1]; }
    else if (n > 3) { ip = parts.slice(0, n - 2).join(':'); hostPort = parts[n - 2]; }
    let proto: string;
    [proto, containerPort] = splitProtoPort(containerPort);
    if (ip.startsWith('[')) ip = ip.replace(/^\[|\]$/g, '');
    if (ip && !isIP(ip)) throw new OptsError(`invalid IP address: ${ip}`);
    if (!containerPort) throw new OptsError(`no port specified: ${raw}<empty>`);
    let start: number, end: number;
    try { [start, end] = parsePortRange(containerPort); } catch { throw new OptsError(`invalid containerPort: ${containerPort}`); }
    let hs = 0, he = 0;
    if (hostPort) {
      try { [hs, he] = parsePortRange(hostPort); } catch { throw new OptsError(`invalid hostPort: ${hostPort}`); }
    }
    if (hostPort && end - start !== he - hs && end !== start) {
      throw new OptsError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
    if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new OptsError(`invalid proto: ${proto}`);
    for (let i = 0; i <= end - start; i++) {
      const port = `${start + i}/${proto.toLowerCase()}`;
      let hp = hostPort ? String(hs + i) : '';
      if (start === end && hs !== he) hp = `${hp}-${he}`;
      exposed[port] = {};
      (bindings[port] ??= []).push({ HostIp: ip, HostPort: hp });
    }
  }
  return { exposed, bindings };
}

/** opts.ParseRestartPolicy */
export function parseRestartPolicy(policy: string): HostConfig['RestartPolicy'] {
  if (!policy) return { Name: '' };
  const i = policy.indexOf(':');
  const k = i < 0 ? policy : policy.slice(0, i);
  const v = i < 0 ? '' : policy.slice(i + 1);
  if (i >= 0 && !k) throw new OptsError('invalid restart policy format: no policy provided before colon');
  const p: NonNullable<HostConfig['RestartPolicy']> = { Name: k as never };
  if (v) {
    if (!/^[+-]?\d+$/.test(v)) throw new OptsError('invalid restart policy format: maximum retry count must be an integer');
    p.MaximumRetryCount = Number(v);
  }
  return p;
}

/** opts.ReadKVEnvStrings / ReadKVStrings: files first, then the flags. */
async function readKV(io: CliIO, files: string[], values: string[], env: boolean): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    let text: string;
    try { text = await io.readFile(f); } catch { throw new OptsError(`open ${f}: no such file or directory`); }
    for (const rawLine of text.split('\n')) {
      const line = rawLine.replace(/^\s+/, '').replace(/\r$/, '');
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq === 0) throw new OptsError(`no variable name on line '${line}'`);
      if (eq > 0) { out.push(line); continue; }
      if (env && io.env[line.trim()] !== undefined) out.push(`${line.trim()}=${io.env[line.trim()]}`);
      else if (!env) out.push(line);
    }
  }
  for (const v of values) {
    if (env && !v.includes('=') && io.env[v] !== undefined) out.push(`${v}=${io.env[v]}`);
    else out.push(v);
  }
  return out;
}

/** A --mount value (opts.MountOpt); its errors are flag errors. */
export function parseMount(value: string, cwd = '/'): Mount { return parseMountFlag(value, cwd); }

/** Builds the POST /containers/create body from the flags and the positional IMAGE [COMMAND] [ARG...]. */
export async function parseContainerOptions(io: CliIO, o: Opts, args: string[]): Promise<{ body: ContainerCreateBody; name: string }> {
  const [image, ...cmd] = args;
  const attach = o.list('attach').map((s) => s.toLowerCase());
  for (const a of attach) if (!['stdin', 'stdout', 'stderr'].includes(a)) throw new OptsError('valid streams are STDIN, STDOUT and STDERR');
  let attachStdin = attach.includes('stdin') || o.bool('interactive');
  let attachStdout = attach.includes('stdout'), attachStderr = attach.includes('stderr');
  if (!attach.length) { attachStdout = true; attachStderr = true; }
  const swappiness = o.num('memory-swappiness');
  if (swappiness !== -1 && (swappiness < 0 || swappiness > 100)) throw new OptsError(`invalid value: ${swappiness}. Valid memory swappiness range is 0-100`);

  const cwd = io.sys?.getcwd() ?? io.env.PWD ?? '/';
  let binds: string[], volumes: Record<string, object>;
  try { ({ binds, volumes } = splitVolumes(o.list('volume'), cwd)); } catch (e) { throw new OptsError((e as Error).message); }
  const tmpfs = tmpfsMap(o.list('tmpfs'));

  const { exposed, bindings } = parsePortSpecs(convertToStandardNotation(o.list('publish')));
  for (const e of o.list('expose')) {
    if (e.includes(':')) throw new OptsError(`invalid port format for --expose: ${e}`);
    const [proto, p] = splitProtoPort(e);
    let range: [number, number];
    try { range = parsePortRange(p); } catch (err) { throw new OptsError(`invalid range format for --expose: ${e}, error: ${(err as Error).message}`); }
    for (let i = range[0]; i <= range[1]; i++) exposed[`${i}/${proto}`] ??= {};
  }

  const env = await readKV(io, o.list('env-file'), o.list('env'), true);
  const labelList = await readKV(io, o.list('label-file'), o.list('label'), false);
  const labels: Record<string, string> = {};
  for (const l of labelList) { const i = l.indexOf('='); labels[i < 0 ? l : l.slice(0, i)] = i < 0 ? '' : l.slice(i + 1); }

  const restart = parseRestartPolicy(o.str('restart'));
  const hc = ['health-cmd', 'health-interval', 'health-timeout', 'health-start-period', 'health-retries', 'health-start-interval'];
  const haveHealth = o.str('health-cmd') !== '' || hc.slice(1).some((k) => o.num(k) !== 0);
  let healthcheck: ContainerCreateBody['Healthcheck'];
  if (o.bool('no-healthcheck')) {
    if (haveHealth) throw new OptsError('--no-healthcheck conflicts with --health-* options');
    healthcheck = { Test: ['NONE'] };
  } else if (haveHealth) {
    for (const k of hc.slice(1)) if (o.num(k) < 0) throw new OptsError(`--${k} cannot be negative`);
    healthcheck = {
      Test: o.str('health-cmd') ? ['CMD-SHELL', o.str('health-cmd')] : undefined,
      Interval: o.num('health-interval'), Timeout: o.num('health-timeout'), StartPeriod: o.num('health-start-period'),
      StartInterval: o.num('health-start-interval'), Retries: o.num('health-retries'),
    };
  }
  const { networkMode, endpoints } = parseNetworkOpts(o);
  if (o.bool('rm') && restart && restart.Name !== '' && restart.Name !== 'no') {
    throw new OptsError('conflicting options: cannot specify both --restart and --rm');
  }
  const hostConfig: HostConfig = {
    Binds: binds.length ? binds : null,
    ContainerIDFile: o.str('cidfile'),
    LogConfig: { Type: o.str('log-driver'), Config: Object.fromEntries(o.list('log-opt').map((kv) => { const i = kv.indexOf('='); return [kv.slice(0, i), kv.slice(i + 1)]; })) },
    NetworkMode: networkMode,
    PortBindings: bindings,
    RestartPolicy: restart,
    AutoRemove: o.bool('rm'),
    VolumeDriver: o.str('volume-driver'),
    VolumesFrom: o.list('volumes-from').length ? o.list('volumes-from') : null,
    ConsoleSize: [0, 0],
    CapAdd: o.list('cap-add').length ? o.list('cap-add') : null,
    CapDrop: o.list('cap-drop').length ? o.list('cap-drop') : null,
    CgroupnsMode: o.str('cgroupns'),
    Dns: o.list('dns'), DnsOptions: [...o.list('dns-option'), ...o.list('dns-opt')], DnsSearch: o.list('dns-search'),
    ExtraHosts: o.list('add-host').length ? o.list('add-host') : null,
    GroupAdd: o.list('group-add').length ? o.list('group-add') : null,
    IpcMode: o.str('ipc'), Links: o.list('link').length ? o.list('link') : null,
    OomScoreAdj: o.num('oom-score-adj'), PidMode: o.str('pid'), Privileged: o.bool('privileged'),
    PublishAllPorts: o.bool('publish-all'), ReadonlyRootfs: o.bool('read-only'),
    SecurityOpt: o.list('security-opt').length ? o.list('security-opt') : null,
    UTSMode: o.str('uts'), UsernsMode: o.str('userns'), ShmSize: o.num('shm-size'), Runtime: o.str('runtime'),
    Isolation: o.str('isolation'),
    CpuShares: o.num('cpu-shares'), Memory: o.num('memory'), NanoCpus: o.num('cpus'), CgroupParent: o.str('cgroup-parent'),
    BlkioWeight: o.num('blkio-weight'), CpuPeriod: o.num('cpu-period'), CpuQuota: o.num('cpu-quota'),
    CpusetCpus: o.str('cpuset-cpus'), CpusetMems: o.str('cpuset-mems'),
    MemoryReservation: o.num('memory-reservation'), MemorySwap: o.num('memory-swap'),
    MemorySwappiness: swappiness === -1 ? null : swappiness, OomKillDisable: o.bool('oom-kill-disable'),
    PidsLimit: o.isSet('pids-limit') ? o.num('pids-limit') : null,
    Mounts: o.list('mount').map((m) => parseMount(m, cwd)),
  };
  if (Object.keys(tmpfs).length) hostConfig.Tmpfs = tmpfs;
  if (o.isSet('init')) hostConfig.Init = o.bool('init');
  const openStdin = o.bool('interactive');
  const body: ContainerCreateBody = {
    Hostname: o.str('hostname'), Domainname: o.str('domainname'), User: o.str('user'),
    AttachStdin: attachStdin, AttachStdout: attachStdout, AttachStderr: attachStderr,
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    Tty: o.bool('tty'), OpenStdin: openStdin, StdinOnce: openStdin && attachStdin,
    Env: env, Cmd: cmd.length ? cmd : null, Image: image,
    Volumes: Object.keys(volumes).length ? volumes : null, WorkingDir: o.str('workdir'),
    Entrypoint: o.str('entrypoint') ? [o.str('entrypoint')] : o.isSet('entrypoint') ? [''] : null,
    Labels: labels, StopSignal: o.str('stop-signal') || undefined,
    HostConfig: hostConfig,
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
  if (healthcheck) body.Healthcheck = healthcheck;
  if (o.isSet('stop-timeout')) body.StopTimeout = o.num('stop-timeout');
  void attachStdin;
  attachStdin = body.AttachStdin!;
  return { body, name: o.str('name') };
}
