// Job and signal builtins: trap, wait, kill, jobs, fg, bg.

import { isSysError, EINTR, ECHILD, signalNumber, signalNames, SIGKILL, SIGSTOP, SIGCONT } from '@dockersim/kernel';
import type { Shell } from './shell.ts';
import type { Builtin } from './builtin-util.ts';
import { fail, shq } from './builtin-util.ts';

const trap: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0 || args[0] === '-p') {
    let out = '';
    const keys = [...sh.traps.keys()].sort((a, b) => a - b);
    for (const s of keys) out += `trap -- ${shq(sh.traps.get(s)!)} ${s === 0 ? 'EXIT' : (sh.mode === 'bash' ? 'SIG' : '') + sh.signalName(s)}\n`;
    return sh.writeOut(out);
  }
  if (args[0] === '-l') {
    return sh.writeOut(signalNames.slice(1).map((n, i) => `${i + 1}) SIG${n}`).join('\n') + '\n');
  }
  let action: string | null = args[0]!;
  let sigs = args.slice(1);
  if (/^[0-9]+$/.test(action) && sigs.length === 0) { sigs = [action]; action = null; }
  if (action === '-') action = null;
  let st = 0;
  for (const name of sigs) {
    const sig = name === 'EXIT' || name === '0' ? 0 : signalNumber(name);
    if (sig === 0 && name !== 'EXIT' && name !== '0') {
      await sh.diag(`${name}: invalid signal specification`, 'trap');
      st = 1;
      continue;
    }
    if (action === null) sh.traps.delete(sig); else sh.traps.set(sig, action);
    if (sig === 0 || sig === SIGKILL || sig === SIGSTOP) continue;
    try {
      if (action === null) sh.sys.sigaction(sig, sh.interactive && [2, 3, 20].includes(sig) ? 'ignore' : 'default');
      else if (action === '') sh.sys.sigaction(sig, 'ignore');
      else sh.sys.sigaction(sig, sh.onSignal);
    } catch (e) { if (!isSysError(e)) throw e; }
  }
  return st;
};

const wait: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (;;) {
      try {
        const r = await sh.sys.wait4(-1, 0);
        if (!r) break;
        const job = sh.jobs.find((j) => j.pids.includes(r.pid));
        if (job) { job.state = 'Done'; job.status = sh.statusOf(r.status); }
      } catch (e) {
        if (isSysError(e, ECHILD)) break;
        if (isSysError(e, EINTR)) { const s = sh.pendingSigs[0] ?? 0; if (sh.pendingSigs.length) return 128 + s; continue; }
        throw e;
      }
    }
    sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
    return 0;
  }
  let st = 0;
  for (const a of args) {
    let pid: number;
    if (a.startsWith('%')) {
      const j = findJob(sh, a);
      if (!j) return fail(sh, 'wait', `${a}: no such job`, 127);
      pid = j.pids[j.pids.length - 1]!;
    } else pid = Number(a);
    try {
      const r = await sh.sys.wait4(pid, 0);
      st = r ? sh.statusOf(r.status) : 0;
      const job = sh.jobs.find((j) => j.pids.includes(pid));
      if (job) { job.state = 'Done'; job.status = st; }
    } catch (e) {
      if (isSysError(e, EINTR)) return 128 + (sh.pendingSigs[0] ?? 0);
      if (isSysError(e, ECHILD)) {
        const job = sh.jobs.find((j) => j.pids.includes(pid));
        st = job && job.state === 'Done' ? job.status : 127;
        if (!job && sh.mode === 'bash') await sh.diag(`pid ${a} is not a child of this shell`, 'wait');
        continue;
      }
      throw e;
    }
  }
  sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
  return st;
};

function findJob(sh: Shell, spec: string): Shell['jobs'][number] | undefined {
  if (spec === '%%' || spec === '%+' || spec === '%') return sh.jobs[sh.jobs.length - 1];
  if (spec === '%-') return sh.jobs[sh.jobs.length - 2];
  const n = Number(spec.slice(1));
  if (Number.isInteger(n)) return sh.jobs.find((j) => j.id === n);
  return sh.jobs.find((j) => j.cmd.startsWith(spec.slice(1)));
}

const kill: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let sig = 15;
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1] !== undefined) {
      const n = Number(args[1]);
      if (Number.isInteger(n)) return sh.writeOut((signalNames[n > 128 ? n - 128 : n] ?? '') + '\n');
      const s = signalNumber(args[1]);
      return sh.writeOut(`${s}\n`);
    }
    if (sh.mode === 'bash') {
      let out = '';
      for (let i = 1; i < signalNames.length; i++) out += `${String(i).padStart(2)}) SIG${signalNames[i]}${i % 5 === 0 ? '\n' : '\t'}`;
      return sh.writeOut(out.replace(/\t$/, '\n'));
    }
    return sh.writeOut(signalNames.slice(1).join('\n') + '\n');
  }
  if (args[0] === '-s' || args[0] === '-n') {
    sig = signalNumber(args[1] ?? '');
    if (!sig && args[1] !== '0') return fail(sh, 'kill', `${args[1]}: invalid signal specification`);
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && !/^-[0-9]+$/.test(args[0]) || /^-[0-9]+$/.test(args[0] ?? '') && args.length > 1) {
    const name = args[0]!.slice(1);
    sig = name === '0' ? 0 : signalNumber(name);
    if (!sig && name !== '0') return fail(sh, 'kill', sh.mode === 'bash' ? `${name}: invalid signal specification` : `bad signal name '${name}'`);
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) return fail(sh, 'kill', sh.mode === 'bash' ? 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]' : 'usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]', sh.mode === 'bash' ? 2 : 1);
  let st = 0;
  for (const a of args) {
    let pids: number[];
    if (a.startsWith('%')) {
      const j = findJob(sh, a);
      if (!j) { await sh.diag(`${a}: no such job`, 'kill'); st = 1; continue; }
      // as ash: a job-control job is signalled as a group, otherwise each process
      pids = j.jobctl ? [-j.pgid] : j.pids.slice();
    } else if (/^-?[0-9]+$/.test(a)) pids = [Number(a)];
    else { await sh.diag(sh.mode === 'bash' ? `${a}: arguments must be process or job IDs` : `invalid number '${a}'`, 'kill'); st = 1; continue; }
    for (const pid of pids) {
      try { sh.sys.kill(pid, sig); } catch (e) {
        if (!isSysError(e)) throw e;
        st = 1;
        if (sh.mode === 'bash') await sh.diag(`(${a}) - ${sh.strerror(e.errno)}`, 'kill');
        else if (sh.mode === 'dash') await sh.diag(sh.strerror(e.errno), 'kill');
        else await sh.diag(`can't kill pid ${pid}: ${sh.strerror(e.errno)}`, 'kill');
      }
    }
  }
  return st;
};

const jobs: Builtin = async (sh, argv) => {
  await sh.reapJobs(false);
  let out = '';
  const n = sh.jobs.length;
  // ash lists the current job first; bash in job-number order
  const order = sh.mode === 'bash' ? sh.jobs.slice() : sh.jobs.slice().reverse();
  for (const j of order) {
    const i = sh.jobs.indexOf(j);
    const mark = i === n - 1 ? '+' : i === n - 2 ? '-' : ' ';
    out += argv.includes('-p') ? `${j.pgid}\n` : sh.jobLine(j, mark);
  }
  sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
  return sh.writeOut(out);
};

const fg: Builtin = async (sh, argv) => {
  const j = findJob(sh, argv[1] ?? '%%');
  if (!j) return fail(sh, 'fg', sh.mode === 'bash' ? 'current: no such job' : `${argv[1] ?? '%%'}: no such job`, 1);
  await sh.writeOut(j.cmd + '\n');
  try { sh.sys.kill(-j.pgid, SIGCONT); } catch (e) { if (!isSysError(e)) throw e; }
  j.state = 'Running';
  return sh.waitForeground(j.pids, j.cmd, j);
};

const bg: Builtin = async (sh, argv) => {
  const j = findJob(sh, argv[1] ?? '%%');
  if (!j) return fail(sh, 'bg', `${argv[1] ?? '%%'}: no such job`, 1);
  try { sh.sys.kill(-j.pgid, SIGCONT); } catch (e) { if (!isSysError(e)) throw e; }
  j.state = 'Running';
  await sh.writeOut(`[${j.id}]+ ${j.cmd} &\n`);
  return 0;
};

export const jobBuiltins: Record<string, Builtin> = { trap, wait, kill, jobs, fg, bg };
