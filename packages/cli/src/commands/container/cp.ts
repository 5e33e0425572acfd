// docker cp (container/cp.go): tar archives between the local file system and
// a container's, through HEAD/GET/PUT /containers/{id}/archive, with
// go-archive's rules for where the copy lands (PrepareArchiveCopy).

import {
  extract, isGoDir, isGoSymlink, rebase, splitPathDirEntry, tarResource, writeTar, readTar, type ContainerPathStat,
} from '@dockersim/engine-api';
import { S_IFDIR, S_IFMT, type Sys } from '@dockersim/kernel';
import { exactArgs, StatusError, type Command } from '../../cobra/command.ts';
import type { Cli } from '../../cli.ts';
import { humanSizeWithPrecision } from '@dockersim/image';
import { apiFail } from '../util.ts';

function splitCpArg(arg: string): [ctr: string, path: string] {
  if (arg.startsWith('/')) return ['', arg];
  const i = arg.indexOf(':');
  if (i < 0 || arg.slice(0, i).startsWith('.')) return ['', arg];
  return [arg.slice(0, i), arg.slice(i + 1)];
}

/** filepath.Abs with PreserveTrailingDotOrSeparator. */
function resolveLocal(sys: Sys, p: string): string {
  const base = p.startsWith('/') ? p : `${sys.getcwd()}/${p}`;
  const out: string[] = [];
  for (const x of base.split('/')) { if (!x || x === '.') continue; if (x === '..') out.pop(); else out.push(x); }
  let abs = '/' + out.join('/');
  if (p.endsWith('/.') || p === '.') abs = (abs === '/' ? '' : abs) + '/.';
  else if (p.endsWith('/') && abs !== '/') abs += '/';
  return abs;
}

const assertsDirectory = (p: string) => p.endsWith('/') || p.endsWith('/.');

interface CopyInfo { path: string; exists: boolean; isDir: boolean }

/** PrepareArchiveCopy: the directory to extract into, and the entries renamed for it. */
function prepareCopy(tar: Uint8Array, src: CopyInfo, dst: CopyInfo) {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  const [, srcBase] = splitPathDirEntry(src.path);
  if (dst.exists && dst.isDir) return { dir: dst.path.replace(/\/\.?$/, '') || '/', entries: readTar(tar) };
  if (dst.exists && src.isDir) throw new Error('cannot copy directory');
  if (!dst.exists && !src.isDir && assertsDirectory(dst.path)) throw new Error('no such directory');
  return { dir: dstDir, entries: rebase(tar, srcBase, dstBase) };
}

const progressSize = (n: number) => humanSizeWithPrecision(n, 3);

async function fromContainer(cli: Cli, sys: Sys, ctr: string, srcPath: string, dstArg: string, quiet: boolean): Promise<void> {
  const dstPath = dstArg === '-' ? '-' : resolveLocal(sys, dstArg);
  let res: { tar: Uint8Array; stat: ContainerPathStat };
  try { res = await cli.client.copyFromContainer(ctr, srcPath); } catch (e) { apiFail(cli, e); }
  if (dstPath === '-') { await cli.out(res.tar); return; }
  let dst: CopyInfo = { path: dstPath, exists: false, isDir: false };
  try { const st = sys.stat(dstPath.replace(/\/\.?$/, '') || '/'); dst = { path: dstPath, exists: true, isDir: (st.mode & S_IFMT) === S_IFDIR }; } catch { /* new */ }
  if (!dst.exists) {
    const parent = splitPathDirEntry(dstPath)[0];
    try { sys.stat(parent); } catch { throw new StatusError(`lstat ${parent}: no such file or directory`, 1); }
  }
  try {
    const { dir, entries } = prepareCopy(res.tar, { path: srcPath, exists: true, isDir: isGoDir(res.stat.mode) }, dst);
    await extract(sys, entries, dir, { uid: sys.getuid(), gid: sys.getgid() });
  } catch (e) { throw new StatusError((e as Error).message, 1); }
  if (!quiet) await cli.err(`Successfully copied ${progressSize(res.tar.length)} to ${dstPath}\n`);
}

async function toContainer(cli: Cli, sys: Sys, srcArg: string, ctr: string, dstPath: string, quiet: boolean, copyUIDGID: boolean): Promise<void> {
  let dst: CopyInfo = { path: dstPath, exists: false, isDir: false };
  let dstStat: ContainerPathStat | undefined;
  try { dstStat = await cli.client.containerStatPath(ctr, dstPath); } catch { dstStat = undefined; }
  if (dstStat && isGoSymlink(dstStat.mode)) {
    const target = dstStat.linkTarget.startsWith('/') ? dstStat.linkTarget : `${splitPathDirEntry(dstPath)[0]}/${dstStat.linkTarget}`;
    dst.path = target;
    try { dstStat = await cli.client.containerStatPath(ctr, target); } catch { dstStat = undefined; }
  }
  if (dstStat) dst = { ...dst, exists: true, isDir: isGoDir(dstStat.mode) };
  let tar: Uint8Array, dir: string;
  if (srcArg === '-') {
    const parts: Uint8Array[] = [];
    for (let c = await cli.io.read(); c.length; c = await cli.io.read()) parts.push(c);
    tar = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { tar.set(p, o); o += p.length; }
    dir = dst.path;
  } else {
    const srcPath = resolveLocal(sys, srcArg);
    let st;
    try { st = sys.lstat(srcPath.replace(/\/\.?$/, '') || '/'); } catch { throw new StatusError(`lstat ${srcPath.replace(/\/$/, '')}: no such file or directory`, 1); }
    const isDir = (st.mode & S_IFMT) === S_IFDIR;
    const raw = await tarResource(sys, srcPath, splitPathDirEntry(srcPath)[1]);
    try {
      const p = prepareCopy(raw, { path: srcPath, exists: true, isDir }, dst);
      dir = p.dir;
      tar = writeTar(p.entries);
    } catch (e) { throw new StatusError((e as Error).message, 1); }
  }
  try { await cli.client.copyToContainer(ctr, dir, tar, { copyUIDGID }); } catch (e) { apiFail(cli, e); }
  if (!quiet) await cli.err(`Successfully copied ${progressSize(tar.length)} to ${ctr}:${dst.path}\n`);
}

/** docker cp / docker container cp */
export const cp: Command = {
  use: 'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
  short: 'Copy files/folders between a container and the local filesystem',
  long: "Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.",
  aliasesText: 'docker container cp, docker cp',
  flags: {
    archive: { type: 'bool', short: 'a', usage: 'Archive mode (copy all uid/gid information)' },
    'follow-link': { type: 'bool', short: 'L', usage: 'Always follow symbol link in SRC_PATH' },
    quiet: { type: 'bool', short: 'q', usage: 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached' },
  },
  args: exactArgs(2),
  async run(cli, opts, [source, destination]) {
    if (source === '') throw new StatusError('source can not be empty', 1);
    if (destination === '') throw new StatusError('destination can not be empty', 1);
    const sys = cli.io.sys;
    if (!sys) throw new StatusError('docker cp needs a local file system', 1);
    const quiet = opts.isSet('quiet') ? opts.bool('quiet') : !cli.io.isatty(1);
    const [srcCtr, srcPath] = splitCpArg(source);
    const [dstCtr, dstPath] = splitCpArg(destination);
    if (srcCtr && dstCtr) throw new StatusError('copying between containers is not supported', 1);
    if (srcCtr) return fromContainer(cli, sys, srcCtr, srcPath, dstPath, quiet);
    if (dstCtr) return toContainer(cli, sys, srcPath, dstCtr, dstPath, quiet, opts.bool('archive'));
    throw new StatusError('must specify at least one container source', 1);
  },
};
