// Option parsing in the style of getopt_long(3), which both musl and glibc
// implement with argument permutation: options may follow operands until "--".

export interface LongOpt { key: string; arg?: 'required' | 'optional' | 'none' }

export interface GetoptSpec {
  /** getopt short-option string, e.g. "lan:" ("n" takes an argument). */
  short: string;
  long?: Record<string, LongOpt>;
  /** Stop at the first operand (like a leading "+" in optstring): env, xargs, nice... */
  stopAtOperand?: boolean;
}

export interface GetoptResult {
  /** Options in order, with their argument when they take one. */
  opts: Array<[string, string | undefined]>;
  operands: string[];
  /** Set when parsing failed: the message (without program prefix) in the flavour's words. */
  error?: string;
}

export type OptionErrorStyle = 'busybox' | 'gnu';

export function getopt(args: string[], spec: GetoptSpec, style: OptionErrorStyle): GetoptResult {
  const opts: Array<[string, string | undefined]> = [];
  const operands: string[] = [];
  const takes = (c: string): number => {
    const i = spec.short.indexOf(c);
    if (i < 0 || c === ':') return -1;
    if (spec.short[i + 1] === ':') return spec.short[i + 2] === ':' ? 2 : 1;
    return 0;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      let lo = spec.long[name];
      if (!lo) {
        const cands = Object.keys(spec.long).filter((k) => k.startsWith(name));
        if (cands.length === 1) lo = spec.long[cands[0]!];
        else if (cands.length > 1) {
          return { opts, operands, error: style === 'gnu' ? `option '${a}' is ambiguous` : `option '${a}' is ambiguous` };
        }
      }
      if (!lo) {
        return { opts, operands, error: style === 'gnu' ? `unrecognized option '${a}'` : `unrecognized option: ${a.slice(2)}` };
      }
      if (eq >= 0) {
        if ((lo.arg ?? 'none') === 'none') return { opts, operands, error: `option '--${name}' doesn't allow an argument` };
        opts.push([lo.key, a.slice(eq + 1)]);
      } else if (lo.arg === 'required') {
        if (i + 1 >= args.length) return { opts, operands, error: `option '${a}' requires an argument` };
        opts.push([lo.key, args[++i]]);
      } else opts.push([lo.key, undefined]);
      continue;
    }
    if (a.length > 1 && a[0] === '-' ) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const t = takes(c);
        if (t < 0) {
          return { opts, operands, error: style === 'gnu' ? `invalid option -- '${c}'` : `unrecognized option: ${c}` };
        }
        if (t === 0) { opts.push([c, undefined]); continue; }
        if (j + 1 < a.length) { opts.push([c, a.slice(j + 1)]); break; }
        if (t === 2) { opts.push([c, undefined]); break; }
        if (i + 1 >= args.length) {
          return { opts, operands, error: style === 'gnu' ? `option requires an argument -- '${c}'` : `option requires an argument: ${c}` };
        }
        opts.push([c, args[++i]]);
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) { operands.push(...args.slice(i)); break; }
    operands.push(a);
  }
  return { opts, operands };
}

/** Convenience: the set of flags seen and the last value of each option. */
export function optMap(r: GetoptResult): Map<string, string | true> {
  const m = new Map<string, string | true>();
  for (const [k, v] of r.opts) m.set(k, v ?? true);
  return m;
}
