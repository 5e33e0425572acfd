// printf(1) formatting: the format is reused until the arguments run out,
// %b expands backslash escapes in its argument, numbers accept 'c char form.

export interface PrintfResult { out: string; error?: string; stop?: boolean }

/** Backslash escapes of echo -e / printf %b ( \c stops output ). */
export function unescape(s: string, octalNeedsZero: boolean): { s: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) { out += c; continue; }
    const n = s[++i]!;
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return { s: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (m) { out += String.fromCharCode(parseInt(m[0], 16)); i += m[0].length; } else out += '\\x';
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          let digits = s.slice(i, i + 4);
          if (octalNeedsZero) {
            if (n !== '0') { out += '\\' + n; break; }
            digits = s.slice(i + 1, i + 4);
            i++;
          }
          const m = /^[0-7]{1,3}/.exec(digits)!;
          if (!m) { out += '\0'; i--; break; }
          out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
          i += m[0].length - 1;
        } else out += '\\' + n;
    }
  }
  return { s: out, stop: false };
}

function parseNum(a: string, errors: string[], badNumber: (a: string) => string): number {
  if (a === '') return 0;
  if (a[0] === "'" || a[0] === '"') return a.length > 1 ? a.codePointAt(1)! : 0;
  const t = a.trim();
  let v: number;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) v = (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]/, ''), 16);
  else if (/^[-+]?0[0-7]+$/.test(t)) v = (t.startsWith('-') ? -1 : 1) * parseInt(t.replace(/^[-+]?0/, ''), 8);
  else if (/^[-+]?[0-9]+$/.test(t)) v = Number(t);
  else if (/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(t)) v = Number(t);
  else {
    errors.push(badNumber(a));
    const m = /^[-+]?[0-9]+/.exec(t);
    return m ? Number(m[0]) : 0;
  }
  return v;
}

export function printf(format: string, args: string[], badNumber: (a: string) => string): PrintfResult {
  let out = '';
  const errors: string[] = [];
  let ai = 0;
  const next = (): string | undefined => args[ai++];
  for (;;) {
    const startAi = ai;
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const m = /^\\([0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/s.exec(format.slice(i));
        const e = unescape(m ? m[0] : '\\', false);
        out += e.s;
        if (e.stop) return { out, stop: true };
        i += (m ? m[0].length : 1) - 1;
        continue;
      }
      if (c !== '%') { out += c; continue; }
      const m = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([hlLqjzt]*)([a-zA-Z%])/.exec(format.slice(i));
      if (!m) { out += c; continue; }
      i += m[0].length - 1;
      const flags = m[1]!;
      let width = m[2] === '*' ? Math.trunc(parseNum(next() ?? '', errors, badNumber)) : m[2] ? Number(m[2]) : undefined;
      let prec = m[3] === '*' ? Math.trunc(parseNum(next() ?? '', errors, badNumber)) : m[3] !== undefined ? Number(m[3] || '0') : undefined;
      let left = flags.includes('-');
      if (width !== undefined && width < 0) { left = true; width = -width; }
      const conv = m[5]!;
      let s: string;
      switch (conv) {
        case '%': out += '%'; continue;
        case 's': s = next() ?? ''; if (prec !== undefined) s = s.slice(0, prec); break;
        case 'b': {
          const e = unescape(next() ?? '', true);
          s = e.s;
          if (prec !== undefined) s = s.slice(0, prec);
          if (e.stop) { out += pad(s, width, left, ' '); return { out, stop: true, error: errors[0] }; }
          break;
        }
        case 'c': s = (next() ?? '').slice(0, 1); break;
        case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
          let v = Math.trunc(parseNum(next() ?? '', errors, badNumber));
          if (conv === 'u' && v < 0) v = Number(BigInt.asUintN(64, BigInt(v)));
          let digits: string;
          const neg = v < 0 && (conv === 'd' || conv === 'i');
          const abs = neg ? -v : v < 0 ? Number(BigInt.asUintN(64, BigInt(v))) : v;
          if (conv === 'o') digits = abs.toString(8);
          else if (conv === 'x') digits = abs.toString(16);
          else if (conv === 'X') digits = abs.toString(16).toUpperCase();
          else digits = String(abs);
          if (prec !== undefined) digits = prec === 0 && abs === 0 ? '' : digits.padStart(prec, '0');
          if (flags.includes('#') && abs !== 0) { if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits; if (conv === 'x') digits = '0x' + digits; if (conv === 'X') digits = '0X' + digits; }
          const sign = neg ? '-' : flags.includes('+') && (conv === 'd' || conv === 'i') ? '+' : flags.includes(' ') && (conv === 'd' || conv === 'i') ? ' ' : '';
          if (flags.includes('0') && !left && prec === undefined && width !== undefined) {
            s = sign + digits.padStart(width - sign.length, '0');
          } else s = sign + digits;
          break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
          const v = parseNum(next() ?? '', errors, badNumber);
          const p = prec ?? 6;
          if (conv === 'f' || conv === 'F') s = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') s = v.toExponential(p).replace(/e([-+])(\d)$/, 'e$10$2');
          else {
            const pp = p === 0 ? 1 : p;
            const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
            if (exp < -4 || exp >= pp) s = v.toExponential(pp - 1).replace(/\.?0+e/, 'e').replace(/e([-+])(\d)$/, 'e$10$2');
            else s = v.toFixed(Math.max(0, pp - 1 - exp)).replace(/\.?0+$/, '');
          }
          if (conv === 'E' || conv === 'G') s = s.toUpperCase();
          if (v >= 0 && flags.includes('+')) s = '+' + s;
          if (flags.includes('0') && !left && width !== undefined) { const neg = s.startsWith('-') || s.startsWith('+'); s = neg ? s[0] + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0'); }
          break;
        }
        default:
          return { out, error: `%${conv}: invalid directive` };
      }
      out += pad(s, width, left, ' ');
    }
    if (ai >= args.length || ai === startAi) break;
  }
  return { out, error: errors[0] };
}

function pad(s: string, width: number | undefined, left: boolean, ch: string): string {
  if (width === undefined || s.length >= width) return s;
  return left ? s.padEnd(width, ch) : s.padStart(width, ch);
}
