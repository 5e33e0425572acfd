// The root `docker` command: global options and the command tree as
// docker/cli's commands.AddCommands builds it. Commands this CLI does not
// implement are listed (so `docker --help` is docker's) and fail when run.

import type { Command } from '../cobra/command.ts';
import { builderCommand, containerCommand, imageCommand, systemCommand, topLevel } from './tree.ts';
import { volumeCommand } from './volume/index.ts';
import { networkCommand } from './network/index.ts';
import { cp } from './container/cp.ts';
import { events } from './system/events.ts';
import { commit, diff, exportCmd } from './container/changes.ts';
import { stats } from './container/stats.ts';
import { update } from './container/update.ts';

const stub = (use: string, short: string, extra: Partial<Command> = {}): Command => ({ use, short, ...extra });
const mgmtStub = (name: string, short: string, extra: Partial<Command> = {}): Command =>
  ({ use: name, short, subcommands: [stub('ls', 'List')], ...extra });

export const rootCommand: Command = {
  use: 'docker [OPTIONS] COMMAND [ARG...]',
  short: 'A self-sufficient runtime for containers',
  flags: {
    config: { type: 'string', usage: 'Location of client config files', default: '/root/.docker', defValue: '/root/.docker' },
    context: { type: 'string', short: 'c', usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")' },
    debug: { type: 'bool', short: 'D', usage: 'Enable debug mode' },
    host: { type: 'list', short: 'H', usage: 'Daemon socket to connect to' },
    'log-level': { type: 'string', short: 'l', usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', default: 'info', defValue: 'info' },
    tls: { type: 'bool', usage: 'Use TLS; implied by --tlsverify' },
    tlscacert: { type: 'string', usage: 'Trust certs signed only by this CA', defValue: '/root/.docker/ca.pem', default: '/root/.docker/ca.pem' },
    tlscert: { type: 'string', usage: 'Path to TLS certificate file', defValue: '/root/.docker/cert.pem', default: '/root/.docker/cert.pem' },
    tlskey: { type: 'string', usage: 'Path to TLS key file', defValue: '/root/.docker/key.pem', default: '/root/.docker/key.pem' },
    tlsverify: { type: 'bool', usage: 'Use TLS and verify the remote' },
    version: { type: 'bool', short: 'v', usage: 'Print version information and quit' },
  },
  subcommands: [
    ...topLevel,
    stub('push [OPTIONS] NAME[:TAG]', 'Upload an image to a registry', { categoryTop: 6 }),
    stub('login [OPTIONS] [SERVER]', 'Authenticate to a registry', { categoryTop: 8 }),
    stub('logout [SERVER]', 'Log out from a registry', { categoryTop: 9 }),
    stub('search [OPTIONS] TERM', 'Search Docker Hub for images', { categoryTop: 10 }),
    commit,
    cp,
    diff,
    events,
    exportCmd,
    stub('import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]', 'Import the contents from a tarball to create a filesystem image'),
    stub('load [OPTIONS]', 'Load an image from a tar archive or STDIN'),
    stub('save [OPTIONS] IMAGE [IMAGE...]', 'Save one or more images to a tar archive (streamed to STDOUT by default)'),
    stats,
    update,
    builderCommand,
    mgmtStub('checkpoint', 'Manage checkpoints', { annotations: { experimental: '', ostype: 'linux', version: '1.25' } }),
    containerCommand,
    mgmtStub('context', 'Manage contexts'),
    imageCommand,
    mgmtStub('manifest', 'Manage Docker image manifests and manifest lists'),
    networkCommand,
    mgmtStub('plugin', 'Manage plugins'),
    systemCommand,
    mgmtStub('trust', 'Manage trust on Docker images'),
    volumeCommand,
    mgmtStub('config', 'Manage Swarm configs', { annotations: { swarm: 'manager', version: '1.30' } }),
    mgmtStub('node', 'Manage Swarm nodes', { annotations: { swarm: 'manager', version: '1.24' } }),
    mgmtStub('secret', 'Manage Swarm secrets', { annotations: { swarm: 'manager', version: '1.25' } }),
    mgmtStub('service', 'Manage Swarm services', { annotations: { swarm: 'manager', version: '1.24' } }),
    mgmtStub('stack', 'Manage Swarm stacks', { annotations: { swarm: 'manager' } }),
    mgmtStub('swarm', 'Manage Swarm', { annotations: { swarm: '', version: '1.24' } }),
  ],
};
