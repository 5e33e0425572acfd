// Lookup and environment builtins: type, command, alias, unalias, umask,
// ulimit, source/., getopts, local, let, declare/typeset, times.

import { isSysError, S_IFMT, S_IFDIR } from '@dockersim/kernel';
import type { Shell } from './shell.ts';
import type { Builtin } from './builtin-util.ts';
import { fail, shq, table, specialBuiltins, keywords } from './builtin-util.ts';
import { ShellError } from './errors.ts';
import { evalArith, ArithError } from './arith.ts';
import { nodeText } from './unparse.ts';
import { readFile } from '../libc/io.ts';

/** How `type` and `command -v/-V` describe a name. */
export function describe(sh: Shell, name: string): { kind: 'alias' | 'keyword' | 'function' | 'special' | 'builtin' | 'file' | 'none'; text: string } {
  if (sh.aliases.has(name)) return { kind: 'alias', text: sh.aliases.get(name)! };
  if (keywords.has(name) || (sh.mode === 'bash' && (name === '[[' || name === ']]' || name === 'function'))) return { kind: 'keyword', text: '' };
  if (sh.funcs.has(name)) return { kind: 'function', text: '' };
  if (specialBuiltins.has(name)) return { kind: 'special', text: '' };
  if (table[name] && !(sh.mode === 'dash' && ['let', '[[', 'source', 'declare'].includes(name))) return { kind: 'builtin', text: '' };
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
  const b = table[rest[0]!];
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

export const lookupBuiltins: Record<string, Builtin> = {
  type, command, alias, unalias, umask, ulimit, source, '.': source, getopts, local, let: let_, declare, typeset: declare, times,
};
