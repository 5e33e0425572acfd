// A miniature of `docker run --rm alpine true` over the kernel's real
// mechanisms, for tests and the benchmark: a CLI process calls a daemon over
// a SOCK_SEQPACKET socket; the daemon calls a second daemon; that starts a
// shim, which runs a runtime that makes the container (namespaces, cgroup,
// overlay rootfs, pivot_root) and execs its init; the shim reaps it and the
// answer travels back.

import type { Program, Sys } from '../sys.ts';
import { AF_UNIX, CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUTS,
  O_WRONLY, SOCK_SEQPACKET, MS_PRIVATE, MS_REC, MNT_DETACH } from '../abi/flags.ts';
import { SysError } from '../abi/errno.ts';

async function writeFile(sys: Sys, path: string, v: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY);
  try { await sys.write(fd, v); } finally { sys.close(fd); }
}

async function serve(sys: Sys, path: string, handle: (m: { op: string; id: string }) => Promise<unknown>): Promise<number> {
  const l = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  sys.bind(l, { path });
  sys.listen(l);
  sys.setCloexec(l, true);
  for (;;) {
    const c = await sys.accept(l);
    sys.setCloexec(c, true);
    void (async () => {
      for (;;) {
        const m = await sys.recvmsg(c) as { op: string; id: string } | null;
        if (!m) break;
        await sys.sendmsg(c, await handle(m));
      }
      sys.close(c);
    })().catch((e) => { if (!(e instanceof SysError)) throw e; });
  }
}

async function call(sys: Sys, path: string, msg: unknown): Promise<unknown> {
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  sys.setCloexec(fd, true);
  await sys.connect(fd, { path });
  await sys.sendmsg(fd, msg);
  const r = await sys.recvmsg(fd);
  sys.close(fd);
  return r;
}

const NS = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWCGROUP;

export const lifecyclePrograms: Record<string, Program> = {
  dockerd: ({ sys }) => serve(sys, '/run/docker.sock', async (m) => call(sys, '/run/containerd.sock', m)),
  containerd: ({ sys }) => serve(sys, '/run/containerd.sock', async (m) => {
    const [r, w] = sys.pipe();
    sys.setCloexec(r, true);
    const pid = sys.clone({ child: async (s) => { s.dup2(w, 3); s.close(w); return s.execve('/bin/shim', ['shim', m.id], []); } });
    sys.close(w);
    const b = await sys.read(r);
    sys.close(r);
    await sys.wait4(pid);
    return { id: m.id, status: b[0] };
  }),
  shim: async ({ sys, argv }) => {
    const id = argv[1]!;
    const run = async (args: string[]): Promise<number> => {
      const pid = sys.clone({ child: (s) => s.execve('/bin/runc', ['runc', ...args], []) });
      const r = await sys.wait4(pid);
      return r!.status.code ?? 128;
    };
    sys.prctl(36, 1);
    await run(['create', id]);
    await run(['start', id]);
    const r = await sys.wait4(-1);
    await run(['delete', id]);
    await sys.write(3, Uint8Array.of(r!.status.code ?? 255));
    return 0;
  },
  runc: async ({ sys, argv }) => {
    const [cmd, id] = [argv[1], argv[2]!];
    const cg = `/sys/fs/cgroup/docker/${id}`;
    if (cmd === 'create') {
      sys.mkdir(cg);
      sys.clone({ flags: NS, child: async (s) => {
        await writeFile(s, `${cg}/cgroup.procs`, '0');
        s.sethostname(id.slice(0, 12));
        s.mount('', '/', '', MS_REC | MS_PRIVATE);
        const root = `/var/lib/docker/overlay2/${id}`;
        s.mkdir(root);
        s.mkdir(`${root}/upper`); s.mkdir(`${root}/work`); s.mkdir(`${root}/merged`);
        s.mount('overlay', `${root}/merged`, 'overlay', 0,
          `lowerdir=/var/lib/docker/image/alpine,upperdir=${root}/upper,workdir=${root}/work`);
        s.mount('proc', `${root}/merged/proc`, 'proc', 0);
        s.chdir(`${root}/merged`);
        s.pivot_root('.', '.');
        s.umount('.', MNT_DETACH);
        s.chdir('/');
        return s.execve('/bin/true', ['true'], ['PATH=/bin']);
      } });
      return 0;
    }
    if (cmd === 'delete') {
      sys.rmdir(cg);
      const root = `/var/lib/docker/overlay2/${id}`;
      for (const d of ['upper', 'work', 'merged']) { try { sys.rmdir(`${root}/${d}`); } catch (e) { if (!(e instanceof SysError)) throw e; } }
      sys.rmdir(root);
      return 0;
    }
    return 0;
  },
  docker: async ({ sys }) => {
    const r = await call(sys, '/run/docker.sock', { op: 'run', id: `c${sys.getpid()}` }) as { status: number };
    return r.status;
  },
  true: () => 0,
};

/** Lays out the host for the lifecycle and starts the daemons (after boot). */
export function prepareHost(fs: { mkdirp(p: string, mode?: number): void; writeFile(p: string, d: Uint8Array | string, mode?: number): void },
  exe: (name: string) => Uint8Array): void {
  for (const d of ['/run', '/sys', '/var/lib/docker/overlay2', '/var/lib/docker/image/alpine/bin', '/var/lib/docker/image/alpine/proc']) fs.mkdirp(d);
  fs.writeFile('/var/lib/docker/image/alpine/bin/true', exe('true'), 0o755);
  for (const n of Object.keys(lifecyclePrograms)) fs.writeFile(`/bin/${n}`, exe(n), 0o755);
}
