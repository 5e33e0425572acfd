// A small root filesystem on the real kernel for userland's tests: busybox
// with its applet links (alpine-like) or GNU tools with bash and dash
// (debian-like), /etc/passwd and /etc/group, and a helper that runs a command
// line through the shell and collects its output.

import { Kernel, executable, SysError } from '@dockersim/kernel';
import type { LazyProgram, Program, HostPipe } from '@dockersim/kernel';
import { programs, busyboxApplets, coreutilsApplets } from '../index.ts';

export interface RunResult { out: string; err: string; code: number | null; signal: number | null }

export interface TestWorld {
  k: Kernel;
  run(argv: string[], opts?: { maxRounds?: number; path?: string; stdin?: string | ((p: HostPipe) => void); uid?: number; gid?: number; env?: string[]; cwd?: string }): Promise<RunResult>;
  sh(script: string, opts?: { maxRounds?: number; stdin?: string; uid?: number; gid?: number; env?: string[]; cwd?: string }): Promise<RunResult>;
}

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/sh\n';
const GROUP = 'root:x:0:root\ndaemon:x:1:\nwheel:x:10:root,alice\nnogroup:x:65534:\nalice:x:1000:\n';

const initProgram: Program = async ({ sys }) => {
  for (;;) {
    try { await sys.wait4(-1); } catch (e) {
      if (!(e instanceof SysError)) throw e;
      await sys.pause().catch((e2: unknown) => { if (!(e2 instanceof SysError)) throw e2; });
    }
  }
};

export function makeWorld(flavour: 'alpine' | 'debian', hostYield: () => Promise<void>, extra: Record<string, Program> = {}): TestWorld {
  const all: Record<string, Program | LazyProgram> = { ...programs, testinit: initProgram, ...extra };
  const k = new Kernel({ programs: (n) => all[n], hostYield, hostname: 'box' });
  const fs = k.fs;
  for (const d of ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/etc', '/dev', '/proc', '/root', '/home/alice', '/var', '/sys']) fs.mkdirp(d);
  fs.mkdirp('/tmp', 0o1777);
  fs.writeFile('/etc/passwd', PASSWD);
  fs.writeFile('/etc/group', GROUP);
  fs.mkdirp('/home/alice', 0o755, 1000, 1000);
  fs.writeFile('/sbin/testinit', executable('testinit'), 0o755);
  for (const [n] of Object.entries(extra)) fs.writeFile(`/bin/${n}`, executable(n), 0o755);
  if (flavour === 'alpine') {
    fs.writeFile('/bin/busybox', executable('busybox'), 0o755);
    for (const a of busyboxApplets) if (a !== 'busybox') fs.symlink('/bin/busybox', `/bin/${a}`);
  } else {
    for (const a of coreutilsApplets) fs.writeFile(`/usr/bin/${a}`, executable('coreutils'), 0o755);
    fs.writeFile('/usr/bin/bash', executable('bash'), 0o755);
    fs.writeFile('/usr/bin/dash', executable('dash'), 0o755);
    fs.symlink('/usr/bin/bash', '/bin/bash');
    fs.symlink('/usr/bin/dash', '/bin/sh');
  }
  k.boot('/sbin/testinit', ['init'], []);
  const dec = new TextDecoder();
  const PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  const run: TestWorld['run'] = async (argv, opts = {}) => {
    let out = '', err = '';
    let stdin: HostPipe | 'null' = 'null';
    if (opts.stdin !== undefined) {
      const p = k.createPipe();
      if (typeof opts.stdin === 'string') { p.write(opts.stdin); p.end(); } else opts.stdin(p);
      stdin = p;
    }
    const pid = k.spawn({
      path: opts.path ?? argv[0]!, argv, env: opts.env ?? [PATH, 'HOME=/root'], cwd: opts.cwd ?? '/', uid: opts.uid, gid: opts.gid,
      stdin, stdout: (b) => { out += dec.decode(b); }, stderr: (b) => { err += dec.decode(b); },
    });
    let st: { code: number | null; signal: number | null } | undefined;
    k.onExit(pid, (s) => { st = s; });
    // the host may feed stdin later: keep going a while when the kernel is idle
    let rounds = 0;
    const limit = opts.maxRounds ?? 200000;
    for (let i = 0; i < 50 && st === undefined && rounds < limit; i++) {
      await k.runUntilIdle({ until: () => st !== undefined || ++rounds > limit });
      if (st === undefined) await hostYield();
    }
    return { out, err, code: st?.code ?? null, signal: st?.signal ?? null };
  };
  return {
    k, run,
    sh: (script, opts = {}) => run(['sh', '-c', script], { path: '/bin/sh', ...opts }),
  };
}
