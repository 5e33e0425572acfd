// Process applets: ps (busybox's -o columns; procps' default, -ef, aux, -o),
// kill, free, uptime, top (one batch iteration).

import { isSysError, signalNumber, signalNames } from '@dockersim/kernel';
import type { Applet } from './types.ts';
import type { App } from '../libc/app.ts';
import { scanProcs, bootTime, meminfo, USER_HZ } from '../libc/proc.ts';
import type { ProcInfo } from '../libc/proc.ts';
import { Names } from '../libc/passwd.ts';
import { strftime } from '../libc/time.ts';
import { readFile } from '../libc/io.ts';
import { forest } from '../sysadmin/forest.ts';

function argsOfProc(p: ProcInfo): string {
  return p.args.length ? p.args.join(' ') : `[${p.comm}]`;
}

function mmss(ticks: number, width: number): string {
  const s = Math.floor(ticks / USER_HZ);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`.padStart(width);
}

function hhmmss(ticks: number): string {
  const s = Math.floor(ticks / USER_HZ);
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const BB_COLS: Record<string, { w: number; h: string; f: (p: ProcInfo, n: Names, now: number, bt: number) => string }> = {
  user: { w: 8, h: 'USER', f: (p, n) => n.user(p.uid).slice(0, 8) },
  group: { w: 8, h: 'GROUP', f: (p, n) => n.group(p.gid).slice(0, 8) },
  comm: { w: 16, h: 'COMMAND', f: (p) => p.comm },
  args: { w: 0, h: 'COMMAND', f: (p) => argsOfProc(p) },
  pid: { w: 5, h: 'PID', f: (p) => String(p.pid).padStart(5) },
  ppid: { w: 5, h: 'PPID', f: (p) => String(p.ppid).padStart(5) },
  pgid: { w: 5, h: 'PGID', f: (p) => String(p.pgrp).padStart(5) },
  etime: { w: 7, h: 'ELAPSED', f: (p, _n, now, bt) => { const s = Math.max(0, Math.floor(now / 1000 - bt - p.starttime / USER_HZ)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`.padStart(7); } },
  nice: { w: 5, h: 'NI', f: (p) => String(p.nice).padStart(5) },
  time: { w: 5, h: 'TIME', f: (p) => mmss(p.utime + p.stime, 5) },
  tty: { w: 6, h: 'TT', f: (p) => (p.tty === '?' ? '' : p.tty) },
  vsz: { w: 4, h: 'VSZ', f: (p) => String(Math.floor(p.vsize / 1024)).padStart(4) },
  sid: { w: 5, h: 'SID', f: (p) => String(p.session).padStart(5) },
  stat: { w: 4, h: 'STAT', f: (p) => p.state },
  rss: { w: 4, h: 'RSS', f: (p) => String(p.rss).padStart(4) },
};

async function busyboxPs(a: App): Promise<number> {
  const specs: string[] = [];
  for (let i = 0; i < a.args.length; i++) {
    const x = a.args[i]!;
    if (x === '-o') specs.push(a.args[++i] ?? '');
    else if (x.startsWith('-o')) specs.push(x.slice(2));
  }
  const cols: Array<{ w: number; h: string; f: (typeof BB_COLS)[string]['f'] }> = [];
  for (const spec of specs.length ? specs : ['pid,user,time,args']) {
    for (const item of spec.split(',')) {
      const [name, hdr] = item.split('=') as [string, string | undefined];
      const c = BB_COLS[name];
      if (!c) { await a.error(`bad -o argument '${name}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss`); return 1; }
      const h = hdr ?? c.h;
      cols.push({ ...c, h, w: hdr !== undefined && hdr.length > c.w ? hdr.length : c.w });
    }
  }
  const names = await Names.load(a.sys);
  const procs = await scanProcs(a.sys);
  const now = a.sys.now();
  const bt = await bootTime(a.sys);
  const line = (vals: string[]): string => vals.map((v, i) => (i === vals.length - 1 ? v : v.padEnd(cols[i]!.w) + ' ')).join('');
  let out = '';
  if (cols.some((c) => c.h)) out += line(cols.map((c) => c.h)) + '\n';
  for (const p of procs) out += line(cols.map((c) => c.f(p, names, now, bt) || '-')) + '\n';
  await a.write(out);
  return 0;
}

async function gnuPs(a: App): Promise<number> {
  const args = a.args;
  const bsd = args.length > 0 && !args[0]!.startsWith('-');
  const flags = new Set<string>();
  const oSpecs: string[] = [];
  const pidSel: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (x === '-o' || x === 'o') { oSpecs.push(args[++i] ?? ''); continue; }
    if (x.startsWith('-o')) { oSpecs.push(x.slice(2)); continue; }
    // process selection by PID list: -p, -q (quick mode selects the same way), --pid
    if (x === '-p' || x === '-q' || x === 'p' || x === 'q' || x === '--pid') { pidSel.push(...(args[++i] ?? '').split(/[,\s]+/)); continue; }
    if (/^-[pq]\d/.test(x)) { pidSel.push(...x.slice(2).split(',')); continue; }
    if (x.startsWith('--pid=')) { pidSel.push(...x.slice(6).split(',')); continue; }
    if (x.startsWith('--')) continue;
    for (const c of x.replace(/^-/, '')) flags.add(c);
  }
  const names = await Names.load(a.sys);
  const procs = await scanProcs(a.sys);
  const bt = await bootTime(a.sys);
  const now = a.sys.now();
  const stime = (p: ProcInfo): string => {
    const t = (bt + p.starttime / USER_HZ) * 1000;
    return now - t < 86400000 ? strftime('%H:%M', t) : strftime('%b%d', t);
  };
  let out = '';
  const all = flags.has('e') || flags.has('A') || (bsd && flags.has('a') && flags.has('x'));
  let list = procs;
  if (pidSel.some((x) => x && !/^\d+$/.test(x))) { await a.error('error: process ID list syntax error'); return 1; }
  const pids = new Set(pidSel.filter(Boolean).map(Number));
  // -q and -p select by pid; the other selections (-e, a, x) are ignored next to them
  if (pids.size) list = procs.filter((p) => pids.has(p.pid));
  else if (!all) {
    const me = procs.find((p) => p.pid === a.sys.getpid());
    const tty = me?.ttyNr ?? 0;
    const euid = a.sys.geteuid();
    list = procs.filter((p) => p.uid === euid && p.ttyNr === tty);
  }
  // ps f / --forest: tree order, the command column prefixed with the tree's art
  const prefix = new Map<number, string>();
  if ((bsd && flags.has('f')) || args.includes('--forest')) {
    const rows = forest(list);
    list = rows.map((r) => r.p);
    for (const r of rows) prefix.set(r.p.pid, r.prefix);
  }
  const argsOf = (p: ProcInfo): string => (prefix.get(p.pid) ?? '') + argsOfProc(p);
  if (oSpecs.length) {
    const cols = oSpecs.join(',').split(',').map((s) => s.split('=') as [string, string | undefined]);
    const defs: Record<string, [string, number, boolean, (p: ProcInfo) => string]> = {
      pid: ['PID', 7, true, (p) => String(p.pid)], ppid: ['PPID', 7, true, (p) => String(p.ppid)], pgid: ['PGID', 7, true, (p) => String(p.pgrp)],
      user: ['USER', 8, false, (p) => names.user(p.uid)], uid: ['UID', 5, true, (p) => String(p.uid)], comm: ['COMMAND', 15, false, (p) => p.comm],
      args: ['COMMAND', 0, false, argsOf], cmd: ['CMD', 0, false, argsOf], command: ['COMMAND', 0, false, argsOf], stat: ['STAT', 4, false, (p) => p.state],
      tty: ['TT', 8, false, (p) => p.tty], time: ['TIME', 8, true, (p) => hhmmss(p.utime + p.stime)], rss: ['RSS', 5, true, (p) => String(p.rss)],
      vsz: ['VSZ', 6, true, (p) => String(Math.floor(p.vsize / 1024))], ni: ['NI', 3, true, (p) => String(p.nice)], nice: ['NI', 3, true, (p) => String(p.nice)],
      etime: ['ELAPSED', 11, true, (p) => { const s = Math.max(0, Math.floor(now / 1000 - bt - p.starttime / USER_HZ)); return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`; }],
      group: ['GROUP', 8, false, (p) => names.group(p.gid)], sid: ['SID', 7, true, (p) => String(p.session)], state: ['S', 1, false, (p) => p.state[0]!],
    };
    for (const [c] of cols) if (!defs[c]) { await a.error(`error: unknown user-defined format specifier "${c}"`); return 1; }
    const spec = cols.map(([c, h]) => { const d = defs[c]!; return { h: h ?? d[0], w: Math.max(d[1], (h ?? d[0]).length), right: d[2], f: d[3] }; });
    const fmt = (vals: string[]): string => vals.map((v, i) => { const s = spec[i]!; if (i === vals.length - 1 && !s.right) return v; return s.right ? v.padStart(s.w) : v.padEnd(s.w); }).join(' ');
    if (spec.some((s) => s.h)) out += fmt(spec.map((s) => s.h)) + '\n';
    for (const p of list) out += fmt(spec.map((s) => s.f(p))) + '\n';
  } else if (bsd && (flags.has('u'))) {
    const mem = await meminfo(a.sys);
    const total = mem['MemTotal'] ?? 1;
    out += 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    for (const p of list) {
      const cpu = '0.0';
      const pm = ((p.rss / total) * 100).toFixed(1);
      const t = Math.floor((p.utime + p.stime) / USER_HZ);
      out += `${names.user(p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${cpu.padStart(4)} ${pm.padStart(4)} ${String(Math.floor(p.vsize / 1024)).padStart(6)} ${String(p.rss).padStart(5)} ${p.tty.padEnd(8)} ${bsdStat(p).padEnd(4)} ${stime(p).padEnd(5)} ${`${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`.padStart(6)} ${argsOf(p)}\n`;
    }
  } else if (bsd) {
    out += '    PID TTY      STAT   TIME COMMAND\n';
    for (const p of list) {
      const t = Math.floor((p.utime + p.stime) / USER_HZ);
      out += `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} ${bsdStat(p).padEnd(4)} ${`${Math.floor(t / 60)}:${String(t % 60).padStart(2, '0')}`.padStart(6)} ${argsOf(p)}\n`;
    }
  } else if (flags.has('f')) {
    out += 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const p of list) {
      out += `${names.user(p.uid).slice(0, 8).padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${' 0'} ${stime(p).padEnd(5)} ${p.tty.padEnd(8)} ${hhmmss(p.utime + p.stime)} ${argsOf(p)}\n`;
    }
  } else {
    out += '    PID TTY          TIME CMD\n';
    for (const p of list) out += `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} ${hhmmss(p.utime + p.stime)} ${p.comm}\n`;
  }
  await a.write(out);
  return 0;
}

function bsdStat(p: ProcInfo): string {
  let s = p.state;
  if (p.nice < 0) s += '<'; else if (p.nice > 0) s += 'N';
  if (p.session === p.pid) s += 's';
  if (p.tpgid === p.pgrp && p.ttyNr !== 0) s += '+';
  return s;
}

export const ps: Applet = (a) => (a.gnu ? gnuPs(a) : busyboxPs(a));

export const kill: Applet = async (a) => {
  let args = a.args.slice();
  let sig = 15;
  if (args[0] === '-l' || args[0] === '-L' || args[0] === '--list') {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      await a.write((Number.isInteger(n) ? signalNames[n > 128 ? n - 128 : n] ?? '' : String(signalNumber(args[1]))) + '\n');
      return 0;
    }
    if (a.gnu) await a.write(signalNames.slice(1).join(' ') + '\n');
    else await a.write(signalNames.slice(1).map((n, i) => `${String(i + 1).padStart(2)}) ${n}`).join('\n') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n' || args[0] === '--signal') {
    sig = signalNumber(args[1] ?? '');
    if (!sig && args[1] !== '0') { await a.error(a.gnu ? `${a.q(args[1] ?? '')}: invalid signal` : `bad signal name '${args[1]}'`); return 1; }
    args = args.slice(2);
  } else if (args[0] && /^-\w+$/.test(args[0])) {
    const name = args[0].slice(1);
    sig = name === '0' ? 0 : signalNumber(name);
    if (!sig && name !== '0') { await a.error(a.gnu ? `${a.q(name)}: invalid signal` : `bad signal name '${name}'`); return 1; }
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    if (a.gnu) { await a.error('no process ID specified'); await a.sys.write(2, `Try '${a.prog} --help' for more information.\n`); return 1; }
    await a.sys.write(2, 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
    return 1;
  }
  let st = 0;
  for (const x of args) {
    if (!/^-?\d+$/.test(x)) { await a.error(a.gnu ? `failed to parse argument: ${a.q(x)}` : `bad pid '${x}'`); st = 1; continue; }
    try { a.sys.kill(Number(x), sig); } catch (e) {
      if (!isSysError(e)) throw e;
      st = 1;
      await a.error(a.gnu ? `(${x}): ${a.strerror(e.errno)}` : `can't kill pid ${x}: ${a.strerror(e.errno)}`);
    }
  }
  return st;
};

export const free: Applet = async (a) => {
  const m = await meminfo(a.sys);
  const h = a.args.includes('-h');
  const unit = a.args.includes('-m') ? 1024 : a.args.includes('-g') ? 1048576 : 1;
  const total = m['MemTotal'] ?? 0, free = m['MemFree'] ?? 0, avail = m['MemAvailable'] ?? free;
  const buffers = m['Buffers'] ?? 0, cached = (m['Cached'] ?? 0) + (m['SReclaimable'] ?? 0), shared = m['Shmem'] ?? 0;
  const used = total - free - buffers - cached;
  const stotal = m['SwapTotal'] ?? 0, sfree = m['SwapFree'] ?? 0;
  const v = (n: number): string => {
    if (!h) return String(Math.floor(n / unit));
    const units = ['Ki', 'Mi', 'Gi', 'Ti'];
    let x = n, i = 0;
    while (x >= 1024 && i < units.length - 1) { x /= 1024; i++; }
    return `${x < 10 ? x.toFixed(1) : Math.round(x)}${units[i]}`;
  };
  let out: string;
  if (a.gnu) {
    out = `               total        used        free      shared  buff/cache   available\n`
      + `Mem:    ${[total, used, free, shared, buffers + cached, avail].map((x) => v(x).padStart(12)).join('')}\n`.replace('Mem:    ', 'Mem:   ')
      + `Swap:   ${[stotal, stotal - sfree, sfree].map((x) => v(x).padStart(12)).join('')}\n`;
  } else {
    out = `              total        used        free      shared  buff/cache   available\n`
      + `Mem:   ${[total, used, free, shared, buffers + cached, avail].map((x) => v(x).padStart(12)).join('')}\n`.replace(/^Mem:   /, 'Mem:  ')
      + `Swap:  ${[stotal, stotal - sfree, sfree].map((x) => v(x).padStart(12)).join('')}\n`;
  }
  await a.write(out);
  return 0;
};

export const uptime: Applet = async (a) => {
  const up = Math.floor(a.sys.uptime() / 1000);
  let load = '0.00 0.00 0.00';
  try { load = (await readFile(a.sys, '/proc/loadavg')).split(' ').slice(0, 3).join(' '); } catch (e) { if (!isSysError(e)) throw e; }
  const days = Math.floor(up / 86400), hrs = Math.floor(up / 3600) % 24, mins = Math.floor(up / 60) % 60;
  const upS = `${days ? `${days} day${days > 1 ? 's' : ''}, ` : ''}${hrs ? `${String(hrs).padStart(2)}:${String(mins).padStart(2, '0')}` : `${mins} min`}`;
  const sep = a.gnu ? ',  ' : ', ';
  await a.write(` ${strftime('%H:%M:%S', a.sys.now())} up ${upS}${sep}${a.gnu ? '0 users,  ' : ''}load average: ${load.replace(/ /g, ', ')}\n`);
  return 0;
};

export const top: Applet = async (a) => {
  const procs = await scanProcs(a.sys);
  const names = await Names.load(a.sys);
  const m = await meminfo(a.sys);
  const total = m['MemTotal'] ?? 0, free = m['MemFree'] ?? 0;
  let load = '0.00 0.00 0.00';
  try { load = (await readFile(a.sys, '/proc/loadavg')).split(' ').slice(0, 3).join(' '); } catch (e) { if (!isSysError(e)) throw e; }
  let out = '';
  if (a.gnu) {
    out += `top - ${strftime('%H:%M:%S', a.sys.now())} up ${Math.floor(a.sys.uptime() / 60000)} min,  0 users,  load average: ${load.replace(/ /g, ', ')}\n`;
    out += `Tasks: ${String(procs.length).padStart(3)} total,   ${procs.filter((p) => p.state === 'R').length} running, ${String(procs.filter((p) => p.state === 'S').length).padStart(3)} sleeping,   0 stopped,   ${procs.filter((p) => p.state === 'Z').length} zombie\n`;
    out += `MiB Mem : ${(total / 1024).toFixed(1).padStart(8)} total, ${(free / 1024).toFixed(1).padStart(8)} free, ${((total - free) / 1024).toFixed(1).padStart(8)} used,      0.0 buff/cache\n\n`;
    out += '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n';
    for (const p of procs) {
      const t = (p.utime + p.stime) / USER_HZ;
      out += `${String(p.pid).padStart(7)} ${names.user(p.uid).padEnd(8)}  20 ${String(p.nice).padStart(3)} ${String(Math.floor(p.vsize / 1024)).padStart(7)} ${String(p.rss).padStart(6)} ${'0'.padStart(6)} ${p.state}   0.0 ${((p.rss / (total || 1)) * 100).toFixed(1).padStart(5)} ${`${Math.floor(t / 60)}:${(t % 60).toFixed(2).padStart(5, '0')}`.padStart(9)} ${p.comm}\n`;
    }
  } else {
    out += `Mem: ${total - free}K used, ${free}K free, 0K shrd, 0K buff, 0K cached\nCPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\nLoad average: ${load} 1/${procs.length} ${procs[procs.length - 1]?.pid ?? 0}\n`;
    out += '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n';
    for (const p of procs) {
      out += `${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${names.user(p.uid).padEnd(8)} ${p.state.padEnd(4)} ${String(Math.floor(p.vsize / 1024)).padStart(5)}   0%   0   0% ${argsOfProc(p)}\n`;
    }
  }
  await a.write(out);
  return 0;
};
