import { describe, expect, it } from 'vitest';
import { AF_UNIX, SOCK_STREAM, makedev } from '@dockersim/kernel';
import type { Program } from '@dockersim/kernel';
import { runc } from './index.ts';
import { bootHost, dockerSpec } from './test-host.ts';
import type { TestHost } from './test-host.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
const dec = new TextDecoder();
const ROOT = '/run/docker/runtime-runc/moby';
const ID = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
const BUNDLE = `/run/containerd/io.containerd.runtime.v2.task/moby/${ID}`;
const SOCK = '/tmp/pty1/pty.sock';

/** In the container: what its terminal is, as tty(1), stat and stty would tell. */
const ttyprobe: Program = async ({ sys, argv }) => {
  const st = sys.fstat(0);
  const con = (() => { try { return sys.stat('/dev/console').rdev === st.rdev ? 'same' : 'other'; } catch { return 'none'; } })();
  const ws = sys.getwinsize(0);
  await sys.write(1, `${argv[1] ?? 'init'} ${sys.ttyname(0)} rdev=${st.rdev === makedev(136, Number(sys.ttyname(0).slice(9))) ? 'ok' : st.rdev} console=${con} size=${ws.rows}x${ws.cols} pts=${sys.readdir('/dev/pts').map((d) => d.name).join(',')}\n`);
  if (argv[1] !== 'exec') await sys.sleep(1000);
  return 0;
};

/** The caller's side of --console-socket: takes the master and prints what comes out of it. */
const receiver: Program = async ({ sys, argv }) => {
  const l = sys.socket(AF_UNIX, SOCK_STREAM);
  sys.bind(l, { path: argv[1]! });
  sys.listen(l);
  const c = await sys.accept(l);
  const got = await sys.recvmsg(c, { fds: true }) as { msg: Uint8Array; fds: number[] };
  await sys.write(1, `name=${dec.decode(got.msg)} fds=${got.fds.length}\n`);
  const m = got.fds[0]!;
  try { for (let b = await sys.read(m); b.length; b = await sys.read(m)) await sys.write(1, b); } catch { /* EIO: the slave is closed */ }
  return 0;
};

async function host(): Promise<TestHost> {
  const h = await bootHost({ runc, ttyprobe, receiver }, ['ttyprobe'], hostYield);
  h.k.fs.mkdirp('/tmp/pty1');
  h.k.fs.mkdirp('/tmp/pty2');
  return h;
}

const rc = (...a: string[]) => ['runc', '--root', ROOT, ...a];

function writeBundle(h: TestHost, args: string[], terminal: boolean): void {
  const spec = dockerSpec(ID, args);
  spec.process.terminal = terminal;
  spec.process.consoleSize = { height: 30, width: 100 };
  if (!h.realSysfs) spec.mounts = spec.mounts.filter((m) => m.type !== 'sysfs');
  h.k.fs.writeFile(`${BUNDLE}/config.json`, JSON.stringify(spec));
}

async function until(h: TestHost, done: () => boolean): Promise<void> {
  await h.k.runUntilIdle({ until: done });
}

describe('runc --console-socket', () => {
  it('makes the terminal inside the container: its /dev/pts/0, over /dev/console, master sent to the socket', async () => {
    const h = await host();
    // the host's own terminals take host pts/0 and pts/1
    h.k.ptys.hostPty();
    h.k.ptys.hostPty();
    writeBundle(h, ['ttyprobe'], true);
    const r = h.spawn(['receiver', SOCK]);
    await h.settle();
    const c = await h.run(rc('create', '--bundle', BUNDLE, '--console-socket', SOCK, ID));
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    expect((await h.run(rc('start', ID))).code).toBe(0);

    const x = h.spawn(['receiver', '/tmp/pty2/pty.sock']);
    await h.settle();
    h.k.fs.writeFile('/tmp/exec.json', JSON.stringify({ ...dockerSpec(ID, ['ttyprobe', 'exec']).process, terminal: true }));
    const e = await h.run(rc('exec', '--process', '/tmp/exec.json', '--console-socket', '/tmp/pty2/pty.sock', '--detach', ID));
    expect(e.err).toBe('');
    expect(e.code).toBe(0);
    await until(h, () => r.done() && x.done());
    // the master's output went through the line discipline (ONLCR)
    expect(r.out()).toBe('name=/dev/ptmx fds=1\ninit /dev/pts/0 rdev=ok console=same size=30x100 pts=ptmx,0\r\n');
    expect(x.out()).toBe('name=/dev/ptmx fds=1\nexec /dev/pts/1 rdev=ok console=other size=24x80 pts=ptmx,0,1\r\n');
  });

  it('runc run in the foreground copies the container terminal itself, then destroys the container', async () => {
    const h = await host();
    h.k.ptys.hostPty();
    writeBundle(h, ['ttyprobe', 'run'], true);
    const r = await h.run(rc('run', '--bundle', BUNDLE, ID));
    expect(r.err).toBe('');
    expect(r.out).toBe('run /dev/pts/0 rdev=ok console=same size=30x100 pts=ptmx,0\r\n');
    expect(r.code).toBe(0);
    expect(h.exists(`${ROOT}/${ID}`)).toBe(false);
    const d = await h.run(rc('run', '-d', '--bundle', BUNDLE, ID));
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/msg="runc run failed: cannot allocate tty if runc will detach without setting console socket"\n$/);
  });

  it('refuses a terminal without a console socket when it detaches, and a console socket without a terminal', async () => {
    const h = await host();
    writeBundle(h, ['ttyprobe'], true);
    const c = await h.run(rc('create', '--bundle', BUNDLE, ID));
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/level=error msg="runc create failed: cannot allocate tty if runc will detach without setting console socket"\n$/);
    expect(h.exists(`${ROOT}/${ID}`)).toBe(false);

    writeBundle(h, ['ttyprobe'], false);
    const d = await h.run(rc('create', '--bundle', BUNDLE, '--console-socket', SOCK, ID));
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/msg="runc create failed: cannot use console socket if runc will not detach or allocate tty"\n$/);

    const m = await h.run(rc('create', '--bundle', BUNDLE, ID));
    expect(m.code).toBe(0);
    const e = await h.run(rc('exec', '--tty', '--console-socket', SOCK, ID, 'ttyprobe'));
    expect(e.code).toBe(255);
    expect(e.err).toMatch(/msg="exec failed: cannot use console socket if runc will not detach or allocate tty"\n$/);
    const f = await h.run(rc('exec', '--tty', '--detach', '--console-socket', '/tmp/nope.sock', ID, 'ttyprobe'));
    expect(f.code).toBe(255);
    expect(f.err).toMatch(/msg="exec failed: dial unix \/tmp\/nope.sock: connect: no such file or directory"\n$/);
  });
});
