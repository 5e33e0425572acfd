// The root `docker` command: global options and the command tree.
import type { Command } from '../cobra/command.ts';
export const rootCommand: Command = { use: 'docker [OPTIONS] COMMAND [ARG...]', short: 'A self-sufficient runtime for containers', subcommands: [] };
