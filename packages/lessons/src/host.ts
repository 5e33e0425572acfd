// What a lesson sees of a world: the Engine API (through the same client the
// docker CLI uses), the kernel's process table and host files, and a shell to
// set a step's world up. The world hands one in; this package never imports it.

import { EngineClient, handle, type Backend, type Transport } from '@dockersim/engine-api';
import { O_RDONLY, S_IFCHR, S_IFDIR, S_IFMT, S_IFREG, type Kernel, type OpenFile, type ProcessInfo } from '@dockersim/kernel';

export interface ExecOutcome { stdout: string; stderr: string; exitCode: number }

/** What stat(2) says of a path: its type and numeric owner. */
export interface FileStat {
  /** `whiteout` is overlayfs's mark of a deleted file (a 0/0 character device). */
  type: 'file' | 'dir' | 'whiteout' | 'other';
  uid: number;
  gid: number;
}

export interface LessonHost {
  /** The Engine API of the node's dockerd. Checks use only its read endpoints. */
  readonly engine: EngineClient;
  /** Every process of the node, host pids (kernel state). */
  processes(): ProcessInfo[];
  /** A file of the node's root filesystem as the host sees it; undefined when absent. */
  readFile(path: string): Uint8Array | undefined;
  /** stat(2) of a path of the node's root filesystem (symlinks followed); undefined when absent. */
  stat(path: string): FileStat | undefined;
  writeFile(path: string, content: string): void;
  /** Runs one command line with the node's shell and waits for it. */
  exec(commandLine: string): Promise<ExecOutcome>;
}

/** The parts of a world a LessonHost is made from (World satisfies it). */
export interface WorldLike {
  readonly kernel: Kernel;
  daemon(): Backend | undefined;
  exec(commandLine: string): Promise<ExecOutcome>;
}

/**
 * Requests go straight to dockerd's routes, as the in-page client does: the
 * same handler the socket and HTTP transports reach, without a process to
 * carry them. Only read endpoints are called this way (they touch no
 * process state).
 */
function inProcessTransport(world: WorldLike): Transport {
  return {
    request(req) {
      const d = world.daemon();
      if (!d) return Promise.resolve({ status: 500, body: { message: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' } });
      return handle(d, req);
    },
  };
}

/** A file made on demand (/proc): read to its end as cat would; undefined if a read would block. */
function readGenerated(f: OpenFile): Uint8Array | undefined {
  try {
    const parts: Uint8Array[] = [];
    for (;;) {
      const b = f.read(65536);
      if (b instanceof Promise) return undefined;
      if (b.length === 0) break;
      parts.push(b);
    }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  } finally {
    f.release();
  }
}

export function lessonHost(world: WorldLike, transport: Transport = inProcessTransport(world)): LessonHost {
  const engine = new EngineClient(transport);
  return {
    engine,
    processes: () => world.kernel.processes(),
    readFile(path) {
      try {
        if (!world.kernel.fs.exists(path)) return undefined;
        const n = world.kernel.fs.node(path);
        if ((n.mode & S_IFMT) !== S_IFREG) return undefined;
        return n.open ? readGenerated(n.open(world.kernel.fs.ctx, O_RDONLY)) : world.kernel.fs.readFile(path);
      } catch {
        return undefined; // a directory, a dangling link: not a file
      }
    },
    stat(path) {
      try {
        const n = world.kernel.fs.node(path);
        const fmt = n.mode & S_IFMT;
        const type = fmt === S_IFREG ? 'file' : fmt === S_IFDIR ? 'dir' : fmt === S_IFCHR && n.rdev === 0 ? 'whiteout' : 'other';
        return { type, uid: n.uid, gid: n.gid };
      } catch {
        return undefined;
      }
    },
    writeFile(path, content) { world.kernel.fs.writeFile(path, content); },
    exec: (line) => world.exec(line),
  };
}
