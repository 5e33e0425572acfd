// Time as Docker prints it: RFC 3339 with nanoseconds in inspect, go-units
// HumanDuration in ps. Virtual milliseconds in, strings out.

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

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3600000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}
