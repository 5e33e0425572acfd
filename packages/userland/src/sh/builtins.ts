// Shell builtins (ash's set, with dash's and bash's messages where they differ).

import {
  isSysError, EINTR, ECHILD, ESRCH, signalNumber, signalNames, SIGKILL, SIGSTOP, SIGCONT, S_IFMT, S_IFDIR,
} from '@dockersim/kernel';
import type { Shell } from './shell.ts';
import { ShellError, ShellExit } from './errors.ts';
import { evalArith, ArithError } from './arith.ts';
import { printf, unescape } from '../libc/printf.ts';
import { evalTest, TestError } from '../libc/test-expr.ts';
import { normalize } from '../libc/path.ts';
import { readLineFd } from './input.ts';
import { readFile } from '../libc/io.ts';
import { nodeText } from './unparse.ts';
import { fnmatch } from '../libc/fnmatch.ts';

export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

export const specialBuiltins = new Set(['break', ':', '.', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);
export const keywords = new Set(['!', 'case', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'if', 'in', 'then', 'until', 'while', '{', '}']);

async function fail(sh: Shell, name: string, msg: string, status = 1): Promise<number> {
  await sh.diag(msg, name);
  return status;
}

function shq(s: string): string { return `'${s.replace(/'/g, `'\\''`)}'`; }

const echo: Builtin = async (sh, argv) => {
  let i = 1;
  let nl = true;
  let esc = sh.mode === 'dash';
  if (sh.mode === 'dash') {
    if (argv[1] === '-n') { nl = false; i = 2; }
  } else {
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (!/^-[neE]+$/.test(a)) break;
      for (const c of a.slice(1)) { if (c === 'n') nl = false; else if (c === 'e') esc = true; else esc = false; }
    }
  }
  let s = argv.slice(i).join(' ');
  if (esc) {
    const u = unescape(s, true);
    s = u.s;
    if (u.stop) nl = false;
  }
  if (nl) s += '\n';
  return sh.writeOut(s);
};

const printfB: Builtin = async (sh, argv) => {
  if (argv.length < 2) return fail(sh, 'printf', sh.mode === 'bash' ? 'usage: printf [-v var] format [arguments]' : 'usage: printf format [arg ...]', 2);
  const bad = (a: string): string => sh.mode === 'bash' ? `${a}: invalid number` : sh.mode === 'dash' ? `${a}: expected numeric value` : `invalid number '${a}'`;
  const r = printf(argv[1]!, argv.slice(2), bad);
  await sh.writeOut(r.out);
  if (r.error) return fail(sh, 'printf', r.error);
  return 0;
};

const test: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  const name = argv[0]!;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return fail(sh, '[', sh.mode === 'bash' ? "missing `]'" : 'missing ]', 2);
    args = args.slice(0, -1);
  }
  try {
    return evalTest(sh.sys, args, sh.mode === 'bash' ? 'bash' : sh.mode === 'dash' ? 'dash' : 'busybox') ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return fail(sh, name, e.message, 2);
    throw e;
  }
};

const dbltest: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args[args.length - 1] !== ']]') return fail(sh, '[[', "missing `]]'", 2);
  args.pop();
  if (args.length === 3 && (args[1] === '==' || args[1] === '=' || args[1] === '!=')) {
    const m = fnmatch(args[2]!, args[0]!);
    return (args[1] === '!=' ? !m : m) ? 0 : 1;
  }
  if (args.length === 3 && args[1] === '=~') {
    try { return new RegExp(args[2]!).test(args[0]!) ? 0 : 1; } catch { return 2; }
  }
  return test(sh, ['test', ...args]);
};

const cd: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let physical = false;
  while (args[0] === '-L' || args[0] === '-P') { physical = args[0] === '-P'; args = args.slice(1); }
  if (args[0] === '--') args = args.slice(1);
  let dest: string | undefined = args[0];
  let print = false;
  if (dest === undefined) {
    dest = sh.getVar('HOME');
    if (!dest) {
      if (sh.mode === 'bash') return fail(sh, 'cd', 'HOME not set');
      dest = '/';
    }
  } else if (dest === '-') {
    dest = sh.getVar('OLDPWD') ?? (sh.mode === 'bash' ? undefined : sh.getVar('PWD') ?? '/');
    if (!dest) return fail(sh, 'cd', 'OLDPWD not set');
    print = true;
  }
  if (dest === undefined) return 1;
  const oldpwd = sh.getVar('PWD') ?? sh.sys.getcwd();
  let target = dest.startsWith('/') ? dest : `${oldpwd}/${dest}`;
  if (!dest.startsWith('/') && !dest.startsWith('.') && sh.getVar('CDPATH')) {
    for (const d of sh.getVar('CDPATH')!.split(':')) {
      const t = `${d || '.'}/${dest}`;
      try { if ((sh.sys.stat(t).mode & S_IFMT) === S_IFDIR) { target = t.startsWith('/') ? t : `${oldpwd}/${t}`; print = !!d; break; } } catch (e) { if (!isSysError(e)) throw e; }
    }
  }
  const logical = normalize(target);
  try {
    sh.sys.chdir(physical ? target : logical);
  } catch (e) {
    if (!isSysError(e)) throw e;
    if (sh.mode === 'bash') return fail(sh, 'cd', `${dest}: ${sh.strerror(e.errno)}`);
    if (sh.mode === 'dash') return fail(sh, 'cd', `can't cd to ${dest}`, 2);
    return fail(sh, 'cd', `can't cd to ${dest}: ${sh.strerror(e.errno)}`, 2);
  }
  const pwd = physical ? sh.sys.getcwd() : logical;
  sh.setVar('OLDPWD', oldpwd);
  sh.setVar('PWD', pwd);
  if (print) await sh.writeOut(pwd + '\n');
  return 0;
};

const pwd: Builtin = async (sh, argv) => {
  const physical = argv.includes('-P');
  let p = sh.getVar('PWD');
  const real = sh.sys.getcwd();
  if (physical || !p) p = real;
  else {
    try {
      const a = sh.sys.stat(p), b = sh.sys.stat(real);
      if (a.ino !== b.ino || a.dev !== b.dev) p = real;
    } catch (e) { if (!isSysError(e)) throw e; p = real; }
  }
  return sh.writeOut(p + '\n');
};

function listVars(sh: Shell, filter: 'x' | 'ro'): string {
  const names = [...sh.vars.map.keys()].sort();
  let out = '';
  for (const k of names) {
    const v = sh.vars.map.get(k)!;
    if (filter === 'x' ? !v.x : !v.ro) continue;
    const word = filter === 'x' ? 'export' : 'readonly';
    if (sh.mode === 'bash') out += `declare -${filter === 'x' ? 'x' : 'r'} ${k}${v.v === undefined ? '' : `="${v.v.replace(/(["\\$`])/g, '\\$1')}"`}\n`;
    else out += `${word} ${k}${v.v === undefined ? '' : `=${shq(v.v)}`}\n`;
  }
  return out;
}

function exportLike(kind: 'x' | 'ro'): Builtin {
  return async (sh, argv) => {
    let args = argv.slice(1);
    let unexport = false;
    while (args[0]?.startsWith('-')) {
      if (args[0] === '-p') { args = args.slice(1); continue; }
      if (args[0] === '-n' && kind === 'x') { unexport = true; args = args.slice(1); continue; }
      if (args[0] === '--') { args = args.slice(1); break; }
      break;
    }
    if (args.length === 0) return sh.writeOut(listVars(sh, kind));
    let st = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(0, eq) : a;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        if (sh.mode === 'bash') { await sh.diag(`\`${a}': not a valid identifier`, argv[0]); st = 1; continue; }
        throw new ShellError(`${argv[0]}: ${name}: bad variable name`, 2);
      }
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      if (kind === 'x') sh.vars.export(name, !unexport);
      else sh.vars.readonly(name);
    }
    return st;
  };
}

const unset: Builtin = async (sh, argv) => {
  let fn = false;
  let args = argv.slice(1);
  if (args[0] === '-f') { fn = true; args = args.slice(1); } else if (args[0] === '-v') args = args.slice(1);
  for (const a of args) {
    if (fn) { sh.funcs.delete(a); continue; }
    if (!sh.vars.unset(a)) {
      if (sh.mode === 'bash') { await sh.diag(`${a}: cannot unset: readonly variable`, 'unset'); return 1; }
      throw new ShellError(`unset: ${a}: is read only`, 2);
    }
    if (!sh.vars.map.has(a) && sh.funcs.has(a) && sh.mode === 'bash') sh.funcs.delete(a);
  }
  return 0;
};

// in ash's optletters_optnames order
const OPTNAMES: Array<[string, keyof Shell['opts'] | null]> = [
  ['errexit', 'e'], ['noglob', 'f'], ['ignoreeof', null], ['monitor', 'm'], ['noexec', 'n'], ['xtrace', 'x'],
  ['verbose', 'v'], ['noclobber', 'C'], ['allexport', null], ['notify', null], ['nounset', 'u'], ['errtrace', null], ['vi', null], ['pipefail', 'pipefail'],
];

const set: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    let out = '';
    for (const k of [...sh.vars.map.keys()].sort()) {
      const v = sh.vars.map.get(k)!;
      if (v.v !== undefined) out += `${k}=${/^[A-Za-z0-9_./:,=@%+-]+$/.test(v.v) ? v.v : shq(v.v)}\n`;
    }
    return sh.writeOut(out);
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; sh.positional = args.slice(i); return 0; }
    if (a === '-' ) { sh.opts.x = false; sh.opts.v = false; i++; break; }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'o') {
        const name = args[i + 1];
        if (name === undefined || name.startsWith('-') || name.startsWith('+')) {
          let out = '';
          for (const [n, k] of OPTNAMES) {
            if (n === 'pipefail' && sh.mode === 'dash') continue;
            const v = k ? sh.opts[k] : false;
            out += on ? `${n.padEnd(sh.mode === 'bash' ? 15 : 16)}${v ? 'on' : 'off'}\n` : `set ${v ? '-' : '+'}o ${n}\n`;
          }
          await sh.writeOut(out);
          continue;
        }
        i++;
        const opt = OPTNAMES.find(([n]) => n === name);
        if (!opt || (name === 'pipefail' && sh.mode === 'dash')) return fail(sh, 'set', sh.mode === 'bash' ? `${name}: invalid option name` : sh.mode === 'dash' ? `Illegal option -o ${name}` : `illegal option -o ${name}`, 2);
        if (opt[1]) (sh.opts as unknown as Record<string, boolean>)[opt[1]] = on;
        continue;
      }
      const key = 'efmnuvxC'.includes(c) ? (c as keyof Shell['opts']) : null;
      if (!key) {
        if ('abhBHPTkt'.includes(c)) continue;
        return fail(sh, 'set', sh.mode === 'bash' ? `${a[0]}${c}: invalid option` : sh.mode === 'dash' ? `Illegal option ${a[0]}${c}` : `illegal option ${a[0]}${c}`, 2);
      }
      (sh.opts as unknown as Record<string, boolean>)[key] = on;
    }
  }
  if (i < args.length) sh.positional = args.slice(i);
  return 0;
};

const shift: Builtin = async (sh, argv) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) throw new ShellError(`shift: Illegal number: ${argv[1]}`, 2);
  if (n > sh.positional.length) {
    if (sh.mode === 'bash') return 1;
    throw new ShellError(sh.mode === 'dash' ? `shift: can't shift that many` : `shift: can't shift that many`, 2);
  }
  sh.positional = sh.positional.slice(n);
  return 0;
};

const read: Builtin = async (sh, argv) => {
  let raw = false;
  let prompt: string | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-r') raw = true;
    else if (a === '-p') prompt = argv[++i];
    else if (a.startsWith('-p')) prompt = a.slice(2);
    else if (/^-r+$/.test(a)) raw = true;
    else if (a === '-s' || a === '-e') continue;
    else return fail(sh, 'read', sh.mode === 'bash' ? `${a}: invalid option` : `Illegal option ${a}`, 2);
  }
  const names = argv.slice(i);
  if (names.length === 0) {
    if (sh.mode === 'bash') names.push('REPLY');
    else return fail(sh, 'read', 'arg count', 2);
  }
  if (prompt !== undefined && sh.sys.isatty(0)) await sh.writeErr(prompt);
  let line = '';
  let eof = false;
  for (;;) {
    let l: string | null;
    try { l = await readLineFd(sh.sys, 0); } catch (e) {
      if (isSysError(e, EINTR)) return 128 + (sh.pendingSigs[0] ?? 2);
      if (isSysError(e)) { l = null; } else throw e;
    }
    if (l === null) { eof = true; break; }
    const hasNl = l.endsWith('\n');
    if (hasNl) l = l.slice(0, -1); else eof = true;
    if (!raw && hasNl && /(^|[^\\])(\\\\)*\\$/.test(l)) { line += l.slice(0, -1) + '\u0000NL'; continue; }
    line += l;
    break;
  }
  line = line.replace(/\u0000NL/g, '');
  // split: backslash escapes protect characters from IFS
  const ifs = sh.ifs();
  const ws = ifs.replace(/[^ \t\n]/g, '');
  const chars: Array<[string, boolean]> = [];
  for (let k = 0; k < line.length; k++) {
    const c = line[k]!;
    if (!raw && c === '\\' && k + 1 < line.length) { chars.push([line[++k]!, true]); continue; }
    if (!raw && c === '\\') continue;
    chars.push([c, false]);
  }
  const isSep = (x: [string, boolean]): boolean => !x[1] && ifs.includes(x[0]);
  const isWs = (x: [string, boolean]): boolean => !x[1] && ws.includes(x[0]);
  let p = 0;
  while (p < chars.length && isWs(chars[p]!)) p++;
  for (let n = 0; n < names.length; n++) {
    const last = n === names.length - 1;
    let v = '';
    if (last) {
      let end = chars.length;
      while (end > p && isWs(chars[end - 1]!)) end--;
      v = chars.slice(p, end).map((x) => x[0]).join('');
      p = chars.length;
    } else {
      while (p < chars.length && !isSep(chars[p]!)) v += chars[p++]![0];
      // consume one separator: whitespace run with at most one non-whitespace IFS char
      while (p < chars.length && isWs(chars[p]!)) p++;
      if (p < chars.length && isSep(chars[p]!) && !isWs(chars[p]!)) { p++; while (p < chars.length && isWs(chars[p]!)) p++; }
    }
    sh.setVar(names[n]!, v);
  }
  return eof ? 1 : 0;
};

const evalB: Builtin = async (sh, argv) => {
  const src = argv.slice(1).join(' ');
  if (!src.trim()) return 0;
  return sh.runSource(src);
};

const exitB: Builtin = async (sh, argv) => {
  let code = sh.status;
  if (argv[1] !== undefined) {
    if (!/^-?[0-9]+$/.test(argv[1])) {
      if (sh.mode === 'bash') { await sh.diag(`${argv[1]}: numeric argument required`, 'exit'); code = 2; }
      else throw new ShellError(`exit: Illegal number: ${argv[1]}`, 2);
    } else code = Number(argv[1]) & 255;
  }
  if (sh.interactive && sh.mode === 'bash') await sh.writeErr('exit\n');
  throw new ShellExit(code);
};

const returnB: Builtin = async (sh, argv) => {
  const code = argv[1] === undefined ? sh.status : Number(argv[1]) & 255;
  if (sh.funcDepth === 0 && !sh.readingFile) {
    if (sh.mode === 'bash') return fail(sh, 'return', "can only `return' from a function or sourced script");
  }
  sh.status = code;
  sh.skip = 'return';
  sh.skipCount = 1;
  return code;
};

function loopCtl(kind: 'break' | 'continue'): Builtin {
  return async (sh, argv) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) throw new ShellError(`${kind}: Illegal number: ${argv[1]}`, 2);
    if (sh.loopDepth === 0) {
      if (sh.mode === 'bash') await sh.diag("only meaningful in a `for', `while', or `until' loop", kind);
      return 0;
    }
    sh.skip = kind;
    sh.skipCount = Math.min(n, sh.loopDepth);
    return 0;
  };
}

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
void ESRCH;

/** How `type` and `command -v/-V` describe a name. */
export function describe(sh: Shell, name: string): { kind: 'alias' | 'keyword' | 'function' | 'special' | 'builtin' | 'file' | 'none'; text: string } {
  if (sh.aliases.has(name)) return { kind: 'alias', text: sh.aliases.get(name)! };
  if (keywords.has(name) || (sh.mode === 'bash' && (name === '[[' || name === ']]' || name === 'function'))) return { kind: 'keyword', text: '' };
  if (sh.funcs.has(name)) return { kind: 'function', text: '' };
  if (specialBuiltins.has(name)) return { kind: 'special', text: '' };
  if (builtins[name] && !(sh.mode === 'dash' && ['let', '[[', 'source', 'declare'].includes(name))) return { kind: 'builtin', text: '' };
  const p = sh.findCommand(name);
  if (p && (name.includes('/') ? exists(sh, p) : true)) return { kind: 'file', text: p };
  return { kind: 'none', text: '' };
}

function exists(sh: Shell, p: string): boolean {
  try { sh.sys.stat(p); return true; } catch (e) { if (isSysError(e)) return false; throw e; }
}

const type: Builtin = async (sh, argv) => {
  let st = 0;
  let out = '';
  for (const name of argv.slice(1)) {
    const d = describe(sh, name);
    switch (d.kind) {
      case 'alias': out += sh.mode === 'bash' ? `${name} is aliased to \`${d.text}'\n` : `${name} is an alias for ${d.text}\n`; break;
      case 'keyword': out += `${name} is a shell keyword\n`; break;
      case 'function': out += sh.mode === 'bash' ? `${name} is a function\n${name} () \n${nodeText(sh.funcs.get(name)!)}\n` : `${name} is a function\n`; break;
      case 'special': out += sh.mode === 'bash' ? `${name} is a shell builtin\n` : `${name} is a special shell builtin\n`; break;
      case 'builtin': out += `${name} is a shell builtin\n`; break;
      case 'file': out += `${name} is ${d.text}\n`; break;
      case 'none':
        await sh.writeOut(out); out = '';
        if (sh.mode === 'bash') await sh.diag(`${name}: not found`, 'type');
        else await sh.writeOut(`${name}: not found\n`);
        st = sh.mode === 'bash' ? 1 : 127;
    }
  }
  await sh.writeOut(out);
  return st;
};

const command: Builtin = async (sh, argv) => {
  let i = 1;
  let mode: '' | 'v' | 'V' = '';
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-v') mode = 'v';
    else if (a === '-V') mode = 'V';
    else if (a === '-p') continue;
    else if (a === '--') { i++; break; }
    else break;
  }
  const rest = argv.slice(i);
  if (mode === 'V') return type(sh, ['type', ...rest]);
  if (mode === 'v') {
    let st = 0;
    for (const name of rest) {
      const d = describe(sh, name);
      if (d.kind === 'none') { st = 1; continue; }
      if (d.kind === 'alias') await sh.writeOut(`alias ${name}=${shq(d.text)}\n`);
      else if (d.kind === 'file') await sh.writeOut(`${d.text}\n`);
      else await sh.writeOut(`${name}\n`);
    }
    return st;
  }
  if (rest.length === 0) return 0;
  const b = builtins[rest[0]!];
  if (b) return b(sh, rest);
  return sh.runCommandWords(rest);
};

const alias: Builtin = async (sh, argv) => {
  if (argv.length === 1) {
    let out = '';
    for (const k of [...sh.aliases.keys()].sort()) out += `${sh.mode === 'bash' ? 'alias ' : ''}${k}=${shq(sh.aliases.get(k)!)}\n`;
    return sh.writeOut(out);
  }
  let st = 0;
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) { sh.aliases.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
    const v = sh.aliases.get(a);
    if (v === undefined) { await sh.diag(`${a}: not found`, 'alias'); st = 1; continue; }
    await sh.writeOut(`${sh.mode === 'bash' ? 'alias ' : ''}${a}=${shq(v)}\n`);
  }
  return st;
};

const unalias: Builtin = async (sh, argv) => {
  if (argv[1] === '-a') { sh.aliases.clear(); return 0; }
  let st = 0;
  for (const a of argv.slice(1)) {
    if (!sh.aliases.delete(a)) { await sh.diag(`${a}: not found`, 'unalias'); st = 1; }
  }
  return st;
};

const umask: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  const sym = args[0] === '-S';
  if (sym) args.shift();
  if (args.length === 0) {
    const m = sh.sys.umask();
    if (sym) {
      const part = (bits: number): string => `${bits & 4 ? '' : 'r'}${bits & 2 ? '' : 'w'}${bits & 1 ? '' : 'x'}`;
      return sh.writeOut(`u=${part(m >> 6)},g=${part((m >> 3) & 7)},o=${part(m & 7)}\n`);
    }
    return sh.writeOut(m.toString(8).padStart(4, '0') + '\n');
  }
  if (!/^[0-7]+$/.test(args[0]!)) return fail(sh, 'umask', sh.mode === 'bash' ? `${args[0]}: octal number out of range` : `Illegal number: ${args[0]}`, 1);
  sh.sys.umask(parseInt(args[0]!, 8));
  return 0;
};

const ulimit: Builtin = async (sh, argv) => {
  const a = argv[1];
  if (a === '-a') {
    return sh.writeOut([
      '-f: file size (blocks)             unlimited', '-t: cpu time (seconds)             unlimited',
      '-d: data seg size (kb)             unlimited', '-s: stack size (kb)                8192',
      '-c: core file size (blocks)        unlimited', '-m: resident set size (kb)         unlimited',
      '-l: locked memory (kb)             64', '-p: processes                      unlimited',
      '-n: file descriptors               1048576', '-v: address space (kb)             unlimited',
    ].join('\n') + '\n');
  }
  if (argv.length > 2 || (a && !a.startsWith('-'))) return 0;
  return sh.writeOut(a === '-n' ? '1048576\n' : a === '-s' ? '8192\n' : 'unlimited\n');
};

const source: Builtin = async (sh, argv) => {
  const file = argv[1];
  if (file === undefined) {
    if (sh.mode === 'bash') return fail(sh, argv[0]!, 'filename argument required', 2);
    return 0;
  }
  let path: string | null = file;
  if (!file.includes('/')) {
    path = null;
    for (const dir of (sh.getVar('PATH') ?? '').split(':')) {
      const f = `${dir || '.'}/${file}`;
      try { if ((sh.sys.stat(f).mode & S_IFMT) !== S_IFDIR) { path = f; break; } } catch (e) { if (!isSysError(e)) throw e; }
    }
    if (!path && sh.mode !== 'dash') path = file;
  }
  let src: string;
  try {
    if (!path) throw new ShellError(`${argv[0]}: ${file}: not found`, 2);
    src = await readFile(sh.sys, path);
  } catch (e) {
    if (e instanceof ShellError) throw e;
    if (!isSysError(e)) throw e;
    if (sh.mode === 'bash') return fail(sh, argv[0]!, `${file}: ${sh.strerror(e.errno)}`);
    if (sh.mode === 'dash') throw new ShellError(`${argv[0]}: cannot open ${file}: ${e.errno === 2 ? 'No such file' : sh.strerror(e.errno)}`, 2);
    throw new ShellError(`${argv[0]}: can't open '${file}': ${sh.strerror(e.errno)}`, 2);
  }
  const savedPos = sh.positional;
  const savedReading = sh.readingFile;
  if (argv.length > 2) sh.positional = argv.slice(2);
  sh.readingFile = true;
  try {
    const st = await sh.runSource(src);
    if (sh.skip === 'return') { sh.skip = null; return sh.status; }
    return st;
  } finally {
    sh.readingFile = savedReading;
    if (argv.length > 2) sh.positional = savedPos;
  }
};

const getopts: Builtin = async (sh, argv) => {
  const optstring = argv[1];
  const varname = argv[2];
  if (optstring === undefined || varname === undefined) return fail(sh, 'getopts', 'usage: getopts optstring var [arg]', 2);
  const args = argv.length > 3 ? argv.slice(3) : sh.positional;
  let optind = Number(sh.getVar('OPTIND') ?? '1') || 1;
  if (sh.getoptsInd !== optind) { sh.getoptsOff = 0; }
  const silent = optstring.startsWith(':');
  const spec = silent ? optstring.slice(1) : optstring;
  const done = (): number => { sh.setVar(varname, '?'); sh.vars.unset('OPTARG'); sh.setVar('OPTIND', String(optind)); sh.getoptsInd = optind; return 1; };
  let arg = args[optind - 1];
  if (sh.getoptsOff === 0) {
    if (arg === undefined || !arg.startsWith('-') || arg === '-') return done();
    if (arg === '--') { optind++; return done(); }
    sh.getoptsOff = 1;
  }
  arg = arg!;
  const c = arg[sh.getoptsOff]!;
  sh.getoptsOff++;
  const advance = (): void => { if (sh.getoptsOff >= arg!.length) { optind++; sh.getoptsOff = 0; } };
  const idx = spec.indexOf(c);
  let st = 0;
  if (idx < 0 || c === ':') {
    if (silent) { sh.setVar('OPTARG', c); } else { await sh.writeErr(sh.mode === 'bash' ? `${sh.arg0}: illegal option -- ${c}\n` : `Illegal option -${c}\n`); sh.vars.unset('OPTARG'); }
    sh.setVar(varname, '?');
    advance();
  } else if (spec[idx + 1] === ':') {
    let val: string | undefined;
    if (sh.getoptsOff < arg.length) { val = arg.slice(sh.getoptsOff); optind++; sh.getoptsOff = 0; }
    else { val = args[optind]; optind += 2; sh.getoptsOff = 0; }
    if (val === undefined) {
      optind--;
      if (silent) { sh.setVar('OPTARG', c); sh.setVar(varname, ':'); }
      else { await sh.writeErr(sh.mode === 'bash' ? `${sh.arg0}: option requires an argument -- ${c}\n` : `No arg for -${c} option\n`); sh.vars.unset('OPTARG'); sh.setVar(varname, '?'); }
    } else { sh.setVar('OPTARG', val); sh.setVar(varname, c); }
  } else {
    sh.setVar(varname, c);
    sh.vars.unset('OPTARG');
    advance();
  }
  sh.setVar('OPTIND', String(optind));
  sh.getoptsInd = optind;
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

const local: Builtin = async (sh, argv) => {
  if (!sh.vars.inFunction()) {
    if (sh.mode === 'bash') return fail(sh, 'local', 'can only be used in a function');
    throw new ShellError('local: not in a function', 2);
  }
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    sh.vars.makeLocal(name);
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
  }
  return 0;
};

const let_: Builtin = async (sh, argv) => {
  let v = '0';
  for (const e of argv.slice(1)) {
    try { v = evalArith(e, { get: (n) => sh.getVar(n), set: (n, x) => sh.setVar(n, x) }); } catch (err) {
      if (err instanceof ArithError) return fail(sh, 'let', `${e}: ${err.message}`);
      throw err;
    }
  }
  return v === '0' ? 1 : 0;
};

/** bash's declare/typeset: -x exports, -r readonly, -g/-i/-a accepted; in a function it makes locals. */
const declare: Builtin = async (sh, argv) => {
  const flags = new Set<string>();
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^[-+][a-zA-Z]+$/.test(a)) { for (const c of a.slice(1)) flags.add(a[0] === '-' ? c : '+' + c); continue; }
    names.push(a);
  }
  if (names.length === 0 || flags.has('p')) {
    let out = '';
    const keys = names.length ? names : [...sh.vars.map.keys()].sort();
    for (const k of keys) {
      const v = sh.vars.map.get(k);
      if (!v) { if (names.length) { await sh.diag(`${k}: not found`, argv[0]); } continue; }
      const attrs = `${v.x ? 'x' : ''}${v.ro ? 'r' : ''}` || '-';
      out += `declare -${attrs === '-' ? '-' : attrs} ${k}${v.v === undefined ? '' : `="${v.v.replace(/(["\\$`])/g, '\\$1')}"`}\n`;
    }
    return sh.writeOut(out);
  }
  for (const a of names) {
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) { await sh.diag(`\`${a}': not a valid identifier`, argv[0]); continue; }
    if (sh.vars.inFunction() && !flags.has('g')) sh.vars.makeLocal(name);
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    else if (!sh.vars.map.has(name)) sh.vars.map.set(name, { v: undefined, x: false, ro: false });
    if (flags.has('x')) sh.vars.export(name, true);
    if (flags.has('+x')) sh.vars.export(name, false);
    if (flags.has('r')) sh.vars.readonly(name);
  }
  return 0;
};

const times: Builtin = async (sh) => sh.writeOut('0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n');

const ok: Builtin = async () => 0;

export const builtins: Record<string, Builtin> = {
  ':': ok, true: ok, false: async () => 1, echo, printf: printfB, test, '[': test, '[[': dbltest,
  cd, chdir: cd, pwd, export: exportLike('x'), readonly: exportLike('ro'), unset, set, shift, read,
  eval: evalB, exec: ok, exit: exitB, return: returnB, break: loopCtl('break'), continue: loopCtl('continue'),
  trap, wait, kill, type, command, alias, unalias, umask, ulimit, source, '.': source, getopts, jobs, fg, bg,
  local, let: let_, times, hash: ok, declare, typeset: declare, shopt: ok,
};
