// Go's time.ParseDuration ("30s", "1m30s", "1.5h"), in nanoseconds.

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseGoDuration(s: string): number {
  const bad = () => new Error(`time: invalid duration ${JSON.stringify(s)}`);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) { if (rest[0] === '-') sign = -1; rest = rest.slice(1); }
  if (rest === '0') return 0;
  if (rest === '') throw bad();
  let total = 0;
  while (rest) {
    const m = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]*)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') throw bad();
    if (!m[2]) throw new Error(`time: missing unit in duration ${JSON.stringify(s)}`);
    const unit = UNITS[m[2]];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(m[2])} in duration ${JSON.stringify(s)}`);
    total += parseFloat(m[1]) * unit;
    rest = rest.slice(m[0].length);
  }
  return sign * Math.round(total);
}

/** Go's Duration.String() for whole values ("30s", "1m30s", "1ms"). */
export function goDurationString(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  let out = '';
  let sec = ns / 1e9;
  const h = Math.floor(sec / 3600); sec -= h * 3600;
  const m = Math.floor(sec / 60); sec -= m * 60;
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  return out + `${trim(sec)}s`;
}

function trim(n: number): string { return String(Math.round(n * 1e9) / 1e9); }
