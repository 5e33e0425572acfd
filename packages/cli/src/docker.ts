// The docker program's main (cmd/docker/docker.go): global flags, finding the
// subcommand, flag errors (exit 125), argument errors (exit 1), help, and
// printing the error a command returns.

import { EngineClient, socketTransport } from '@dockersim/engine-api';
import type { ProcessContext } from '@dockersim/kernel';
import { Cli, type ApiClient, type CliIO, type GlobalOptions } from './cli.ts';
import { CommandPath, StatusError, nameOf } from './cobra/command.ts';
import { allFlags, renderHelp, type ServerFeatures } from './cobra/help.ts';
import { FlagError, parseFlags } from './flags/flagset.ts';
import { rootCommand } from './commands/root.ts';
import { sysIO } from './sysio.ts';
import { CLIENT_VERSION, GIT_COMMIT } from './version.ts';

function helpWidth(io: CliIO): number {
  return io.winsize(0)?.cols || 80;
}

async function serverFeatures(cli: Cli): Promise<ServerFeatures | undefined> {
  try {
    const h = await cli.client.ping();
    const get = (k: string) => Object.entries(h).find(([n]) => n.toLowerCase() === k.toLowerCase())?.[1];
    const swarm = get('Swarm');
    const [nodeState, role] = (swarm ?? '').split('/');
    return {
      experimental: get('Docker-Experimental') === 'true',
      swarm: swarm ? { nodeState, controlAvailable: role === 'manager' } : undefined,
    };
  } catch {
    return undefined;
  }
}

async function showHelp(cli: Cli, cp: CommandPath, fd: 1 | 2): Promise<void> {
  await cli.io.write(fd, renderHelp(cp, helpWidth(cli.io), await serverFeatures(cli)));
}

async function execute(io: CliIO, argv: string[], makeClient: (g: GlobalOptions) => ApiClient): Promise<number> {
  const root = new CommandPath([rootCommand]);
  const rootFlags = allFlags(rootCommand, true);
  let parsed;
  try {
    parsed = parseFlags(rootFlags, argv, false);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    throw new StatusError(`${e.message}\n\nUsage:  ${root.useLine}\n\nRun 'docker --help' for more information`, 125);
  }
  const g = parsed.opts;
  const globals: GlobalOptions = {
    host: g.list('host'), context: g.str('context'), debug: g.bool('debug'),
    logLevel: g.str('log-level'), config: g.str('config'),
  };
  const cli = new Cli(io, () => makeClient(globals), globals);
  for (const n of parsed.notices) await io.write(1, n + '\n');
  if (g.bool('help')) { cli.cmd = root; await showHelp(cli, root, 1); return 0; }
  if (g.bool('version')) { await io.write(1, `Docker version ${CLIENT_VERSION}, build ${GIT_COMMIT}\n`); return 0; }

  let rest = parsed.args;
  let cp = root;
  if (rest[0] === 'help') {
    let target = root;
    for (const a of rest.slice(1)) {
      const c = target.find(a);
      if (!c) throw new StatusError(`unknown help topic: ${rest.slice(1).join(' ')}`, 1);
      target = target.child(c);
    }
    cli.cmd = target;
    await showHelp(cli, target, 1);
    return 0;
  }
  for (;;) {
    const c = rest.length ? cp.find(rest[0]) : undefined;
    if (!c) break;
    cp = cp.child(c);
    rest = rest.slice(1);
  }
  cli.cmd = cp;
  if (cp === root) {
    if (!rest.length) { await showHelp(cli, root, 2); return 0; }
    throw new StatusError(`docker: unknown command: docker ${rest[0]}\n\nRun 'docker --help' for more information`, 1);
  }
  const cmd = cp.cmd;
  let sub;
  try {
    sub = parseFlags(allFlags(cmd, false), rest, cmd.interspersed !== false);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    throw new StatusError(`${e.message}\n\nUsage:  ${cp.useLine}\n\nRun '${cp.path} --help' for more information`, 125);
  }
  for (const n of sub.notices) await io.write(1, n + '\n');
  if (sub.opts.bool('help')) { await showHelp(cli, cp, 1); return 0; }
  if (cmd.subcommands && !cmd.run) {
    if (!sub.args.length) { await showHelp(cli, cp, 2); return 0; }
    throw new StatusError(`docker: unknown command: ${cp.path} ${sub.args[0]}\n\nUsage:  ${cp.useLine}\n\nRun '${cp.path} --help' for more information`, 1);
  }
  const argErr = cmd.args?.(cp, sub.args);
  if (argErr) throw new StatusError(argErr, 1);
  if (!cmd.run) throw new StatusError(`docker: '${nameOf(cmd)}' is not available in this environment`, 1);
  const code = await cmd.run(cli, sub.opts, sub.args);
  return code ?? 0;
}

/**
 * Runs the docker CLI with argv (without "docker") over io. `client` replaces
 * the Engine API client (tests pass a fake).
 */
export async function runDocker(io: CliIO, argv: string[], client?: ApiClient | ((g: GlobalOptions) => ApiClient)): Promise<number> {
  const make = typeof client === 'function' ? client : () => {
    if (!client) throw new Error('no Engine API client');
    return client;
  };
  try {
    return await execute(io, argv, make);
  } catch (e) {
    if (e instanceof StatusError) {
      if (e.message) await io.write(2, e.message + '\n');
      return e.status;
    }
    const cli = new Cli(io, () => { throw e; }, { host: [], context: '', debug: false, logLevel: 'info', config: '' });
    const msg = cli.errorText(e);
    if (msg) await io.write(2, msg + '\n');
    return 1;
  }
}

/** The docker binary: a program of the simulated kernel talking to /var/run/docker.sock. */
export async function docker(p: ProcessContext): Promise<number> {
  const io = sysIO(p);
  return runDocker(io, p.argv.slice(1), (g) => {
    const host = g.host[0] ?? io.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
    const path = host.startsWith('unix://') ? host.slice('unix://'.length) : host;
    return new EngineClient(socketTransport(p.sys, path));
  });
}
