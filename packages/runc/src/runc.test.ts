import { describe, expect, it } from 'vitest';
import { O_WRONLY, O_CREAT, O_TRUNC, O_RDONLY } from '@dockersim/kernel';
import type { Program, Sys } from '@dockersim/kernel';
import { runc } from './index.ts';
import { bootHost, dockerSpec, ROOTFS } from './test-host.ts';
import type { TestHost } from './test-host.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const dec = new TextDecoder();
const ROOT = '/run/docker/runtime-runc/moby';
const ID = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const BUNDLE = `/run/containerd/io.containerd.runtime.v2.task/moby/${ID}`;
const CG = `/sys/fs/cgroup/system.slice/docker-${ID}.scope`;

async function cat(sys: Sys, path: string): Promise<string> {
  const fd = sys.open(path, O_RDONLY);
  try { return dec.decode(await sys.read(fd)); } finally { sys.close(fd); }
}

/** Reports what a process sees of its container, into /tmp/probe.out (and stdout). */
const probe: Program = async ({ sys }) => {
  const procs = sys.readdir('/proc').map((d) => d.name).filter((n) => /^\d+$/.test(n)).sort();
  const lines = [
    `pid=${sys.getpid()} ppid=${sys.getppid()} host=${sys.gethostname()} cwd=${sys.getcwd()}`,
    `procs=${procs.join(',')}`,
    `memory.max=${(await cat(sys, '/sys/fs/cgroup/memory.max').catch(() => '67108864')).trim()}`,
    `devnull=${sys.stat('/dev/null').rdev === 259}`,
    // the cgroup namespace is unshared once the init is in its cgroup, which becomes its root
    `cgroup=${(await cat(sys, '/proc/self/cgroup')).trim()}`,
  ].join('\n') + '\n';
  const fd = sys.open('/tmp/probe.out', O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  await sys.write(fd, lines);
  sys.close(fd);
  await sys.write(1, lines);
  return 3;
};

/** Sleeps forever without signal handlers (SIGTERM does nothing to a PID 1 like it). */
const sleeper: Program = async ({ sys }) => { for (;;) await sys.sleep(1e9); };

async function host(): Promise<TestHost> {
  return bootHost({ runc, probe, sleeper }, ['probe', 'sleeper'], hostYield);
}

function writeBundle(h: TestHost, args: string[], over = {}): void {
  const spec = dockerSpec(ID, args, over);
  if (!h.realSysfs) spec.mounts = spec.mounts.filter((m) => m.type !== 'sysfs');
  h.k.fs.writeFile(`${BUNDLE}/config.json`, JSON.stringify(spec));
}

const rc = (...a: string[]) => ['runc', '--root', ROOT, ...a];

/** The msg of a logrus text line on stderr (runc without --log), unquoted. */
function logMsg(err: string): string {
  const m = /^time="[^"]+" level=error msg=(".*"|\S+)\n$/.exec(err);
  if (!m) return `unparsed: ${err}`;
  return m[1]!.startsWith('"') ? JSON.parse(m[1]!) as string : m[1]!;
}

describe('runc create/start/state/delete', () => {
  it('runs the init as PID 1 of new namespaces in its cgroup, after start only', async () => {
    const h = await host();
    writeBundle(h, ['probe']);
    const c = await h.run(rc('create', '--bundle', BUNDLE, '--pid-file', `${BUNDLE}/init.pid`, ID));
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    const pid = Number(h.readFile(`${BUNDLE}/init.pid`));
    expect(pid).toBeGreaterThan(1);
    expect(h.exists(`${ROOT}/${ID}/exec.fifo`)).toBe(true);
    expect(h.exists(`${ROOTFS}/tmp/probe.out`)).toBe(false);
    expect((await h.cat(`${CG}/memory.max`)).trim()).toBe('67108864');
    expect((await h.cat(`${CG}/pids.max`)).trim()).toBe('100');
    if (h.realCgroups) expect((await h.cat(`${CG}/cgroup.procs`)).trim()).toBe(String(pid));

    const st = await h.run(rc('state', ID));
    const state = JSON.parse(st.out);
    expect(state).toMatchObject({ ociVersion: '1.2.0', id: ID, pid, status: 'created', bundle: BUNDLE, rootfs: ROOTFS, owner: '' });
    expect(state.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Object.keys(state)).toEqual(['ociVersion', 'id', 'pid', 'status', 'bundle', 'rootfs', 'created', 'owner']);

    expect((await h.run(rc('start', ID))).code).toBe(0);
    await h.settle();
    const out = h.readFile(`${ROOTFS}/tmp/probe.out`);
    expect(out).toBe(`pid=1 ppid=0 host=${ID.slice(0, 12)} cwd=/\nprocs=1\nmemory.max=67108864\ndevnull=true\ncgroup=0::/\n`);
    expect(h.exists(`${ROOT}/${ID}/exec.fifo`)).toBe(false);

    const after = JSON.parse((await h.run(rc('state', ID))).out);
    expect(after.status).toBe('stopped');
    expect(after.pid).toBe(0);
    expect(logMsg((await h.run(rc('start', ID))).err)).toBe('cannot start a container that has stopped');

    const list = await h.run(rc('list'));
    const lines = list.out.split('\n');
    // text/tabwriter, minwidth 12, padding 3: a column is its widest cell + 3
    const created = state.created as string;
    const pad = (s: string, w: number) => s + ' '.repeat(w - s.length);
    expect(lines[0]).toBe(pad('ID', 67) + pad('PID', 12) + pad('STATUS', 12) + pad('BUNDLE', BUNDLE.length + 3) + pad('CREATED', created.length + 3) + 'OWNER');
    expect(lines[1]).toBe(pad(ID, 67) + pad('0', 12) + pad('stopped', 12) + pad(BUNDLE, BUNDLE.length + 3) + pad(created, created.length + 3) + 'root');
    expect(lines.length).toBe(3);

    expect((await h.run(rc('delete', ID))).code).toBe(0);
    expect(h.exists(`${ROOT}/${ID}`)).toBe(false);
    expect(h.exists(CG)).toBe(false);
    const gone = await h.run(rc('state', ID));
    expect(gone.code).toBe(1);
    expect(logMsg(gone.err)).toBe('container does not exist');
  });

  it('fails create with the lookup error before waiting for start, and cleans up', async () => {
    const h = await host();
    writeBundle(h, ['foo']);
    const c = await h.run(rc('--log', `${BUNDLE}/log.json`, '--log-format', 'json', 'create', '--bundle', BUNDLE, ID));
    expect(c.code).toBe(1);
    const msg = 'runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH';
    expect(c.err).toBe(msg + '\n');
    const log = JSON.parse(h.readFile(`${BUNDLE}/log.json`).trim().split('\n').at(-1)!);
    expect(log).toMatchObject({ level: 'error', msg });
    expect(h.exists(`${ROOT}/${ID}`)).toBe(false);
    if (h.realCgroups) expect(h.exists(CG)).toBe(false);

    writeBundle(h, ['/bin/nope']);
    const d = await h.run(rc('create', '--bundle', BUNDLE, ID));
    expect(logMsg(d.err)).toBe('runc create failed: unable to start container process: error during container init: exec: "/bin/nope": stat /bin/nope: no such file or directory');
  });

  it('kill: an init without handlers ignores SIGTERM, SIGKILL ends it; delete refuses a running one', async () => {
    const h = await host();
    writeBundle(h, ['sleeper']);
    await h.run(rc('create', '--bundle', BUNDLE, '--pid-file', `${BUNDLE}/init.pid`, ID));
    const pid = Number(h.readFile(`${BUNDLE}/init.pid`));
    await h.run(rc('start', ID));
    await h.settle();
    expect(h.k.processes().find((p) => p.pid === pid)?.argv).toEqual(['sleeper']);
    expect((await h.run(rc('kill', ID))).code).toBe(0);
    await h.settle();
    expect(JSON.parse((await h.run(rc('state', ID))).out).status).toBe('running');
    const del = await h.run(rc('delete', ID));
    expect(logMsg(del.err)).toBe(`cannot delete container ${ID} that is not stopped: running`);
    expect((await h.run(rc('kill', ID, 'KILL'))).code).toBe(0);
    await h.settle();
    expect(JSON.parse((await h.run(rc('state', ID))).out).status).toBe('stopped');
    const again = await h.run(rc('kill', ID, 'KILL'));
    expect(logMsg(again.err)).toBe('container not running');
    expect(logMsg((await h.run(rc('kill', ID, 'SIGFOO'))).err)).toBe('unknown signal "SIGFOO"');
    expect((await h.run(rc('delete', ID))).code).toBe(0);
  });

  it('exec joins the namespaces of a running container', async () => {
    const h = await host();
    writeBundle(h, ['sleeper']);
    await h.run(rc('create', '--bundle', BUNDLE, ID));
    await h.run(rc('start', ID));
    await h.settle();
    const e = await h.run(rc('exec', ID, 'probe'));
    expect(e.code).toBe(3);
    expect(e.out).toBe(`pid=2 ppid=0 host=${ID.slice(0, 12)} cwd=/\nprocs=1,2\nmemory.max=67108864\ndevnull=true\ncgroup=0::/\n`);
    const bad = await h.run(rc('exec', ID, 'nope'));
    expect(bad.code).toBe(255);
    expect(logMsg(bad.err)).toBe('exec failed: unable to start container process: exec: "nope": executable file not found in $PATH');
    await h.run(rc('delete', '--force', ID));
    expect(h.exists(`${ROOT}/${ID}`)).toBe(false);
    const ex = await h.run(rc('exec', ID, 'probe'));
    expect(logMsg(ex.err)).toBe('container does not exist');
  });
});
