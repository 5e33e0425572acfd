// Applets in their own files, collected for the registry.

import type { Applet } from './types.ts';
import { ls } from './ls.ts';
import * as t from './text.ts';
import * as p from './proc.ts';
import * as d from './data.ts';
import * as s from './system.ts';
import * as u from './users.ts';
import { sed } from './sed.ts';
import { awk } from './awk.ts';
import * as ar from './archive.ts';
import { netApplets } from '../net-clients/index.ts';
import { dd, httpd } from './dd.ts';
import * as mo from './more.ts';
import { stty } from './stty.ts';
import * as m from './misc.ts';
import { sysadminApplets } from '../sysadmin/index.ts';

export const extraApplets: Record<string, Applet> = {
  ls, head: t.head, tail: t.tail, wc: t.wc, grep: t.grep, egrep: t.grep, fgrep: t.grep, sort: t.sort, uniq: t.uniq,
  cut: t.cut, tr: t.tr, tee: t.tee, more: t.more, less: t.more,
  ps: p.ps, kill: p.kill, free: p.free, uptime: p.uptime, top: p.top,
  sha256sum: d.sha256sum, sha1sum: d.sha1sum, md5sum: d.md5sum, base64: d.base64, hexdump: d.hexdump, xxd: d.hexdump, od: d.od,
  date: s.date, mount: s.mount, umount: s.umount, df: s.df, which: s.which, stat: s.stat, find: s.find, xargs: s.xargs,
  ...netApplets, dd, httpd, hd: d.hexdump, stty,
  tac: mo.tac, truncate: mo.truncate, link: mo.link, unlink: mo.unlink, mknod: mo.mknod, mountpoint: mo.mountpoint, chroot: mo.chroot,
  nologin: mo.nologin, strings: mo.strings, cmp: mo.cmp, diff: mo.diff, install: mo.install, unshare: mo.unshare, nsenter: mo.nsenter, time: mo.time,
  tar: ar.tar, gzip: ar.gzip, gunzip: ar.gzip, zcat: ar.gzip,
  sed, awk, expr: m.expr, du: m.du, mktemp: m.mktemp, nohup: m.nohup, timeout: m.timeout, pidof: m.pidof, pgrep: m.pgrep, pkill: m.pgrep,
  killall: m.killall, sync: m.sync, usleep: m.usleep, mkfifo: m.mkfifo, rev: m.rev, paste: m.paste, nl: m.nl, nice: m.nice, setsid: m.setsid,
  ...sysadminApplets,
  adduser: u.adduser, addgroup: u.addgroup, deluser: u.deluser, useradd: u.useradd, groupadd: u.groupadd, su: u.su,
};
