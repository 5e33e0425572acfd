// docker build (image/build.go with buildx's BuildKit output): the context
// from the host's filesystem as a tar, POST /build, and the progress as the
// classic builder (DOCKER_BUILDKIT=0) or BuildKit prints it.

import { concat, type ProgressMessage } from '@dockersim/engine-api';
import { humanSizeWithPrecision, tarEntry, toHex, writeTar, type TarEntry } from '@dockersim/image';
import { exactArgs, StatusError, type Command } from '../../../cobra/command.ts';
import type { Cli } from '../../../cli.ts';
import { contextTar, readBytes } from './context.ts';
import { BuildDisplay, sourceExcerpt, type SolveStatus } from './render.ts';

const CLASSIC_BANNER = 'DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            BuildKit is currently disabled; enable it by removing the DOCKER_BUILDKIT=0\n            environment-variable.\n\n';

function kv(list: string[], env: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const a of list) {
    const i = a.indexOf('=');
    if (i >= 0) out[a.slice(0, i)] = a.slice(i + 1);
    else out[a] = env[a] ?? null;
  }
  return out;
}

function absPath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const x of parts) { if (!x || x === '.') continue; if (x === '..') out.pop(); else out.push(x); }
  return '/' + out.join('/');
}

async function* messages(stream: { read(): Promise<Uint8Array | null> }): AsyncGenerator<ProgressMessage> {
  const dec = new TextDecoder();
  let buf = '';
  for (let c = await stream.read(); c; c = await stream.read()) {
    buf += dec.decode(c, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line) yield JSON.parse(line) as ProgressMessage;
    }
  }
  if (buf.trim()) yield JSON.parse(buf) as ProgressMessage;
}

export const build: Command = {
  use: 'build [OPTIONS] PATH | URL | -',
  short: 'Build an image from a Dockerfile',
  aliasesText: 'docker image build, docker build, docker builder build',
  categoryTop: 4,
  flags: {
    'add-host': { type: 'list', usage: 'Add a custom host-to-IP mapping ("host:ip")' },
    'build-arg': { type: 'list', usage: 'Set build-time variables' },
    'cache-from': { type: 'strings', usage: 'Images to consider as cache sources' },
    'cgroup-parent': { type: 'string', usage: 'Set the parent cgroup for the "RUN" instructions during build' },
    compress: { type: 'bool', usage: 'Compress the build context using gzip' },
    'cpu-period': { type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) period' },
    'cpu-quota': { type: 'int', usage: 'Limit the CPU CFS (Completely Fair Scheduler) quota' },
    'cpu-shares': { type: 'int', short: 'c', usage: 'CPU shares (relative weight)' },
    'cpuset-cpus': { type: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
    'cpuset-mems': { type: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
    'disable-content-trust': { type: 'bool', usage: 'Skip image verification', defValue: 'true', default: true },
    file: { type: 'string', short: 'f', usage: 'Name of the Dockerfile (Default is "PATH/Dockerfile")' },
    'force-rm': { type: 'bool', usage: 'Always remove intermediate containers' },
    iidfile: { type: 'string', usage: 'Write the image ID to the file' },
    isolation: { type: 'string', usage: 'Container isolation technology' },
    label: { type: 'list', usage: 'Set metadata for an image' },
    memory: { type: 'bytes', short: 'm', usage: 'Memory limit' },
    'memory-swap': { type: 'bytes', usage: 'Swap limit equal to memory plus swap: -1 to enable unlimited swap' },
    network: { type: 'string', usage: 'Set the networking mode for the RUN instructions during build', default: 'default', defValue: 'default' },
    'no-cache': { type: 'bool', usage: 'Do not use cache when building the image' },
    platform: { type: 'string', usage: 'Set platform if server is multi-platform capable' },
    pull: { type: 'bool', usage: 'Always attempt to pull a newer version of the image' },
    quiet: { type: 'bool', short: 'q', usage: 'Suppress the build output and print image ID on success' },
    rm: { type: 'bool', usage: 'Remove intermediate containers after a successful build', default: true, defValue: 'true' },
    'security-opt': { type: 'strings', usage: 'Security options' },
    'shm-size': { type: 'bytes', usage: 'Size of "/dev/shm"' },
    squash: { type: 'bool', usage: 'Squash newly built layers into a single new layer' },
    tag: { type: 'list', short: 't', usage: 'Name and optionally a tag in the "name:tag" format' },
    target: { type: 'string', usage: 'Set the target build stage to build.' },
    ulimit: { type: 'ulimit', usage: 'Ulimit options', defValue: '[]' },
  },
  args: exactArgs(1),
  async run(cli, opts, [spec]) {
    const env = cli.io.env;
    const classic = env.DOCKER_BUILDKIT === '0' || env.DOCKER_BUILDKIT === 'false';
    if (classic) await cli.err(CLASSIC_BANNER);
    const sys = cli.io.sys;
    if (!sys) throw new StatusError('docker build needs access to the local filesystem', 1);
    const cwd = sys.getcwd();
    const quiet = opts.bool('quiet');
    for (const t of opts.list('tag')) {
      if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/.test(t.replace(/^[a-zA-Z0-9.-]+(:\d+)?\//, (m) => (m.includes('.') || m.includes(':') || m.startsWith('localhost') ? '' : m)))) {
        throw new StatusError(`invalid argument "${t}" for "-t, --tag" flag: invalid reference format${/[A-Z]/.test(t) ? ': repository name must be lowercase' : ''}\nSee 'docker build --help'.`, 125);
      }
    }
    // The context and the Dockerfile's name inside it.
    let dockerfileName = opts.str('file') || 'Dockerfile';
    let dockerfileText = '';
    let ctx: { tar: Uint8Array; size: number; dockerignore: number };
    const extra: TarEntry[] = [];
    if (spec === '-') {
      const parts: Uint8Array[] = [];
      for (let c = await cli.io.read(); c.length; c = await cli.io.read()) parts.push(c);
      dockerfileText = new TextDecoder().decode(concat(parts));
      dockerfileName = `.dockerfile.${toHex(sys.getrandom(10))}`;
      extra.push(tarEntry({ path: dockerfileName, type: 'file', data: new TextEncoder().encode(dockerfileText), mode: 0o644 }));
      ctx = await contextTarOf([], extra);
    } else {
      if (/^(https?|git):\/\//.test(spec)) throw new StatusError(`unable to prepare context: remote contexts are not available here: ${spec}`, 1);
      const dir = absPath(cwd, spec);
      try { sys.stat(dir); } catch { throw new StatusError(`unable to prepare context: path ${JSON.stringify(spec)} not found`, 1); }
      const dfAbs = opts.str('file') ? (opts.str('file') === '-' ? '' : absPath(cwd, opts.str('file'))) : `${dir}/Dockerfile`;
      if (opts.str('file') === '-') {
        const parts: Uint8Array[] = [];
        for (let c = await cli.io.read(); c.length; c = await cli.io.read()) parts.push(c);
        dockerfileText = new TextDecoder().decode(concat(parts));
        dockerfileName = `.dockerfile.${toHex(sys.getrandom(10))}`;
        extra.push(tarEntry({ path: dockerfileName, type: 'file', data: new TextEncoder().encode(dockerfileText), mode: 0o644 }));
      } else {
        try { dockerfileText = new TextDecoder().decode(await readBytes(sys, dfAbs)); } catch {
          if (classic) throw new StatusError(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dfAbs}: no such file or directory`, 1);
          await cli.err(`ERROR: failed to build: failed to solve: failed to read dockerfile: open ${opts.str('file') || 'Dockerfile'}: no such file or directory\n`);
          return 1;
        }
        if (dfAbs.startsWith(dir + '/')) dockerfileName = dfAbs.slice(dir.length + 1);
        else {
          dockerfileName = `.dockerfile.${toHex(sys.getrandom(10))}`;
          extra.push(tarEntry({ path: dockerfileName, type: 'file', data: new TextEncoder().encode(dockerfileText), mode: 0o644 }));
        }
      }
      ctx = await contextTar(sys, dir, dockerfileName, extra);
    }
    const query = {
      dockerfile: dockerfileName, t: opts.list('tag'), buildargs: kv(opts.list('build-arg'), env), labels: kv(opts.list('label'), env) as Record<string, string>,
      target: opts.str('target'), nocache: opts.bool('no-cache'), pull: opts.bool('pull'), q: quiet, rm: opts.bool('rm'), forcerm: opts.bool('force-rm'),
      version: (classic ? '1' : '2') as '1' | '2',
    };
    // The upload's progress line ends in \r; a non-terminal gets only its last
    // update, and the stream formatter closes it with "\r\n".
    if (classic && !quiet) await cli.out(`Sending build context to Docker daemon  ${humanSizeWithPrecision(ctx.tar.length, 4)}\r\r\n`);
    let stream;
    try { stream = await cli.client.imageBuild(ctx.tar, query); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    let id = '';
    if (classic) {
      for await (const m of messages(stream)) {
        if (m.errorDetail || m.error) throw new StatusError(m.errorDetail?.message ?? m.error ?? '', m.errorDetail?.code || 1);
        if (m.aux && (m.aux as { ID?: string }).ID) { id = (m.aux as { ID: string }).ID; continue; }
        if (m.stream !== undefined && !quiet) await cli.out(m.stream);
      }
      if (quiet) await cli.out(id + '\n');
    } else {
      const tty = cli.io.isatty(2);
      let buffered = '';
      const display = new BuildDisplay(!tty, (s) => { buffered += s; });
      let failure: ProgressMessage | undefined;
      for await (const m of messages(stream)) {
        if (m.id === 'moby.buildkit.trace') { display.update(m.aux as SolveStatus); if (!quiet && buffered) { await cli.err(buffered); buffered = ''; } continue; }
        if (m.errorDetail || m.error) { failure = m; continue; }
        if (m.aux && (m.aux as { ID?: string }).ID) id = (m.aux as { ID: string }).ID;
      }
      if (!quiet) {
        if (tty) await cli.err(display.finalFrame(cli.io.winsize(1)?.cols ?? 80, !failure));
        else if (buffered) await cli.err(buffered);
      }
      if (failure) {
        const msg = failure.errorDetail?.message ?? failure.error ?? '';
        const loc = (failure.aux as { location?: { start: number; end: number } } | undefined)?.location;
        let out = display.failure();
        if (loc && loc.start > 0) out += sourceExcerpt(opts.str('file') && opts.str('file') !== '-' ? opts.str('file') : 'Dockerfile', dockerfileText, loc.start, loc.end);
        out += `ERROR: failed to build: ${msg.startsWith('failed to solve') ? msg : 'failed to solve: ' + msg}\n`;
        await cli.err(out);
        return 1;
      }
      if (quiet) await cli.out(id + '\n');
    }
    if (opts.str('iidfile') && cli.io.writeFile) await cli.io.writeFile(absPath(cwd, opts.str('iidfile')), id);
  },
};

async function contextTarOf(_e: TarEntry[], extra: TarEntry[]) {
  const tar = writeTar(extra);
  return { tar, size: extra.reduce((n, e) => n + e.data.length, 0), dockerignore: 0 };
}

export type { Cli };
