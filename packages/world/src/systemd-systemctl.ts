// systemctl (systemd 255): status, start, stop, restart, is-active,
// is-enabled, cat and list-units for the host's units, asking PID 1 over
// /run/systemd/private. `status` reads the unit's cgroup itself, as the real
// one does, for Tasks/Memory/CPU and the CGroup tree.

import { isSysError, signalNames, type Program, type Sys } from '@dockersim/kernel';
import { readFile, writeAll } from '@dockersim/userland';
import { systemdCall, type JournalEntry, type UnitStatus } from './systemd-protocol.ts';
import { UNITS, unitName } from './systemd-units.ts';
import { bytes, relative, shortTime, timespan, timestamp } from './systemd-format.ts';

async function tryRead(sys: Sys, path: string): Promise<string | undefined> {
  try { return await readFile(sys, path); } catch (e) { if (isSysError(e)) return undefined; throw e; }
}

function exitText(e: { code: number | null; signal: number | null }): string {
  if (e.signal !== null) return `code=killed, signal=${(signalNames[e.signal] ?? String(e.signal)).replace(/^SIG/, '')}`;
  return `code=exited, status=${e.code}/${e.code === 0 ? 'SUCCESS' : 'FAILURE'}`;
}

export function journalLine(e: JournalEntry, host: string): string {
  return `${shortTime(e.t)} ${host} ${e.ident}[${e.pid}]: ${e.msg}`;
}

async function statusText(sys: Sys, s: UnitStatus, entries: JournalEntry[], utf8: boolean): Promise<string> {
  const now = sys.now();
  const dot = s.activeState === 'failed' ? '×' : s.activeState === 'active' || s.activeState === 'deactivating' || s.activeState === 'activating' ? '●' : '○';
  const lines = [`${utf8 ? dot : '*'} ${s.name} - ${s.description}`];
  lines.push(`     Loaded: loaded (${s.fragment}; enabled; preset: enabled)`);
  const result = s.activeState === 'failed' || s.subState === 'auto-restart' ? ` (Result: ${s.result})` : '';
  const since = s.since ? ` since ${timestamp(s.since)}; ${relative(now - s.since)}` : '';
  lines.push(`     Active: ${s.activeState} (${s.subState})${result}${since}`);
  if ((s.activeState === 'inactive' || s.activeState === 'failed') && s.activeEnter && s.since > s.activeEnter) {
    lines.push(`   Duration: ${timespan(s.since - s.activeEnter)}`);
  }
  lines.push(`       Docs: ${s.docs}`);
  const running = s.activeState === 'active' || s.activeState === 'activating' || s.activeState === 'deactivating';
  if (s.mainPid && running && !s.exit) {
    const comm = (await tryRead(sys, `/proc/${s.mainPid}/comm`))?.trim() ?? '';
    lines.push(`   Main PID: ${s.mainPid} (${comm})`);
  } else if (s.mainPid && s.exit) {
    lines.push(`   Main PID: ${s.mainPid} (${exitText(s.exit)})`);
  }
  const cg = `/sys/fs/cgroup${s.cgroup}`;
  const pids = (await tryRead(sys, `${cg}/pids.current`))?.trim();
  const procs = ((await tryRead(sys, `${cg}/cgroup.procs`)) ?? '').split('\n').filter(Boolean).map(Number).sort((a, b) => a - b);
  if (pids !== undefined && procs.length) lines.push(`      Tasks: ${pids}`);
  const mem = (await tryRead(sys, `${cg}/memory.current`))?.trim();
  const peak = (await tryRead(sys, `${cg}/memory.peak`))?.trim();
  if (mem !== undefined && procs.length) lines.push(`     Memory: ${bytes(Number(mem))}${peak !== undefined ? ` (peak: ${bytes(Number(peak))})` : ''}`);
  const cpu = /usage_usec (\d+)/.exec((await tryRead(sys, `${cg}/cpu.stat`)) ?? '')?.[1];
  if (cpu !== undefined && Number(cpu) > 0) lines.push(`        CPU: ${timespan(Number(cpu) / 1000)}`);
  if (procs.length) {
    lines.push(`     CGroup: ${s.cgroup}`);
    for (let i = 0; i < procs.length; i++) {
      const pid = procs[i]!;
      const cmd = ((await tryRead(sys, `/proc/${pid}/cmdline`)) ?? '').split('\0').filter((x, j, a) => x || j < a.length - 1).join(' ');
      const branch = i === procs.length - 1 ? (utf8 ? '└─' : '`-') : (utf8 ? '├─' : '|-');
      lines.push(`             ${branch}${pid} ${cmd}`);
    }
  }
  let out = lines.join('\n') + '\n';
  const tail = entries.slice(-10);
  if (tail.length) out += '\n' + tail.map((e) => journalLine(e, sys.gethostname())).join('\n') + '\n';
  return out;
}

const USAGE = `systemctl [OPTIONS...] COMMAND ...

Query or send control commands to the system manager.
`;

export const systemctl: Program = async ({ sys, argv, env }) => {
  const args = argv.slice(1).filter((a) => !['--no-pager', '-l', '--full', '--no-legend', '-q', '--quiet', '--system'].includes(a));
  const quiet = argv.includes('-q') || argv.includes('--quiet');
  const cmd = args[0] ?? 'list-units';
  const units = args.slice(1).map(unitName);
  const lang = env.find((e) => e.startsWith('LC_ALL=') || e.startsWith('LANG=')) ?? '';
  const utf8 = /utf-?8/i.test(lang);
  const err = (s: string) => writeAll(sys, 2, s);
  const call = async (req: Parameters<typeof systemdCall>[1]) => {
    try { return await systemdCall(sys, req); } catch (e) {
      if (!isSysError(e)) throw e;
      await err('System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n');
      return null;
    }
  };
  switch (cmd) {
    case 'status': {
      if (!units.length) { await err('Too few arguments.\n'); return 1; }
      let code = 0;
      let first = true;
      for (const u of units) {
        const res = await call({ op: 'status', unit: u });
        if (!res) return 1;
        if (!res.ok) { await err(`${res.error}\n`); code = 4; continue; }
        const j = await call({ op: 'journal', units: [u] });
        const text = await statusText(sys, res.status!, j && j.ok ? j.entries ?? [] : [], utf8);
        await writeAll(sys, 1, (first ? '' : '\n') + text);
        first = false;
        if (res.status!.activeState !== 'active' && code === 0) code = 3;
      }
      return code;
    }
    case 'start': case 'stop': case 'restart': case 'reload-or-restart': case 'try-restart': {
      if (!units.length) { await err('Too few arguments.\n'); return 1; }
      for (const u of units) {
        const op = cmd === 'start' ? 'start' : cmd === 'stop' ? 'stop' : 'restart';
        const res = await call({ op, unit: u });
        if (!res) return 1;
        if (!res.ok) { await err(`Failed to ${op} ${u}: ${res.error}\n`); return 5; }
      }
      return 0;
    }
    case 'is-active': case 'is-failed': {
      let code = cmd === 'is-active' ? 3 : 1;
      for (const u of units) {
        const res = await call({ op: 'status', unit: u });
        if (!res) return 1;
        const state = res.ok ? res.status!.activeState : 'inactive';
        if (!quiet) await writeAll(sys, 1, `${state}\n`);
        if ((cmd === 'is-active' && state === 'active') || (cmd === 'is-failed' && state === 'failed')) code = 0;
      }
      return code;
    }
    case 'is-enabled': {
      let code = 0;
      for (const u of units) {
        const known = UNITS.some((d) => d.name === u);
        if (!known) { await err(`Failed to get unit file state for ${u}: No such file or directory\n`); code = 1; continue; }
        if (!quiet) await writeAll(sys, 1, 'enabled\n');
      }
      return code;
    }
    case 'cat': {
      let code = 0;
      for (const u of units) {
        const d = UNITS.find((x) => x.name === u);
        if (!d) { await err(`No files found for ${u}.\n`); code = 1; continue; }
        await writeAll(sys, 1, `# ${d.fragment}\n${d.text}`);
      }
      return code;
    }
    case 'list-units': {
      const res = await call({ op: 'list' });
      if (!res || !res.ok) return 1;
      const rows = res.units!.filter((u) => u.activeState !== 'inactive');
      const w = Math.max(4, ...rows.map((u) => u.name.length)) + 2;
      let out = `  ${'UNIT'.padEnd(w)}LOAD   ACTIVE SUB     DESCRIPTION\n`;
      for (const u of rows) out += `  ${u.name.padEnd(w)}loaded ${u.activeState.padEnd(6)} ${u.subState.padEnd(7)} ${u.description}\n`;
      out += `\nLegend: LOAD   → Reflects whether the unit definition was properly loaded.\n        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.\n        SUB    → The low-level unit activation state, values depend on unit type.\n\n${rows.length} loaded units listed. Pass --all to see loaded but inactive units, too.\nTo show all installed unit files use 'systemctl list-unit-files'.\n`;
      await writeAll(sys, 1, out);
      return 0;
    }
    case '--help': case '-h':
      await writeAll(sys, 1, USAGE);
      return 0;
    default:
      await err(`Unknown command verb '${cmd}'.\n`);
      return 1;
  }
};
