// What a lesson sees of a world: the Engine API (through the same client the
// docker CLI uses), the kernel's process table and host files, and a shell to
// set a step's world up. The world hands one in; this package never imports it.

import { EngineClient, handle, type Backend, type Transport } from '@dockersim/engine-api';
import type { Kernel, ProcessInfo } from '@dockersim/kernel';

export interface ExecOutcome { stdout: string; stderr: string; exitCode: number }

export interface LessonHost {
  /** The Engine API of the node's dockerd. Checks use only its read endpoints. */
  readonly engine: EngineClient;
  /** Every process of the node, host pids (kernel state). */
  processes(): ProcessInfo[];
  /** A file of the node's root filesystem as the host sees it; undefined when absent. */
  readFile(path: string): Uint8Array | undefined;
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

export function lessonHost(world: WorldLike, transport: Transport = inProcessTransport(world)): LessonHost {
  const engine = new EngineClient(transport);
  return {
    engine,
    processes: () => world.kernel.processes(),
    readFile(path) {
      try {
        return world.kernel.fs.exists(path) ? world.kernel.fs.readFile(path) : undefined;
      } catch {
        return undefined; // a directory, a dangling link: not a file
      }
    },
    writeFile(path, content) { world.kernel.fs.writeFile(path, content); },
    exec: (line) => world.exec(line),
  };
}
