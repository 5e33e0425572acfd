// Shell builtins (ash's set, with dash's and bash's messages where they
// differ): the core ones here, jobs and signals in builtins-jobs.ts, lookups
// and variables in builtins-lookup.ts.

import { isSysError, EINTR, S_IFMT, S_IFDIR } from '@dockersim/kernel';
import type { Shell } from './shell.ts';
import { ShellError, ShellExit } from './errors.ts';
import { printf, unescape } from '../libc/printf.ts';
import { evalTest, TestError } from '../libc/test-expr.ts';
import { normalize } from '../libc/path.ts';
import { readLineFd } from './input.ts';
import { fnmatch } from '../libc/fnmatch.ts';

import type { Builtin } from './builtin-util.ts';
import { fail, shq, table, specialBuiltins, keywords } from './builtin-util.ts';
import { jobBuiltins } from './builtins-jobs.ts';
import { lookupBuiltins, describe } from './builtins-lookup.ts';

export type { Builtin };
export { specialBuiltins, keywords, describe };

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

const ok: Builtin = async () => 0;

export const builtins: Record<string, Builtin> = Object.assign(table, {
  ':': ok, true: ok, false: async () => 1, echo, printf: printfB, test, '[': test, '[[': dbltest,
  cd, chdir: cd, pwd, export: exportLike('x'), readonly: exportLike('ro'), unset, set, shift, read,
  eval: evalB, exec: ok, exit: exitB, return: returnB, break: loopCtl('break'), continue: loopCtl('continue'),
  hash: ok, shopt: ok,
}, jobBuiltins, lookupBuiltins);
