// The commands this CLI implements, at the top level and under the
// `container`, `image` and `system` management commands.

import { noArgs, type Command } from '../cobra/command.ts';
import { attach } from './container/attach.ts';
import { create } from './container/create.ts';
import { cp } from './container/cp.ts';
import { exec } from './container/exec.ts';
import { containerInspect } from './container/inspect.ts';
import { kill } from './container/kill.ts';
import { logs } from './container/logs.ts';
import { pause, unpause } from './container/pause.ts';
import { port } from './container/port.ts';
import { containerPrune } from './container/prune.ts';
import { containerLs, ps } from './container/ps.ts';
import { rename } from './container/rename.ts';
import { restart } from './container/restart.ts';
import { rm } from './container/rm.ts';
import { run } from './container/run.ts';
import { start } from './container/start.ts';
import { stop } from './container/stop.ts';
import { top } from './container/top.ts';
import { wait } from './container/wait.ts';
import { commit, diff, exportCmd } from './container/changes.ts';
import { stats } from './container/stats.ts';
import { update } from './container/update.ts';
import { build } from './image/build/build.ts';
import { builderPrune, imagePrune } from './image/build/prune.ts';
import { history } from './image/history.ts';
import { imageLs, images } from './image/images.ts';
import { imageInspect } from './image/inspect.ts';
import { pull } from './image/pull.ts';
import { imageRm, rmi } from './image/rmi.ts';
import { tag } from './image/tag.ts';
import { info } from './system/info.ts';
import { df } from './system/df.ts';
import { events } from './system/events.ts';
import { inspect } from './system/inspect.ts';
import { version } from './system/version.ts';

const stub = (use: string, short: string): Command => ({ use, short });
const sub = (c: Command): Command => ({ ...c, categoryTop: undefined });

export const containerCommand: Command = {
  use: 'container',
  short: 'Manage containers',
  args: noArgs,
  subcommands: [
    attach,
    commit,
    cp,
    create,
    diff,
    sub(exec),
    exportCmd,
    containerInspect, kill, logs, containerLs, pause, port, containerPrune, rename, restart, rm, sub(run), start,
    stats,
    stop, top, unpause,
    update,
    wait,
  ],
};

export const imageCommand: Command = {
  use: 'image',
  short: 'Manage images',
  args: noArgs,
  subcommands: [
    sub(build),
    history,
    stub('import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]', 'Import the contents from a tarball to create a filesystem image'),
    imageInspect,
    stub('load [OPTIONS]', 'Load an image from a tar archive or STDIN'),
    imageLs,
    imagePrune,
    sub(pull),
    stub('push [OPTIONS] NAME[:TAG]', 'Upload an image to a registry'),
    imageRm,
    stub('save [OPTIONS] IMAGE [IMAGE...]', 'Save one or more images to a tar archive (streamed to STDOUT by default)'),
    tag,
  ],
};

export const builderCommand: Command = {
  use: 'builder',
  short: 'Manage builds',
  args: noArgs,
  annotations: { version: '1.31' },
  subcommands: [sub(build), builderPrune],
};

export const systemCommand: Command = {
  use: 'system',
  short: 'Manage Docker',
  args: noArgs,
  subcommands: [
    df,
    sub(events),
    sub(info),
    stub('prune [OPTIONS]', 'Remove unused data'),
  ],
};

/** Top-level commands ("docker ps", "docker run", ...). */
export const topLevel: Command[] = [
  run, exec, ps, build, pull, images, version, info,
  attach,
  create, history, inspect, kill, logs, pause, port, rename, restart, rm, rmi, start, stop, tag, top, unpause, wait,
];
