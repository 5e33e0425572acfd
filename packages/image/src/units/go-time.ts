// Go's time.Time.Format for the layouts Docker's components print, all in
// UTC: RFC 3339 in whole seconds (volume CreatedAt, archive mtimes, logrus'
// JSON lines), RFC3339Nano with trailing zeros dropped (inspect, ctr's JSON)
// and the fixed nine-digit form of jsonmessage and containerd's log
// (RFC3339NanoFixed). Times are epoch milliseconds, possibly fractional;
// `nanos` adds nanoseconds below the millisecond.

const p2 = (n: number): string => (n < 10 ? '0' : '') + n;

function splitTime(ms: number, nanos: number): { seconds: string; frac: number } {
  const whole = Math.floor(ms);
  let frac = ((whole % 1000) + 1000) % 1000 * 1_000_000 + Math.round((ms - whole) * 1e6) + nanos;
  let secMs = whole - (((whole % 1000) + 1000) % 1000);
  if (frac >= 1e9) { secMs += 1000; frac -= 1e9; }
  const d = new Date(secMs);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  const seconds = `${year}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  return { seconds, frac };
}

/** time.RFC3339: "2006-01-02T15:04:05Z" (the fraction is cut, as Format truncates). */
export function rfc3339(ms: number): string {
  return `${splitTime(ms, 0).seconds}Z`;
}

/** time.RFC3339Nano: "2006-01-02T15:04:05.999999999Z", trailing zeros and a bare dot dropped. */
export function rfc3339Nano(ms: number, nanos = 0): string {
  const { seconds, frac } = splitTime(ms, nanos);
  return `${seconds}${frac ? '.' + String(frac).padStart(9, '0').replace(/0+$/, '') : ''}Z`;
}

/** RFC3339NanoFixed (jsonmessage, containerd's log): "2006-01-02T15:04:05.000000000Z", always nine digits. */
export function rfc3339NanoFixed(ms: number, nanos = 0): string {
  const { seconds, frac } = splitTime(ms, nanos);
  return `${seconds}.${String(frac).padStart(9, '0')}Z`;
}
