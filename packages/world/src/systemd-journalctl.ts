// journalctl (systemd 255): the journal PID 1 keeps of its units' output and
// its own messages about them. -u UNIT, -n N, -f, -o short|short-iso|cat|json,
// --no-hostname; "-- No entries --" when nothing matches.

import { isSysError, type Program, type Sys } from '@dockersim/kernel';
import { getopt, writeAll } from '@dockersim/userland';
import { systemdCall, type JournalEntry } from './systemd-protocol.ts';
import { unitName } from './systemd-units.ts';
import { isoTime, shortTime } from './systemd-format.ts';

function format(e: JournalEntry, mode: string, host: string): string {
  switch (mode) {
    case 'cat': return e.msg;
    case 'short-iso': return `${isoTime(e.t)} ${host} ${e.ident}[${e.pid}]: ${e.msg}`;
    case 'json': return JSON.stringify({ __REALTIME_TIMESTAMP: String(e.t * 1000), _HOSTNAME: host, SYSLOG_IDENTIFIER: e.ident, _PID: String(e.pid), _SYSTEMD_UNIT: e.unit, MESSAGE: e.msg });
    default: return `${shortTime(e.t)} ${host ? host + ' ' : ''}${e.ident}[${e.pid}]: ${e.msg}`;
  }
}

async function fetch(sys: Sys, units: string[], after: number): Promise<JournalEntry[] | null> {
  try {
    const res = await systemdCall(sys, { op: 'journal', units, after });
    return res.ok ? res.entries ?? [] : [];
  } catch (e) {
    if (!isSysError(e)) throw e;
    return null;
  }
}

export const journalctl: Program = async ({ sys, argv }) => {
  const r = getopt(argv.slice(1), {
    short: 'u:n:fo:qebxral',
    long: {
      unit: { key: 'u', arg: 'required' }, lines: { key: 'n', arg: 'required' }, follow: { key: 'f' }, output: { key: 'o', arg: 'required' },
      'no-pager': { key: 'P' }, 'no-hostname': { key: 'H' }, quiet: { key: 'q' }, 'pager-end': { key: 'e' }, boot: { key: 'b' }, reverse: { key: 'r' },
      all: { key: 'a' }, full: { key: 'l' }, catalog: { key: 'x' },
    },
  }, 'gnu');
  if (r.error) { await writeAll(sys, 2, `journalctl: ${r.error}\n`); return 1; }
  const units: string[] = [];
  let lines: number | undefined;
  let mode = 'short', follow = false, noHost = false, reverse = false;
  for (const [k, v] of r.opts) {
    if (k === 'u') units.push(unitName(v!));
    else if (k === 'n') lines = v === 'all' ? undefined : Number(v);
    else if (k === 'e' && lines === undefined) lines = 1000;
    else if (k === 'f') follow = true;
    else if (k === 'o') mode = v!;
    else if (k === 'H') noHost = true;
    else if (k === 'r') reverse = true;
  }
  const host = noHost ? '' : sys.gethostname();
  let entries = await fetch(sys, units, 0);
  if (entries === null) { await writeAll(sys, 2, 'No journal files were found.\n'); return 1; }
  if (follow && lines === undefined) lines = 10;
  let shown = lines !== undefined ? entries.slice(Math.max(0, entries.length - lines)) : entries;
  if (reverse) shown = shown.slice().reverse();
  if (!shown.length && !follow) { await writeAll(sys, 1, '-- No entries --\n'); return 0; }
  if (shown.length) await writeAll(sys, 1, shown.map((e) => format(e, mode, host)).join('\n') + '\n');
  if (!follow) return 0;
  let last = entries.length ? entries[entries.length - 1]!.seq : 0;
  for (;;) {
    await sys.sleep(250);
    entries = (await fetch(sys, units, last)) ?? [];
    if (entries.length) {
      last = entries[entries.length - 1]!.seq;
      await writeAll(sys, 1, entries.map((e) => format(e, mode, host)).join('\n') + '\n');
    }
  }
};
