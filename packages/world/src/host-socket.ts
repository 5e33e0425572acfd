// The host's door into the simulated kernel's unix sockets. Something outside
// the world (`dockersim serve`, relaying the real docker CLI) needs to reach
// dockerd the way every client inside does: connect to /var/run/docker.sock
// and exchange messages. A gateway process runs on the host for that, as the
// in-VM end of a forwarded docker.sock does under Docker Desktop or Lima: the
// outside world makes its system calls through it, so every hop (connect,
// sendmsg, recvmsg, close) is a system call of a visible process and shows up
// in the trace like any other client's.

import { SIGKILL, SIGPIPE, executable, type Kernel, type Program, type Sys } from '@dockersim/kernel';
import { DOCKER_SOCKET, socketTransport, type Transport } from '@dockersim/engine-api';

export const GATEWAY_PATH = '/usr/local/libexec/dockersim-gateway';
export const GATEWAY_PROGRAM = 'dockersim-gateway';

export interface HostGateway {
  /** Host pid of the gateway process. */
  readonly pid: number;
  /** An Engine API transport to the daemon listening on `path` (default /var/run/docker.sock). */
  transport(path?: string): Transport;
  /** Ends the gateway process; its open connections close. */
  close(): void;
}

/** The gateway program: hands its system-call interface to the host and waits. */
function gatewayProgram(onStart: (sys: Sys) => void): Program {
  return async ({ sys }) => {
    // A client that leaves mid-stream is an EPIPE to report, not a reason to die.
    sys.sigaction(SIGPIPE, 'ignore');
    onStart(sys);
    for (;;) await sys.pause().catch(() => undefined);
  };
}

/**
 * Starts a gateway process on the host. `register` adds a program to the
 * world's table; `kick` lets a realtime world run what a host call woke up.
 */
export async function startGateway(kernel: Kernel, register: (name: string, p: Program) => void, kick: () => void): Promise<HostGateway> {
  let resolveSys!: (s: Sys) => void;
  const ready = new Promise<Sys>((r) => { resolveSys = r; });
  register(GATEWAY_PROGRAM, gatewayProgram((s) => resolveSys(s)));
  if (!kernel.fs.exists(GATEWAY_PATH)) {
    kernel.fs.mkdirp('/usr/local/libexec', 0o755);
    kernel.fs.writeFile(GATEWAY_PATH, executable(GATEWAY_PROGRAM), 0o755, 0, 0, true);
  }
  const pid = kernel.spawn({ path: GATEWAY_PATH, argv: [GATEWAY_PATH], env: [], cwd: '/', setsid: true });
  kick();
  const sys = kicking(await ready, kick);
  return {
    pid,
    transport: (path = DOCKER_SOCKET) => socketTransport(sys, path),
    close() { try { kernel.kill(pid, SIGKILL); } catch { /* already gone */ } kick(); },
  };
}

/**
 * The gateway's Sys as the host uses it: after each call the world runs
 * whatever the call woke (dockerd reading a request, a container's stdin).
 */
function kicking(sys: Sys, kick: () => void): Sys {
  return new Proxy(sys, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        try { return (v as (...a: unknown[]) => unknown).apply(target, args); } finally { kick(); }
      };
    },
  });
}
