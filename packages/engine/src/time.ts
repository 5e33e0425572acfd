// Time as Docker prints it: RFC 3339 with nanoseconds in inspect (go-units'
// HumanDuration for ps is @dockersim/image's). Virtual milliseconds in, strings out.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026-01-01T00:00:00.123456789Z" from epoch ms (sub-ms digits come from `nanos`). */
export function rfc3339Nano(ms: number, nanos = 0): string {
  if (ms <= 0) return '0001-01-01T00:00:00Z';
  const d = new Date(Math.floor(ms));
  const frac = (Math.floor(ms) % 1000) * 1_000_000 + (nanos % 1_000_000);
  let f = frac ? '.' + String(frac).padStart(9, '0').replace(/0+$/, '') : '';
  if (f === '.') f = '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${f}Z`;
}
