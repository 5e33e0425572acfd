// The applet table and the multi-call dispatch of busybox and of the GNU
// flavour: argv[0]'s basename picks the applet, or `busybox APPLET ARGS`.

import { isSysError } from '@dockersim/kernel';
import type { Program, ProcessContext } from '@dockersim/kernel';
import { App, AppExit, BUSYBOX_BANNER } from '../libc/app.ts';
import type { Flavour } from '../libc/errors.ts';
import { basename } from '../libc/path.ts';
import type { Applet } from './types.ts';
import * as basic from './basic.ts';
import * as files from './files.ts';
import { shellProgram } from '../sh/main.ts';
import { extraApplets } from './extra.ts';
import { sysadminGnuOnly } from '../sysadmin/index.ts';
import { netToolApplets, netToolsGnuOnly, netToolsBusyboxOnly } from '../net-tools/index.ts';

export const applets: Record<string, Applet> = {
  true: basic.trueA, false: basic.falseA, echo: basic.echo, printf: basic.printfA, yes: basic.yes, sleep: basic.sleep,
  pwd: basic.pwd, basename: basic.basename, dirname: basic.dirname, hostname: basic.hostname, whoami: basic.whoami,
  id: basic.id, groups: basic.groups, uname: basic.uname, env: basic.env, printenv: basic.printenv, nproc: basic.nproc,
  seq: basic.seq, test: basic.test, '[': basic.test, '[[': basic.test, tty: basic.tty, clear: basic.clear, reset: basic.reset,
  cat: files.cat, mkdir: files.mkdir, rmdir: files.rmdir, rm: files.rm, cp: files.cp, mv: files.mv, touch: files.touch,
  ln: files.ln, chmod: files.chmod, chown: files.chown, chgrp: files.chgrp, readlink: files.readlink, realpath: files.realpath,
  ...extraApplets,
  ...netToolApplets,
};

/** Applets only the GNU flavour has, or only busybox has. */
// wget, nc and nslookup are busybox's: GNU wget, OpenBSD netcat and bind's nslookup print otherwise
const busyboxOnly = new Set(['adduser', 'addgroup', 'deluser', 'delgroup', '[[', 'hd', 'httpd', 'wget', 'nc', 'nslookup', ...netToolsBusyboxOnly]);
const gnuOnly = new Set(['useradd', 'groupadd', 'userdel', 'groupdel', 'usermod', ...sysadminGnuOnly, ...netToolsGnuOnly]);

const ashProgram = shellProgram('ash');

/** Runs applet `name` as a process of the given flavour. */
export async function runApplet(p: ProcessContext, name: string, flavour: Flavour): Promise<number> {
  const fn = applets[name];
  if (!fn) return 127;
  const a = new App(p, name, flavour);
  try {
    const st = await fn(a);
    await a.out.flush();
    return st;
  } catch (e) {
    if (e instanceof AppExit) { await a.out.flush(); return e.code; }
    if (e && typeof e === 'object' && (e as { name?: string }).name === 'SysError' && (e as { errno?: number }).errno === 32) return 1;
    throw e;
  }
}

export const busyboxApplets: string[] = [...Object.keys(applets).filter((n) => !gnuOnly.has(n)), 'sh', 'ash'].sort();
/** The GNU flavour's programs (coreutils, procps, util-linux, shadow...): one /usr/bin entry each. */
export const coreutilsApplets: string[] = Object.keys(applets).filter((n) => !busyboxOnly.has(n)).sort();

async function busyboxList(p: ProcessContext): Promise<number> {
  let width = 80;
  try { width = p.sys.getwinsize(2).cols || 80; } catch (e) { if (!isSysError(e)) throw e; }
  let s = `${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\nCurrently defined functions:\n`;
  let col = 0;
  const w = width - 1;
  for (const n of busyboxApplets) {
    const len = n.length + 2;
    if (col >= w - len) { s += ',\n'; col = 0; }
    if (col === 0) { s += '\t'; col = 6; } else s += ', ';
    s += n;
    col += len;
  }
  s += '\n';
  await p.sys.write(1, s);
  return 0;
}

export const busybox: Program = async (p) => {
  let name = basename(p.argv[0] ?? 'busybox');
  let ctx = p;
  if (name === 'busybox') {
    const sub = p.argv[1];
    if (sub === undefined) return busyboxList(p);
    if (sub === '--list') { await p.sys.write(1, busyboxApplets.join('\n') + '\n'); return 0; }
    if (sub === '--help') return busyboxList(p);
    name = basename(sub);
    ctx = { ...p, argv: p.argv.slice(1) };
  }
  if (name === 'sh' || name === 'ash' || name === '-sh' || name === '-ash') return ashProgram(ctx);
  if (!applets[name] || gnuOnly.has(name)) {
    await p.sys.write(2, `${name}: applet not found\n`);
    return 127;
  }
  return runApplet(ctx, name, 'busybox');
};

export const coreutils: Program = async (p) => {
  let name = basename(p.argv[0] ?? 'coreutils');
  let ctx = p;
  if (name === 'coreutils') {
    const sub = p.argv[1];
    if (sub === undefined) { await p.sys.write(2, 'coreutils: missing argument\nTry \'coreutils --help\' for more information.\n'); return 1; }
    name = sub.startsWith('--coreutils-prog=') ? sub.slice(17) : basename(sub);
    ctx = { ...p, argv: p.argv.slice(1) };
  }
  if (!applets[name]) {
    await p.sys.write(2, `coreutils: unknown program '${name}'\n`);
    return 1;
  }
  return runApplet(ctx, name, 'gnu');
};
