// A small Docker-like host for runc's and containerd's tests: a kernel with
// an in-test program registry, /proc, /sys, the cgroup2 tree and /dev/null
// mounted by a setup program, and a container rootfs with the given
// programs under /bin. Not part of the package's surface.

import { Kernel, executable, makedev, S_IFCHR, SIGCHLD } from '@dockersim/kernel';
import type { LazyProgram, Program } from '@dockersim/kernel';
import type { OciSpec } from './spec.ts';

const dec = new TextDecoder();

/** init: reaps children forever. */
const init: Program = async ({ sys }) => {
  sys.sigaction(SIGCHLD, () => {});
  for (;;) {
    try { await sys.wait4(-1); } catch { await sys.pause().catch(() => {}); }
  }
};

const hostcat: Program = async ({ sys, argv }) => {
  const fd = sys.open(argv[1]!, 0);
  for (;;) { const b = await sys.read(fd); if (!b.length) break; await sys.write(1, b); }
  return 0;
};

const setup: Program = async ({ sys }) => {
  sys.mount('proc', '/proc', 'proc', 0);
  sys.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', 0);
  let code = 0;
  // until the kernel's cgroupfs makes cgroups, a tmpfs stands in for it
  try { sys.mkdir('/sys/fs/cgroup/probe'); sys.rmdir('/sys/fs/cgroup/probe'); } catch {
    sys.umount('/sys/fs/cgroup');
    sys.mount('tmpfs', '/sys/fs/cgroup', 'tmpfs', 0);
    code |= 1;
  }
  sys.mkdir('/tmp/sysfs');
  sys.mount('sysfs', '/tmp/sysfs', 'sysfs', 0);
  try { sys.stat('/tmp/sysfs/fs/cgroup'); } catch { code |= 2; }
  sys.umount('/tmp/sysfs');
  sys.mount('tmpfs', '/run', 'tmpfs', 0);
  sys.mknod('/dev/null', S_IFCHR | 0o666, makedev(1, 3));
  return code;
};

export interface TestHost {
  k: Kernel;
  /** False while cgroup2 cannot make cgroups (a tmpfs stands in). */
  realCgroups: boolean;
  /** False while sysfs lacks /sys/fs/cgroup (specs then leave sysfs out). */
  realSysfs: boolean;
  /** Runs /usr/bin/NAME (or a path) on the host and waits for it. */
  run(argv: string[], env?: string[]): Promise<{ code: number | null; signal: number | null; out: string; err: string }>;
  /** Starts a host process without waiting. */
  spawn(argv: string[]): { pid: number; out: () => string; done: () => boolean };
  settle(): Promise<void>;
  readFile(path: string): string;
  /** Reads a file through a process (synthetic files: /proc, cgroupfs). */
  cat(path: string): Promise<string>;
  exists(path: string): boolean;
}

export const ROOTFS = '/var/lib/c1/rootfs';

export async function bootHost(programs: Record<string, Program | LazyProgram>, containerBins: string[], hostYield: () => Promise<void>): Promise<TestHost> {
  const all: Record<string, Program | LazyProgram> = { init, setup, hostcat, ...programs };
  const k = new Kernel({ programs: (n) => all[n], hostYield, hostname: 'node1', onCrash: (pid, e) => { throw Object.assign(new Error(`crash in ${pid}`), { cause: e }); } });
  for (const d of ['/bin', '/usr/bin', '/dev', '/proc', '/sys/fs/cgroup', '/run', '/tmp', '/etc']) k.fs.mkdirp(d);
  k.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\n');
  for (const name of Object.keys(all)) k.fs.writeFile(`/usr/bin/${name}`, executable(name), 0o755);
  for (const d of ['bin', 'etc', 'proc', 'dev', 'sys', 'tmp', 'root']) k.fs.mkdirp(`${ROOTFS}/${d}`);
  k.fs.writeFile(`${ROOTFS}/etc/hostname`, '');
  for (const name of containerBins) k.fs.writeFile(`${ROOTFS}/bin/${name}`, executable(name), 0o755);
  k.boot('/usr/bin/init', ['init'], []);
  const run: TestHost['run'] = async (argv, env = ['PATH=/usr/bin:/bin']) => {
    let out = '', err = '';
    const path = argv[0]!.startsWith('/') ? argv[0]! : `/usr/bin/${argv[0]}`;
    const pid = k.spawn({ path, argv, env, parent: 1, stdout: (b) => { out += dec.decode(b); }, stderr: (b) => { err += dec.decode(b); } });
    let st: { code: number | null; signal: number | null } | undefined;
    k.onExit(pid, (s) => { st = s; });
    await k.runUntilIdle({ until: () => st !== undefined });
    if (!st) throw new Error(`${argv.join(' ')} did not finish`);
    return { ...st, out, err };
  };
  const setupCode = (await run(['setup'])).code ?? 0;
  return {
    k, run, realCgroups: !(setupCode & 1), realSysfs: !(setupCode & 2),
    spawn(argv) {
      let out = '';
      let done = false;
      const pid = k.spawn({ path: `/usr/bin/${argv[0]}`, argv, env: ['PATH=/usr/bin:/bin'], parent: 1, stdout: (b) => { out += dec.decode(b); }, stderr: (b) => { out += dec.decode(b); } });
      k.onExit(pid, () => { done = true; });
      return { pid, out: () => out, done: () => done };
    },
    settle: () => k.runUntilIdle({ jumpTime: false }),
    readFile: (p) => dec.decode(k.fs.readFile(p)),
    cat: async (p) => (await run(['hostcat', p])).out,
    exists: (p) => k.fs.exists(p),
  };
}

/** A Docker-like spec: new namespaces, Docker's mounts, a systemd cgroup path. */
export function dockerSpec(id: string, args: string[], over: Partial<OciSpec> = {}): OciSpec {
  return {
    ociVersion: '1.2.0',
    process: { terminal: false, user: { uid: 0, gid: 0 }, args, env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HOSTNAME=${id.slice(0, 12)}`], cwd: '/' },
    root: { path: ROOTFS },
    hostname: id.slice(0, 12),
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
      { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=67108864'] },
    ],
    linux: {
      namespaces: [{ type: 'mount' }, { type: 'network' }, { type: 'uts' }, { type: 'pid' }, { type: 'ipc' }, { type: 'cgroup' }],
      cgroupsPath: `system.slice:docker:${id}`,
      resources: { memory: { limit: 64 * 1024 * 1024, swap: 128 * 1024 * 1024 }, pids: { limit: 100 } },
      maskedPaths: ['/proc/kcore', '/proc/keys', '/sys/firmware'],
      readonlyPaths: ['/proc/sys', '/proc/sysrq-trigger'],
    },
    ...over,
  };
}
