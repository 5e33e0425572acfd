// How the Go daemons (containerd, and dockerd with the same libraries) tell
// the service manager about themselves: logrus TextFormatter lines on stderr,
// which the journal keeps, and sd_notify("READY=1") once they serve.

import { AF_UNIX, SOCK_SEQPACKET, type Sys } from '@dockersim/kernel';
import { rfc3339NanoFixed } from '@dockersim/image';

/** logrus quotes a value unless every character is one of [A-Za-z0-9-._/@^+]. */
function logrusValue(v: string): string {
  if (v !== '' && /^[A-Za-z0-9\-._/@^+]*$/.test(v)) return v;
  return JSON.stringify(v);
}

export type LogFields = Record<string, string | number | boolean>;

/** One logrus line: time, level and msg first, then the other fields sorted by key. */
export function logrusLine(ms: number, level: string, msg: string, fields: LogFields = {}): string {
  let s = `time="${rfc3339NanoFixed(ms)}" level=${level} msg=${logrusValue(msg)}`;
  for (const k of Object.keys(fields).sort()) s += ` ${k}=${logrusValue(String(fields[k]))}`;
  return s + '\n';
}

/** Writes a log line on stderr; a daemon keeps going when nobody reads its log. */
export async function daemonLog(sys: Sys, level: string, msg: string, fields: LogFields = {}): Promise<void> {
  try { await sys.write(2, logrusLine(sys.now(), level, msg, fields)); } catch { /* no log reader */ }
}

/** sd_notify(3): tells the service manager on $NOTIFY_SOCKET, if any, the daemon's state. */
export async function sdNotify(sys: Sys, env: string[], state: string): Promise<void> {
  const path = env.find((e) => e.startsWith('NOTIFY_SOCKET='))?.slice(14);
  if (!path) return;
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  try {
    await sys.connect(fd, { path });
    await sys.sendmsg(fd, `${state}\nMAINPID=${sys.getpid()}`);
  } catch { /* no manager listening */ } finally {
    try { sys.close(fd); } catch { /* closed */ }
  }
}
