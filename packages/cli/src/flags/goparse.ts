// Go's strconv and time parsers as the docker CLI's flags use them, with
// their exact error texts (pflag prints them after "invalid argument ...").

const goQuote = (s: string) => JSON.stringify(s);

/** strconv.ParseBool */
export function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

/** strconv.ParseInt(s, 0, bits) / ParseUint: base prefixes, underscores after a prefix. */
export function parseInt0(s: string, bits = 64, unsigned = false): number {
  const fn = unsigned ? 'ParseUint' : 'ParseInt';
  const syntax = () => new Error(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
  const range = () => new Error(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
  let t = s;
  let neg = false;
  if (!unsigned && (t[0] === '+' || t[0] === '-')) { neg = t[0] === '-'; t = t.slice(1); }
  if (!t) throw syntax();
  let base = 10;
  let prefixed = false;
  if (t[0] === '0' && t.length > 1) {
    const c = t[1].toLowerCase();
    if (c === 'x') { base = 16; t = t.slice(2); prefixed = true; }
    else if (c === 'o') { base = 8; t = t.slice(2); prefixed = true; }
    else if (c === 'b') { base = 2; t = t.slice(2); prefixed = true; }
    else { base = 8; t = t.slice(1); prefixed = true; }
  }
  if (prefixed && t.includes('_')) {
    if (!/^_?[0-9a-zA-Z]+(_[0-9a-zA-Z]+)*$/.test(t)) throw syntax();
    t = t.replace(/_/g, '');
  }
  if (!t && base !== 8) throw syntax();
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  for (const ch of t.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) throw syntax();
    v = v * BigInt(base) + BigInt(d);
  }
  if (neg) v = -v;
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  if (v > max || v < min) throw range();
  return Number(v);
}

/** strconv.ParseFloat(s, 64), decimal forms only. */
export function parseFloat64(s: string): number {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) || /^[+-]?(inf|infinity|nan)$/i.test(s)) {
    return Number(s.replace(/^([+-]?)inf(inity)?$/i, '$1Infinity'));
  }
  throw new Error(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
}

const durationUnits: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** time.ParseDuration: returns nanoseconds. */
export function parseDuration(orig: string): number {
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${goQuote(orig)}`);
  let total = 0;
  while (s) {
    const m = /^(\d*)(\.(\d*))?/.exec(s)!;
    if (!m[1] && !(m[3])) throw new Error(`time: invalid duration ${goQuote(orig)}`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]*/.exec(s)![0];
    if (!u) throw new Error(`time: missing unit in duration ${goQuote(orig)}`);
    const mult = durationUnits[u];
    if (mult === undefined) throw new Error(`time: unknown unit ${goQuote(u)} in duration ${goQuote(orig)}`);
    s = s.slice(u.length);
    total += Number(`${m[1] || '0'}.${m[3] || '0'}`) * mult;
  }
  return Math.round(neg ? -total : total);
}

/** time.Duration.String(): "1h2m3.5s", "150ms", "0s". */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFrac(u / (div as number)) + unit;
  } else {
    const h = Math.floor(u / 3600e9); u -= h * 3600e9;
    const m = Math.floor(u / 60e9); u -= m * 60e9;
    out = (h ? `${h}h` : '') + (h || m ? `${m}m` : '') + trimFrac(u / 1e9) + 's';
  }
  return (neg ? '-' : '') + out;
}

function trimFrac(v: number): string {
  return String(Number(v.toFixed(9)));
}
