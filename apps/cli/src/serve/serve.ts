// `dockersim serve`: a world on a wall clock, its Engine API served to the
// real docker CLI and the SDKs. Requests travel HTTP -> HttpConnection ->
// the host gateway process -> /var/run/docker.sock inside the world ->
// dockerd -> the shared routes (see README.md in this directory).

import { API_VERSION, EngineClient, type VersionResponse } from '@dockersim/engine-api';
import { createWorld } from '@dockersim/world';
import { HostError, isLoopback, parseHost, DEFAULT_UNIX, type ListenAddr } from './hosts.ts';
import { listen, type Listener } from './listen.ts';

export const serveUsage = `Usage:  dockersim serve [OPTIONS]

Start a simulated Docker host and serve its Engine API

Options:
  -H, --host list     Daemon socket(s) to listen on, as dockerd takes them:
                      unix:///PATH or tcp://127.0.0.1:PORT (repeatable;
                      default unix://${DEFAULT_UNIX})
      --tls=false     Allow a tcp address other than loopback (no TLS: anyone
                      who can reach it controls the simulated host)
      --seed int      Seed of the world's randomness (default 1)
  -h, --help          Print usage
`;

export interface ServeOptions { hosts: ListenAddr[]; tlsOff: boolean; seed: number }

export function parseServeArgs(argv: string[]): ServeOptions | { help: true } {
  const hosts: ListenAddr[] = [];
  let tlsOff = false, seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new HostError(`flag needs an argument: ${a}`);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') return { help: true };
    else if (name === '-H' || name === '--host') hosts.push(parseHost(value()));
    else if (a.startsWith('-H') && a.length > 2) hosts.push(parseHost(a.slice(2)));
    else if (name === '--tls') tlsOff = (inline ?? 'true') === 'false';
    else if (name === '--seed') seed = Number(value());
    else throw new HostError(`unknown flag: ${a}`);
  }
  if (!hosts.length) hosts.push(parseHost(''));
  for (const h of hosts) {
    if (h.proto === 'tcp' && !isLoopback(h.host) && !tlsOff) {
      throw new HostError(`refusing to serve the API on ${h.host}:${h.port} without TLS: it would give anyone on the network control of the host; listen on 127.0.0.1, or pass --tls=false to do it anyway`);
    }
  }
  return { hosts, tlsOff, seed };
}

export interface Served { urls: string[]; close(): Promise<void> }

/** Boots a realtime world and serves its API on every address. */
export async function startServe(o: ServeOptions, onCrash?: (pid: number, e: unknown) => void): Promise<Served> {
  const world = await createWorld({
    hostYield: () => new Promise<void>((r) => setImmediate(r)),
    onCrash,
    seed: o.seed,
    clock: 'realtime',
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    // Timestamps the CLI compares with the user's clock ("Up 5 seconds", "2 minutes ago").
    bootTime: Date.now(),
    wallClock: () => Date.now(),
  });
  const gateway = await world.hostGateway();
  const transport = gateway.transport();
  const version: VersionResponse = await new EngineClient(transport).serverVersion();
  const opts = { transport, engineVersion: version.Version, apiVersion: version.ApiVersion || API_VERSION, now: () => Date.now() };
  const listeners: Listener[] = [];
  try {
    for (const h of o.hosts) listeners.push(await listen(h, opts));
  } catch (e) {
    await Promise.all(listeners.map((l) => l.close()));
    gateway.close();
    throw e;
  }
  return {
    urls: listeners.map((l) => l.url),
    async close() {
      await Promise.all(listeners.map((l) => l.close()));
      gateway.close();
    },
  };
}

/** The command: prints one line once every address listens, stops on SIGINT/SIGTERM. */
export async function serveCommand(argv: string[], onCrash?: (pid: number, e: unknown) => void): Promise<number> {
  let o: ServeOptions;
  try {
    const parsed = parseServeArgs(argv);
    if ('help' in parsed) { process.stdout.write(serveUsage); return 0; }
    o = parsed;
  } catch (e) {
    process.stderr.write(`dockersim serve: ${(e as Error).message}\nSee 'dockersim serve --help'.\n`);
    return 125;
  }
  let served: Served;
  try {
    served = await startServe(o, onCrash);
  } catch (e) {
    process.stderr.write(`dockersim serve: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`API listen on ${served.urls.join(' ')}\n`);
  return await new Promise<number>((resolve) => {
    const stop = () => { void served.close().then(() => resolve(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
