// iptables(8) (iptables-nft 1.8 as on Ubuntu): -t TABLE, -L [-n] [-v]
// [--line-numbers], -S, -A/-I/-D/-C, -N/-X/-F/-Z/-P, over sys.netlink's nf
// operations. Rule options: -p -s -d -i -o (each with "!"), -m tcp/udp
// --sport/--dport, -m addrtype --dst-type/--src-type, -m conntrack --ctstate,
// -m state --state, -m comment --comment, -j/-g, --to-destination,
// --to-source, --reject-with.

import { isSysError, ENOENT, EEXIST, EBUSY, ENOTEMPTY, EPERM, EINVAL } from '@dockersim/kernel';
import type { NfRule, NfTable, NfChainInfo, NfRuleInfo } from '@dockersim/kernel';
import type { App } from '../libc/app.ts';

const VERSION = 'iptables v1.8.10 (nf_tables)';

/** Parses rule options; returns the rule or an error text. */
export function parseRule(args: string[]): NfRule | string {
  const r: NfRule = { target: '' };
  let neg = false;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const v = (): string => args[++i] ?? '';
    if (w === '!') { neg = true; continue; }
    switch (w) {
      case '-p': case '--protocol': { const p = v(); if (p !== 'all') { r.proto = p as NfRule['proto']; if (neg) r.notProto = true; } break; }
      case '-s': case '--source': r.src = v(); if (neg) r.notSrc = true; break;
      case '-d': case '--destination': r.dst = v(); if (neg) r.notDst = true; break;
      case '-i': case '--in-interface': r.in = v(); if (neg) r.notIn = true; break;
      case '-o': case '--out-interface': r.out = v(); if (neg) r.notOut = true; break;
      case '-m': case '--match': v(); break;
      case '--dport': case '--destination-port': r.dport = v(); break;
      case '--sport': case '--source-port': r.sport = v(); break;
      case '--dst-type': r.dstType = v() as 'LOCAL'; if (neg) r.notDstType = true; break;
      case '--src-type': r.srcType = v() as 'LOCAL'; break;
      case '--ctstate': case '--state': r.ctstate = v().split(','); break;
      case '--comment': r.comment = v(); break;
      case '-j': case '--jump': r.target = v(); break;
      case '-g': case '--goto': r.target = v(); r.goto = true; break;
      case '--to-destination': r.toDestination = v(); break;
      case '--to-source': r.toSource = v(); break;
      case '--reject-with': r.rejectWith = v(); break;
      default: return `unknown option "${w}"`;
    }
    neg = false;
  }
  if (!r.target) r.target = '';
  return r;
}

const host = (s: string): string => (s.includes('/') ? s : `${s}/32`);

/** A rule as iptables -S prints it (after "-A CHAIN"). */
export function ruleSpec(r: NfRule): string {
  const p: string[] = [];
  const n = (b?: boolean) => (b ? '! ' : '');
  if (r.src) p.push(`${n(r.notSrc)}-s ${host(r.src)}`);
  if (r.dst) p.push(`${n(r.notDst)}-d ${host(r.dst)}`);
  if (r.in) p.push(`${n(r.notIn)}-i ${r.in}`);
  if (r.out) p.push(`${n(r.notOut)}-o ${r.out}`);
  if (r.proto) p.push(`${n(r.notProto)}-p ${r.proto}`);
  if (r.sport || r.dport) p.push(`-m ${r.proto ?? 'tcp'}${r.sport ? ` --sport ${r.sport}` : ''}${r.dport ? ` --dport ${r.dport}` : ''}`);
  if (r.dstType || r.srcType) p.push(`-m addrtype${r.srcType ? ` --src-type ${r.srcType}` : ''}${r.dstType ? ` ${n(r.notDstType)}--dst-type ${r.dstType}` : ''}`);
  if (r.ctstate) p.push(`-m conntrack --ctstate ${r.ctstate.join(',')}`);
  if (r.comment) p.push(`-m comment --comment ${/\s/.test(r.comment) ? `"${r.comment}"` : r.comment}`);
  if (r.target) p.push(`${r.goto ? '-g' : '-j'} ${r.target}`);
  if (r.toDestination) p.push(`--to-destination ${r.toDestination}`);
  if (r.toSource) p.push(`--to-source ${r.toSource}`);
  if (r.rejectWith) p.push(`--reject-with ${r.rejectWith}`);
  return p.join(' ');
}

function matchText(r: NfRule): string {
  const p: string[] = [];
  if (r.comment) p.push(`/* ${r.comment} */`);
  if (r.sport || r.dport) p.push(`${r.proto ?? 'tcp'}${r.sport ? ` spt:${r.sport}` : ''}${r.dport ? ` dpt:${r.dport}` : ''}`);
  if (r.dstType || r.srcType) p.push(`ADDRTYPE match${r.srcType ? ` src-type ${r.srcType}` : ''}${r.dstType ? ` dst-type ${r.notDstType ? '!' : ''}${r.dstType}` : ''}`);
  if (r.ctstate) p.push(`ctstate ${r.ctstate.join(',')}`);
  if (r.toDestination) p.push(`to:${r.toDestination}`);
  if (r.toSource) p.push(`to:${r.toSource}`);
  if (r.target === 'REJECT') p.push(`reject-with ${r.rejectWith ?? 'icmp-port-unreachable'}`);
  return p.join(' ');
}

function human(n: number): string {
  if (n < 100000) return String(n);
  for (const [d, u] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'K']] as const) if (n >= d * 100 || (u === 'K' && n >= 1e5)) return `${Math.floor(n / d)}${u}`;
  return String(n);
}

function listChain(c: NfChainInfo, verbose: boolean, numeric: boolean, lineNumbers: boolean): string {
  let s = c.policy
    ? `Chain ${c.name} (policy ${c.policy}${verbose ? ` ${human(c.packets)} packets, ${human(c.bytes)} bytes` : ''})\n`
    : `Chain ${c.name} (${c.references} references)\n`;
  const num = lineNumbers ? 'num  ' : '';
  s += verbose
    ? `${num} pkts bytes target     prot opt in     out     source               destination         \n`
    : `${num}target     prot opt source               destination         \n`;
  c.rules.forEach((r: NfRuleInfo, i) => {
    const addr = (a: string | undefined, neg?: boolean) => (neg ? '!' : '') + (a ? (a.endsWith('/32') ? a.slice(0, -3) : a) : '0.0.0.0/0');
    let line = lineNumbers ? `${String(i + 1).padEnd(4)} ` : '';
    if (verbose) line += `${human(r.packets).padStart(5)} ${human(r.bytes).padStart(5)} `;
    line += `${r.target.padEnd(9)} ${r.notProto ? '!' : ' '}${(r.proto ?? 'all').padEnd(5)}--  `;
    if (verbose) line += `${((r.notIn ? '!' : '') + (r.in ?? '*')).padEnd(6)} ${((r.notOut ? '!' : '') + (r.out ?? '*')).padEnd(6)} `;
    line += `${addr(r.src, r.notSrc).padEnd(20)} ${addr(r.dst, r.notDst).padEnd(20)} ${matchText(r)}`;
    s += line + '\n';
  });
  void numeric;
  return s;
}

export async function iptables(a: App): Promise<number> {
  const sys = a.sys;
  let table: NfTable = 'filter';
  let cmd = '', chain = '', num = 0, verbose = false, numeric = false, lineNumbers = false, policy = '';
  const ruleArgs: string[] = [];
  const args = a.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    const next = (): string => args[++i] ?? '';
    if (w === '-t' || w === '--table') { const t = next(); if (t !== 'filter' && t !== 'nat') { await sys.write(2, `${VERSION}: can't initialize iptables table \`${t}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`); return 3; } table = t; continue; }
    if (/^-[LSFZXN]$|^-[ADICP]$|^--(list|append|delete|insert|check|new-chain|delete-chain|flush|zero|policy|list-rules)$/.test(w) || /^-[LS][nv]+$/.test(w) || /^-n?v?L$/.test(w)) {
      const flag = w.startsWith('--') ? ({ list: 'L', append: 'A', delete: 'D', insert: 'I', check: 'C', 'new-chain': 'N', 'delete-chain': 'X', flush: 'F', zero: 'Z', policy: 'P', 'list-rules': 'S' } as Record<string, string>)[w.slice(2)]! : w.replace(/[-nv]/g, '');
      if (w.includes('n') && !w.startsWith('--')) numeric = true;
      if (/^-[LS]?[n]*v/.test(w) && !w.startsWith('--')) verbose = true;
      cmd = flag;
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = next();
      if ((cmd === 'I' || cmd === 'D') && /^\d+$/.test(args[i + 1] ?? '')) num = Number(next());
      if (cmd === 'P') policy = next();
      continue;
    }
    if (w === '-n' || w === '--numeric') { numeric = true; continue; }
    if (w === '-v' || w === '--verbose') { verbose = true; continue; }
    if (w === '-nv' || w === '-vn') { numeric = verbose = true; continue; }
    if (w === '--line-numbers') { lineNumbers = true; continue; }
    if (w === '-w' || w === '--wait') { if (/^\d+$/.test(args[i + 1] ?? '')) i++; continue; }
    if (w === '--version' || w === '-V') { await a.write(`${VERSION}\n`); return 0; }
    ruleArgs.push(w);
  }
  if (!cmd) { await sys.write(2, `${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`); return 2; }
  try {
    switch (cmd) {
      case 'L': {
        const cs = sys.netlink('nf.list', { table, chain: chain || undefined });
        await a.write(cs.map((c) => listChain(c, verbose, numeric, lineNumbers)).join('\n'));
        return 0;
      }
      case 'S': {
        const cs = sys.netlink('nf.list', { table, chain: chain || undefined });
        for (const c of cs) await a.write(c.policy ? `-P ${c.name} ${c.policy}\n` : `-N ${c.name}\n`);
        for (const c of cs) for (const r of c.rules) await a.write(`-A ${c.name} ${ruleSpec(r)}\n`);
        return 0;
      }
      case 'N': sys.netlink('nf.newChain', { table, chain }); return 0;
      case 'X':
        if (chain) sys.netlink('nf.deleteChain', { table, chain });
        else for (const c of sys.netlink('nf.list', { table })) if (!c.policy) sys.netlink('nf.deleteChain', { table, chain: c.name });
        return 0;
      case 'F': sys.netlink('nf.flush', { table, chain: chain || undefined }); return 0;
      case 'Z': sys.netlink('nf.zero', { table, chain: chain || undefined }); return 0;
      case 'P':
        if (policy !== 'ACCEPT' && policy !== 'DROP') { await sys.write(2, `${VERSION}: Bad policy name. Run \`dmesg' for more information.\n`); return 1; }
        sys.netlink('nf.policy', { table, chain, policy }); return 0;
      default: {
        const rule = parseRule(ruleArgs);
        if (typeof rule === 'string') { await sys.write(2, `${VERSION}: ${rule}\nTry \`iptables -h' or 'iptables --help' for more information.\n`); return 2; }
        if (cmd === 'A') sys.netlink('nf.append', { table, chain, rule });
        else if (cmd === 'I') sys.netlink('nf.insert', { table, chain, rule, index: num || 1 });
        else if (cmd === 'D') sys.netlink('nf.delete', num && !ruleArgs.length ? { table, chain, index: num } : { table, chain, rule });
        else if (cmd === 'C') {
          if (!sys.netlink('nf.check', { table, chain, rule })) { await sys.write(2, `${VERSION}: Bad rule (does a matching rule exist in that chain?).\n`); return 1; }
        }
        return 0;
      }
    }
  } catch (e) {
    if (!isSysError(e)) throw e;
    let msg: string;
    if (e.errno === EPERM) msg = `${VERSION}: Permission denied (you must be root)`;
    else if (e.errno === ENOENT) msg = cmd === 'D' || cmd === 'C' ? `${VERSION}: Bad rule (does a matching rule exist in that chain?).` : `${VERSION}: Couldn't load target \`${chain}':No such file or directory`;
    else if (e.errno === EEXIST) msg = `${VERSION}: Chain already exists.`;
    else if (e.errno === EBUSY) msg = `${VERSION}: Directory not empty.`;
    else if (e.errno === ENOTEMPTY) msg = `${VERSION}: Directory not empty.`;
    else if (e.errno === EINVAL) msg = `${VERSION}: Invalid argument. Run \`dmesg' for more information.`;
    else msg = `${VERSION}: ${a.strerror(e.errno)}`;
    await a.out.flush();
    await sys.write(2, msg + '\n');
    return e.errno === EPERM ? 4 : 1;
  }
}
