// Redirections (POSIX XCU 2.7): open, dup and close file descriptors for a
// command, saving the shell's own descriptors above 10 so a builtin's
// redirections can be undone; here-documents go through a pipe.

import { isSysError, ENOENT, ENOTDIR, EBADF, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, O_RDWR } from '@dockersim/kernel';
import type { Redir } from './ast.ts';
import type { Shell } from './shell.ts';
import { expandString } from './expand.ts';
import { parseHeredoc } from './parser.ts';
import { ShellError } from './errors.ts';
import { utf8 } from '../libc/io.ts';

/** Applies redirections; with a save list, records how to undo them. */
export async function redirect(sh: Shell, redirs: Redir[], save: Array<[number, number]> | null): Promise<void> {
  for (const r of redirs) {
    const target = r.doc ? '' : await expandString(sh, r.target);
    const fd = r.fd;
    const keep = (): void => {
      if (!save || save.some(([f]) => f === fd)) return;
      let copy = -1;
      try {
        const used = new Set(sh.sys.fds());
        let free = 10;
        while (used.has(free)) free++;
        copy = sh.sys.dup2(fd, free);
        sh.sys.setCloexec(copy, true);
      } catch (e) { if (!isSysError(e, EBADF)) throw e; }
      save.push([fd, copy]);
    };
    if (r.op === '<&' || r.op === '>&') {
      if (target === '-') { keep(); try { sh.sys.close(fd); } catch (e) { if (!isSysError(e)) throw e; } continue; }
      if (/^[0-9]+$/.test(target)) {
        const src = Number(target);
        if (src === fd) continue;
        keep();
        try { sh.sys.dup2(src, fd); } catch (e) {
          if (!isSysError(e)) throw e;
          throw new ShellError(sh.mode === 'bash' ? `${target}: Bad file descriptor` : sh.mode === 'dash' ? `${target}: Bad file descriptor` : `${target}: Bad file descriptor`, 1, false);
        }
        continue;
      }
      if (r.op === '<&') throw new ShellError(`${target}: bad number`, 2, false);
    }
    let newFd: number;
    if (r.op === '<<<') newFd = await heredocFd(sh, { ...r, doc: { body: target + '\n', expand: false } });
    else if (r.doc) newFd = await heredocFd(sh, r);
    else {
      let flags: number;
      switch (r.op) {
        case '<': flags = O_RDONLY; break;
        case '>>': flags = O_WRONLY | O_CREAT | O_APPEND; break;
        case '<>': flags = O_RDWR | O_CREAT; break;
        default: flags = O_WRONLY | O_CREAT | O_TRUNC;
      }
      try {
        newFd = sh.sys.open(target, flags, 0o666);
      } catch (e) {
        if (!isSysError(e)) throw e;
        throw new ShellError(redirMessage(sh, target, r.op === '<' ? 'open' : 'create', e.errno), 1, false);
      }
      if (r.op === '>&') {
        // bash's ">&file" sends stdout and stderr there
        keep();
        if (newFd !== 1) sh.sys.dup2(newFd, 1);
        sh.sys.dup2(newFd, 2);
        if (newFd > 2) sh.sys.close(newFd);
        continue;
      }
    }
    if (newFd === fd) { if (save && !save.some(([f]) => f === fd)) save.push([fd, -1]); continue; }
    keep();
    sh.sys.dup2(newFd, fd);
    sh.sys.close(newFd);
  }
}

export function redirMessage(sh: Shell, target: string, what: 'open' | 'create', errno: number): string {
  if (sh.mode === 'bash') return `${target}: ${sh.strerror(errno)}`;
  const short = errno === ENOENT || errno === ENOTDIR;
  if (sh.mode === 'dash') {
    return `cannot ${what} ${target}: ${short ? (what === 'open' ? 'No such file' : 'Directory nonexistent') : sh.strerror(errno)}`;
  }
  return `can't ${what} ${target}: ${short ? (what === 'open' ? 'no such file' : 'nonexistent directory') : sh.strerror(errno)}`;
}

export async function heredocFd(sh: Shell, r: Redir): Promise<number> {
  const doc = r.doc!;
  let body = doc.body;
  if (doc.expand) {
    doc.parsed ??= parseHeredoc(body);
    body = await expandString(sh, doc.parsed);
  }
  const [rd, wr] = sh.sys.pipe();
  const bytes = utf8(body);
  if (bytes.length <= 32768) {
    if (bytes.length) await sh.sys.write(wr, bytes);
    sh.sys.close(wr);
  } else {
    // too big for the pipe buffer: a child writes it, as ash does
    sh.sys.clone({ child: async (csys) => { csys.close(rd); await csys.write(wr, bytes); return 0; } });
    sh.sys.close(wr);
  }
  return rd;
}

export function restore(sh: Shell, save: Array<[number, number]>): void {
  for (let i = save.length - 1; i >= 0; i--) {
    const [fd, copy] = save[i]!;
    try {
      if (copy >= 0) { sh.sys.dup2(copy, fd); sh.sys.close(copy); }
      else sh.sys.close(fd);
    } catch (e) { if (!isSysError(e)) throw e; }
  }
}

export async function withRedirs(sh: Shell, redirs: Redir[], fn: () => Promise<number>): Promise<number> {
  if (redirs.length === 0) return fn();
  const save: Array<[number, number]> = [];
  try {
    try { await redirect(sh, redirs, save); } catch (e) {
      if (e instanceof ShellError && !e.fatal) { await sh.diag(e.message); return e.status; }
      throw e;
    }
    return await fn();
  } finally {
    restore(sh, save);
  }
}
