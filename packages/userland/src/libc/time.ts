// Calendar arithmetic and strftime(3) over epoch milliseconds, in UTC (the
// containers' TZ is unset). No Date object: the kernel's virtual clock is the only time.

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface Tm { year: number; mon: number; mday: number; hour: number; min: number; sec: number; wday: number; yday: number; ms: number }

/** Breaks epoch ms into calendar fields (UTC). */
export function gmtime(ms: number): Tm {
  const days = Math.floor(ms / 86400000);
  let rem = ms - days * 86400000;
  const hour = Math.floor(rem / 3600000); rem -= hour * 3600000;
  const min = Math.floor(rem / 60000); rem -= min * 60000;
  const sec = Math.floor(rem / 1000);
  // civil from days (Howard Hinnant's algorithm)
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const mday = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 2 : mp - 10;
  const year = yoe + era * 400 + (mon <= 1 ? 1 : 0);
  const wday = ((days % 7) + 11) % 7;
  const jan1 = daysFromCivil(year, 0, 1);
  return { year, mon, mday, hour, min, sec, wday, yday: days - jan1, ms: ms - days * 86400000 - hour * 3600000 - min * 60000 - sec * 1000 };
}

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 1 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 10) % 12; // March-based month from a 0-based one
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of a UTC calendar time. */
export function timegm(y: number, mon: number, d: number, h = 0, mi = 0, s = 0): number {
  return ((daysFromCivil(y, mon, d) * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

export function strftime(fmt: string, ms: number, tz = 'UTC'): string {
  const t = gmtime(ms);
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%' || i + 1 >= fmt.length) { out += c; continue; }
    let f = fmt[++i]!;
    let pad: string | null = null;
    if (f === '-' || f === '_' || f === '0') { pad = f; f = fmt[++i] ?? ''; }
    const num = (n: number, w: number, def = '0'): string => {
      if (pad === '-') return String(n);
      return String(n).padStart(w, pad === '_' ? ' ' : pad === '0' ? '0' : def);
    };
    switch (f) {
      case 'Y': out += t.year; break;
      case 'C': out += num(Math.floor(t.year / 100), 2); break;
      case 'y': out += num(t.year % 100, 2); break;
      case 'm': out += num(t.mon + 1, 2); break;
      case 'd': out += num(t.mday, 2); break;
      case 'e': out += num(t.mday, 2, ' '); break;
      case 'H': out += num(t.hour, 2); break;
      case 'k': out += num(t.hour, 2, ' '); break;
      case 'I': out += num(t.hour % 12 || 12, 2); break;
      case 'l': out += num(t.hour % 12 || 12, 2, ' '); break;
      case 'M': out += num(t.min, 2); break;
      case 'S': out += num(t.sec, 2); break;
      case 'N': out += String(t.ms * 1000000).padStart(9, '0'); break;
      case 'p': out += t.hour < 12 ? 'AM' : 'PM'; break;
      case 'P': out += t.hour < 12 ? 'am' : 'pm'; break;
      case 'a': out += DAYS[t.wday]; break;
      case 'A': out += DAYS_LONG[t.wday]; break;
      case 'b': case 'h': out += MONTHS[t.mon]; break;
      case 'B': out += MONTHS_LONG[t.mon]; break;
      case 'j': out += num(t.yday + 1, 3); break;
      case 'u': out += t.wday || 7; break;
      case 'w': out += t.wday; break;
      case 's': out += Math.floor(ms / 1000); break;
      case 'Z': out += tz; break;
      case 'z': out += '+0000'; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      case 'D': out += `${p2(t.mon + 1)}/${p2(t.mday)}/${p2(t.year % 100)}`; break;
      case 'F': out += `${t.year}-${p2(t.mon + 1)}-${p2(t.mday)}`; break;
      case 'T': out += `${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}`; break;
      case 'R': out += `${p2(t.hour)}:${p2(t.min)}`; break;
      case 'r': out += `${p2(t.hour % 12 || 12)}:${p2(t.min)}:${p2(t.sec)} ${t.hour < 12 ? 'AM' : 'PM'}`; break;
      case 'c': out += `${DAYS[t.wday]} ${MONTHS[t.mon]} ${String(t.mday).padStart(2)} ${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)} ${t.year}`; break;
      case 'x': out += `${p2(t.mon + 1)}/${p2(t.mday)}/${p2(t.year % 100)}`; break;
      case 'X': out += `${p2(t.hour)}:${p2(t.min)}:${p2(t.sec)}`; break;
      case 'V': case 'U': case 'W': out += num(Math.floor((t.yday + 7 - ((t.wday + 6) % 7)) / 7), 2); break;
      default: out += '%' + f;
    }
  }
  return out;
}

/** ls -l's date column: "Jan  1 00:00" within six months of now, else "Jan  1  2025". */
export function lsDate(ms: number, now: number): string {
  const sixMonths = 15778476000;
  const recent = ms <= now + 60000 && now - ms < sixMonths;
  return recent ? strftime('%b %e %H:%M', ms) : strftime('%b %e  %Y', ms);
}
