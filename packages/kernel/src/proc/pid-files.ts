// The text of /proc/PID/{status,stat,statm,cmdline,environ,cgroup} in Linux's
// formats (fs/proc/array.c, fs/proc/base.c). Pids are shown as the pid
// namespace of the procfs instance sees them.

import { SIGCHLD } from '../abi/signal.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { PidNs } from '../process/pidns.ts';
import { pidIn } from '../process/pidns.ts';
import { PROC_BASE_BYTES } from '../cgroup/cgroup.ts';
import { makedev } from '../vfs/dev.ts';

export const USER_HZ = 100;
const STATE_NAME: Record<string, string> = { R: 'R (running)', S: 'S (sleeping)', T: 'T (stopped)', Z: 'Z (zombie)' };
const VM_BASE_KB = 1664;

function hex16(n: number): string { return Math.floor(n).toString(16).padStart(16, '0'); }
function kb(n: number): string { return String(n).padStart(8, ' ') + ' kB'; }

/** Signal sets as the 64-bit hex masks of status (bit sig-1). */
function sigMasks(p: Proc): { ign: number; cgt: number; pnd: number } {
  let ign = 0, cgt = 0;
  const a = p.actions;
  if (a) for (let s = 1; s < a.length; s++) {
    const x = a[s];
    if (x === 'ignore') ign += 2 ** (s - 1);
    else if (typeof x === 'function') cgt += 2 ** (s - 1);
  }
  let pnd = 0;
  for (let s = 1; s < 32; s++) if (p.sigpend & (1 << s)) pnd += 2 ** (s - 1);
  return { ign, cgt, pnd };
}

export function rssKb(p: Proc): number { return Math.ceil((PROC_BASE_BYTES + p.mem) / 1024); }

/** The pids of p from ns's level down to its own, tab separated (NStgid/NSpid). */
function nsList(ns: PidNs, nspids: readonly number[], home: PidNs): string {
  if (!home.within(ns) || nspids.length <= ns.level) return '0';
  return nspids.slice(ns.level).join('\t');
}

export function statusText(k: Kernel, p: Proc, ns: PidNs): string {
  const pid = pidIn(ns, p.nspids, p.pidns);
  const ppid = p.parent ? pidIn(ns, p.parent.nspids, p.parent.pidns) : 0;
  const m = sigMasks(p);
  const fdsize = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, p.fds.length))));
  const caps = hex16(p.caps);
  let s = `Name:\t${p.comm}\nUmask:\t${p.fs.umask.toString(8).padStart(4, '0')}\nState:\t${STATE_NAME[p.state]}\n`
    + `Tgid:\t${pid}\nNgid:\t0\nPid:\t${pid}\nPPid:\t${ppid}\nTracerPid:\t0\n`
    + `Uid:\t${p.uid}\t${p.euid}\t${p.suid}\t${p.euid}\nGid:\t${p.gid}\t${p.egid}\t${p.sgid}\t${p.egid}\n`
    + `FDSize:\t${fdsize}\nGroups:\t${p.groups.map((g) => g + ' ').join('')}\n`
    + `NStgid:\t${nsList(ns, p.nspids, p.pidns)}\nNSpid:\t${nsList(ns, p.nspids, p.pidns)}\n`
    + `NSpgid:\t${nsList(ns, p.pgrp.nspids, p.pgrp.home)}\nNSsid:\t${nsList(ns, p.pgrp.session.nspids, p.pgrp.session.home)}\n`;
  if (p.state !== 'Z') {
    const rss = rssKb(p);
    const size = VM_BASE_KB + rss;
    s += `VmPeak:\t${kb(size)}\nVmSize:\t${kb(size)}\nVmLck:\t${kb(0)}\nVmPin:\t${kb(0)}\nVmHWM:\t${kb(rss)}\n`
      + `VmRSS:\t${kb(rss)}\nRssAnon:\t${kb(Math.ceil(p.mem / 1024) + 128)}\nRssFile:\t${kb(rss - Math.ceil(p.mem / 1024) - 128)}\n`
      + `RssShmem:\t${kb(0)}\nVmData:\t${kb(Math.ceil(p.mem / 1024) + 360)}\nVmStk:\t${kb(132)}\nVmExe:\t${kb(760)}\n`
      + `VmLib:\t${kb(596)}\nVmPTE:\t${kb(44)}\nVmSwap:\t${kb(0)}\nHugetlbPages:\t${kb(0)}\n`;
  }
  s += `CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\nThreads:\t1\n`
    + `SigQ:\t0/${Math.floor(k.memoryBytes / 65536)}\nSigPnd:\t${hex16(m.pnd)}\nShdPnd:\t${hex16(0)}\n`
    + `SigBlk:\t${hex16(0)}\nSigIgn:\t${hex16(m.ign)}\nSigCgt:\t${hex16(m.cgt)}\n`
    + `CapInh:\t${hex16(0)}\nCapPrm:\t${caps}\nCapEff:\t${caps}\nCapBnd:\t${caps}\nCapAmb:\t${hex16(0)}\n`
    + `NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tthread vulnerable\n`
    + `SpeculationIndirectBranch:\tconditional enabled\n`
    + `Cpus_allowed:\t${((1 << k.ncpu) - 1).toString(16)}\nCpus_allowed_list:\t${k.ncpu > 1 ? `0-${k.ncpu - 1}` : '0'}\n`
    + `Mems_allowed:\t00000000,00000001\nMems_allowed_list:\t0\n`
    + `voluntary_ctxt_switches:\t${Math.floor(p.cpu) + 1}\nnonvoluntary_ctxt_switches:\t0\n`;
  return s;
}

/** The 52 fields of /proc/PID/stat. */
export function statText(k: Kernel, p: Proc, ns: PidNs): string {
  const pid = pidIn(ns, p.nspids, p.pidns);
  const ppid = p.parent ? pidIn(ns, p.parent.nspids, p.parent.pidns) : 0;
  const pgrp = pidIn(ns, p.pgrp.nspids, p.pgrp.home);
  const sess = p.pgrp.session;
  const sid = pidIn(ns, sess.nspids, sess.home);
  const tty = sess.tty;
  // the minor is the number in its devpts instance: a container's first terminal is pts/0 to the host's ps too
  const ttyNr = tty ? makedev(136, tty.instIndex) : 0;
  const tpgid = tty && tty.fg ? pidIn(ns, tty.fg.nspids, tty.fg.home) : -1;
  const zombie = p.state === 'Z';
  const utime = Math.floor(p.cpu / (1000 / USER_HZ));
  const start = Math.floor(p.start / (1000 / USER_HZ));
  const rss = zombie ? 0 : Math.ceil(rssKb(p) / 4);
  const vsize = zombie ? 0 : (VM_BASE_KB + rssKb(p)) * 1024;
  const m = sigMasks(p);
  const code = zombie ? 0x400000 : 0x55d4c8e00000;
  const ex = p.exitStatus;
  const exitCode = !ex ? 0 : ex.signal !== null ? ex.signal | (ex.core ? 0x80 : 0) : (ex.code! << 8);
  const f = [
    pid, `(${p.comm})`, p.state, ppid, pgrp, sid, ttyNr, tpgid, 4194560, 120 + utime, 0, 0, 0,
    utime, 0, 0, 0, 20, 0, 1, 0, start, vsize, rss, '18446744073709551615',
    zombie ? 0 : code, zombie ? 0 : code + 0xbe000, zombie ? 0 : 0x7ffc6d6e9e40, 0, 0,
    m.pnd, 0, m.ign, m.cgt, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0,
    zombie ? 0 : code + 0x100000, zombie ? 0 : code + 0x101000, zombie ? 0 : code + 0x200000,
    zombie ? 0 : 0x7ffc6d6eaf00, zombie ? 0 : 0x7ffc6d6eaf40, zombie ? 0 : 0x7ffc6d6eaf40, zombie ? 0 : 0x7ffc6d6effe8,
    exitCode,
  ];
  return f.join(' ') + '\n';
}

export function statmText(p: Proc): string {
  if (p.state === 'Z') return '0 0 0 0 0 0 0\n';
  const rss = Math.ceil(rssKb(p) / 4);
  const size = Math.ceil((VM_BASE_KB + rssKb(p)) / 4);
  return `${size} ${rss} ${Math.max(0, rss - 32)} 190 0 ${Math.ceil(p.mem / 4096) + 123} 0\n`;
}

export function nulJoin(a: readonly string[]): string { return a.length ? a.join('\0') + '\0' : ''; }
