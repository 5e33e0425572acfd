// How systemctl and journalctl reach the host's service manager: one
// request per connection on /run/systemd/private (the socket real systemctl
// uses as root instead of D-Bus), whole messages over SOCK_SEQPACKET.

import { AF_UNIX, SOCK_SEQPACKET, type Sys } from '@dockersim/kernel';

export const SYSTEMD_SOCKET = '/run/systemd/private';

export interface UnitStatus {
  name: string;
  loadState: 'loaded' | 'not-found';
  description: string;
  docs: string;
  fragment: string;
  activeState: 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating';
  subState: 'running' | 'dead' | 'failed' | 'start' | 'stop-sigterm' | 'auto-restart';
  /** epoch ms of the last state change, 0 if never */
  since: number;
  /** epoch ms the unit last became active (for Duration:) */
  activeEnter: number;
  mainPid: number;
  execStart: string[];
  /** How the last main process ended, when it has. */
  exit?: { code: number | null; signal: number | null };
  result: 'success' | 'exit-code' | 'signal';
  cgroup: string;
}

export interface JournalEntry { t: number; ident: string; pid: number; unit: string; msg: string; seq: number }

export type SystemdRequest =
  | { op: 'status'; unit: string }
  | { op: 'start' | 'stop' | 'restart'; unit: string }
  | { op: 'list' }
  | { op: 'journal'; units: string[]; after?: number };

export type SystemdResponse = { ok: true; status?: UnitStatus; units?: UnitStatus[]; entries?: JournalEntry[] } | { ok: false; error: string };

/** One request to the service manager; throws the kernel's error when it is not there. */
export async function systemdCall(sys: Sys, req: SystemdRequest): Promise<SystemdResponse> {
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  try {
    await sys.connect(fd, { path: SYSTEMD_SOCKET });
    await sys.sendmsg(fd, req);
    const res = (await sys.recvmsg(fd)) as SystemdResponse | null;
    return res ?? { ok: false, error: 'Connection reset by peer' };
  } finally {
    try { sys.close(fd); } catch { /* closed */ }
  }
}
