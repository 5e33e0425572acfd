// dockersim trace [--setup CMD]... [--json] [--] COMMAND...: runs COMMAND
// with the host's shell in a fresh world and prints, after its output, the
// journey it took through the layers as an indented list of hops with
// virtual timestamps (seconds since boot). --setup commands run first,
// untraced (e.g. --setup 'docker pull alpine'); --json prints the raw trace.

import { createWorld, Journey, type Layer, type TraceEvent } from '@dockersim/world';

const COMM_LAYER: Record<string, Layer> = { dockerd: 'dockerd', containerd: 'containerd', 'containerd-shim': 'shim', runc: 'runc', docker: 'docker' };

const shellQuote = (a: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

export const traceUsage = `Usage:  dockersim trace [--setup COMMAND]... [--json] [--] COMMAND [ARG...]

Runs COMMAND on a fresh simulated host and shows its journey through the
layers: docker CLI, HTTP request, dockerd, containerd, shim, runc, kernel.
`;

export async function traceCommand(argv: string[], opts: { hostYield: () => Promise<void>; onCrash?: (pid: number, e: unknown) => void }): Promise<number> {
  const setup: string[] = [];
  let json = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a === '--json') { json = true; continue; }
    if (a === '--setup' || a === '-s') { setup.push(argv[++i] ?? ''); continue; }
    if (a === '-h' || a === '--help') { process.stdout.write(traceUsage); return 0; }
    if (a.startsWith('-')) { process.stderr.write(`dockersim trace: unknown option ${a}\n\n${traceUsage}`); return 1; }
    break;
  }
  const cmd = argv.slice(i);
  if (!cmd.length) { process.stderr.write(traceUsage); return 1; }
  const line = cmd.length === 1 ? cmd[0]! : cmd.map(shellQuote).join(' ');

  const world = await createWorld({ hostYield: opts.hostYield, onCrash: opts.onCrash });
  for (const s of setup) {
    const r = await world.exec(s);
    if (r.exitCode !== 0) { process.stderr.write(`dockersim trace: setup command failed (${r.exitCode}): ${s}\n${r.stderr}`); return 1; }
  }
  const events: TraceEvent[] = [];
  const sub = world.onTrace((e) => events.push(e));
  const res = await world.exec(line);
  await world.runUntilIdle();
  sub.dispose();
  process.stdout.write(res.stdout);
  process.stderr.write(res.stderr);
  if (json) {
    for (const e of events) process.stdout.write(JSON.stringify(e) + '\n');
    return res.exitCode;
  }
  const journey = new Journey((pid) => COMM_LAYER[world.kernel.proc(pid)?.comm ?? '']);
  for (const e of events) journey.add(e);
  process.stdout.write(`\n# journey of: ${line} (exit status ${res.exitCode})\n`);
  process.stdout.write(journey.format());
  return res.exitCode;
}
