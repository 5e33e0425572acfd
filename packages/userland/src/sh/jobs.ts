// Waiting for children and the job table: foreground jobs under job control
// (the terminal handed to the job's process group), background jobs reaped
// with WNOHANG, and the lines `jobs` prints.

import { isSysError, EINTR, ECHILD, SIGINT, SIGTSTP, WUNTRACED, WNOHANG } from '@dockersim/kernel';
import type { ExitStatus } from '@dockersim/kernel';
import type { Shell, Job } from './shell.ts';

/** Notes ended background jobs (WNOHANG); prints "Done" lines when notify. */
export async function reapJobs(sh: Shell, notify: boolean): Promise<void> {
  for (const j of sh.jobs) {
    if (j.state !== 'Running') continue;
    let alive = false;
    for (const pid of j.pids) {
      try {
        const r = await sh.sys.wait4(pid, WNOHANG);
        if (!r) alive = true;
        else if (pid === j.pids[j.pids.length - 1]) j.status = statusOf(sh, r.status);
      } catch (e) { if (!isSysError(e)) throw e; }
    }
    if (!alive) j.state = 'Done';
  }
  if (!notify) return;
  const n = sh.jobs.length;
  let out = '';
  sh.jobs.forEach((j, i) => {
    if (j.state !== 'Done') return;
    out += jobLine(sh, j, i === n - 1 ? '+' : i === n - 2 ? '-' : ' ');
  });
  sh.jobs = sh.jobs.filter((j) => j.state !== 'Done');
  if (out) await sh.writeErr(out);
}

/** A `jobs` line: ash pads the state to column 33, bash to 24 after the marker. */
export function jobLine(sh: Shell, j: Job, mark: string): string {
  let state: string;
  if (j.state === 'Running' || j.state === 'Stopped') state = j.state;
  else if (j.status > 128) state = signalText(j.status - 128);
  else if (sh.mode === 'bash') state = j.status ? `Exit ${j.status}` : 'Done';
  else state = j.status ? `Done(${j.status})` : 'Done';
  const head = `[${j.id}]${mark}  ${state}`;
  if (sh.mode === 'bash') return `[${j.id}]${mark}  ${state.padEnd(24)}${j.cmd}${j.state === 'Running' ? ' &' : ''}\n`;
  return `${head}${' '.repeat(Math.max(1, 33 - head.length))}${j.cmd}\n`;
}

export function addJob(sh: Shell, pids: number[], pgid: number, cmd: string): Job {
  const id = sh.jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
  const job: Job = { id, pgid, pids, cmd, state: 'Running', status: 0, notified: false, jobctl: sh.interactive };
  sh.jobs.push(job);
  return job;
}

export function statusOf(sh: Shell, s: ExitStatus): number {
  if (s.signal !== null && s.signal !== undefined) return 128 + s.signal;
  return s.code ?? 0;
}

/** Waits for one child; EINTR from a trapped signal keeps waiting (the trap runs afterwards). */
export async function waitPid(sh: Shell, pid: number): Promise<number> {
  for (;;) {
    try {
      const r = await sh.sys.wait4(pid, 0);
      if (!r) continue;
      const st = statusOf(sh, r.status);
      const job = sh.jobs.find((j) => j.pids.includes(pid));
      if (job) { job.state = 'Done'; job.status = st; }
      return st;
    } catch (e) {
      if (isSysError(e, EINTR)) continue;
      if (isSysError(e, ECHILD)) {
        const job = sh.jobs.find((j) => j.pids.includes(pid));
        return job ? job.status : 127;
      }
      throw e;
    }
  }
}

/** Interactive: gives the terminal to the job, waits for it to end or stop, takes the terminal back. */
export async function waitForeground(sh: Shell, pids: number[], cmd: string, existing?: Job): Promise<number> {
  const pgid = existing?.pgid ?? pids[0]!;
  for (const p of pids) { try { sh.sys.setpgid(p, pgid); } catch (e) { if (!isSysError(e)) throw e; } }
  if (sh.ttyFd >= 0) { try { sh.sys.tcsetpgrp(sh.ttyFd, pgid); } catch (e) { if (!isSysError(e)) throw e; } }
  let status = 0;
  let stopped = false;
  const left = new Set(pids);
  const lastPid = pids[pids.length - 1]!;
  try {
    while (left.size) {
      let r;
      try { r = await sh.sys.wait4(-pgid, WUNTRACED); } catch (e) {
        if (isSysError(e, EINTR)) continue;
        if (isSysError(e, ECHILD)) break;
        throw e;
      }
      if (!r) continue;
      if (r.status.code === null && r.status.signal === null) { stopped = true; break; }
      const st = statusOf(sh, r.status);
      if (isStopped(r.status)) { stopped = true; break; }
      left.delete(r.pid);
      if (r.pid === lastPid) status = st;
      if (r.status.signal === SIGINT && r.pid === lastPid) await sh.writeErr('\n');
    }
  } finally {
    if (sh.ttyFd >= 0) { try { sh.sys.tcsetpgrp(sh.ttyFd, sh.shellPgid); } catch (e) { if (!isSysError(e)) throw e; } }
  }
  if (stopped) {
    const job = existing ?? addJob(sh, pids, pgid, cmd);
    job.state = 'Stopped';
    await sh.writeErr('\n' + jobLine(sh, job, '+'));
    return 128 + SIGTSTP;
  }
  if (existing) sh.jobs = sh.jobs.filter((j) => j !== existing);
  return status;
}

const SIGNAL_TEXT: Record<number, string> = { 1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 6: 'Aborted', 9: 'Killed', 13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 10: 'User defined signal 1', 12: 'User defined signal 2' };
function signalText(sig: number): string { return SIGNAL_TEXT[sig] ?? `Signal ${sig}`; }

function isStopped(s: ExitStatus): boolean {
  return s.code === null && s.signal === null;
}
