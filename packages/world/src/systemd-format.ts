// systemd's ways of writing times and sizes (time-util.c, format-util.c),
// in UTC as the host's timezone is.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** format_timestamp: "Thu 2026-01-01 00:00:00 UTC". */
export function timestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** journalctl's short format: "Jan 01 00:00:00". */
export function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** journalctl -o short-iso: "2026-01-01T00:00:00+00:00". */
export function isoTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}+00:00`;
}

/** format_timestamp_relative: "5min ago", "1min 3s ago", "12s ago", "340ms ago". */
export function relative(deltaMs: number): string {
  const us = Math.max(0, Math.round(deltaMs * 1000));
  const S = 1e6, M = 60 * S, H = 60 * M, D = 24 * H;
  if (us >= 2 * D) return `${Math.floor(us / D)} days ago`;
  if (us >= 25 * H) return `1 day ${Math.floor((us - D) / H)}h ago`;
  if (us >= 6 * H) return `${Math.floor(us / H)}h ago`;
  if (us >= H) return `${Math.floor(us / H)}h ${Math.floor((us % H) / M)}min ago`;
  if (us >= 5 * M) return `${Math.floor(us / M)}min ago`;
  if (us >= M) return `${Math.floor(us / M)}min ${Math.floor((us % M) / S)}s ago`;
  if (us >= S) return `${Math.floor(us / S)}s ago`;
  if (us >= 1000) return `${Math.floor(us / 1000)}ms ago`;
  if (us > 0) return `${us}us ago`;
  return 'now';
}

/** format_timespan with millisecond accuracy: "1min 2.345s", "298ms", "2.5s". */
export function timespan(ms: number): string {
  ms = Math.round(ms);
  if (ms <= 0) return '0';
  const parts: string[] = [];
  const units: Array<[string, number]> = [['d', 86400000], ['h', 3600000], ['min', 60000]];
  for (const [name, size] of units) {
    if (ms >= size) { parts.push(`${Math.floor(ms / size)}${name}`); ms %= size; }
  }
  if (ms >= 1000) {
    const s = Math.floor(ms / 1000), frac = ms % 1000;
    parts.push(frac ? `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${s}s`);
  } else if (ms > 0) parts.push(`${ms}ms`);
  return parts.join(' ');
}

/** format_bytes: "24.9M", "512B". */
export function bytes(n: number): string {
  const units = ['E', 'P', 'T', 'G', 'M', 'K'];
  for (let i = 0; i < units.length; i++) {
    const f = 1024 ** (units.length - i);
    if (n >= f) {
      const whole = Math.floor(n / f), tenth = Math.floor(((n % f) * 10) / f);
      return `${whole}.${tenth}${units[i]}`;
    }
  }
  return `${n}B`;
}
