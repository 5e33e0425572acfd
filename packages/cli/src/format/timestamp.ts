// docker/cli's timetypes.GetTimestamp, which `docker events` and `docker logs`
// use to turn --since/--until into the API's "SECONDS.NANOSECONDS".

import { parseDuration } from '../flags/goparse.ts';

/** timetypes.GetTimestamp: "SECONDS.NANOSECONDS" for a timestamp, a date or a duration before now. */
export function getTimestamp(value: string, nowMs: number): string {
  if (/^\d+(\.\d{1,9})?$/.test(value)) return value;
  let ms: number;
  if (/^[0-9.]+(ns|us|µs|ms|s|m|h)/.test(value)) {
    ms = nowMs - parseDuration(value) / 1e6;
  } else {
    let v = value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) v += 'T00:00:00Z';
    else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(v)) v += 'Z';
    ms = Date.parse(v);
    if (Number.isNaN(ms)) {
      throw new Error(`failed to parse value as time or duration: "${value}"`);
    }
  }
  const sec = Math.floor(ms / 1000);
  return `${sec}.${String(Math.round((ms - sec * 1000) * 1e6)).padStart(9, '0')}`;
}
