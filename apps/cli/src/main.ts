// dockersim: the emulator from a terminal.
//   dockersim shell          a shell on node1 (interactive on a tty; else reads commands from stdin)
//   dockersim test FILE...   runs scenario transcripts headless, in virtual time
//   dockersim lesson ...     the guided lessons (lesson.ts)

import { readFileSync, writeSync } from 'node:fs';
import { createWorld } from '@dockersim/world';
import { parseTranscript, outputMatches, splitByMarkers } from './transcript.ts';
import { lessonCommand } from './lesson.ts';
import { serveCommand } from './serve/serve.ts';
import { traceCommand } from './trace.ts';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
// DOCKERSIM_DEBUG=1 reports programs of the simulation that crash.
const onCrash = process.env.DOCKERSIM_DEBUG ? (pid: number, e: unknown) => { process.stderr.write(`dockersim: pid ${pid} crashed: ${(e as Error)?.stack ?? e}\n`); } : undefined;

const usage = `Usage:  dockersim COMMAND

A container-runtime emulator: a simulated Linux host with Docker.

Commands:
  shell         Open a shell on node1 (reads commands from stdin when it is not a terminal)
  test FILE...  Run scenario transcripts and compare their output
  lesson        List the guided lessons, run their reference solutions (lesson run --all)
  trace CMD...  Run a command on a fresh host and show its journey through the layers
  serve         Serve the Engine API to the docker CLI and SDKs (-H unix:///PATH, -H tcp://127.0.0.1:PORT)
`;

async function shell(): Promise<number> {
  if (process.stdin.isTTY) {
    const world = await createWorld({ hostYield, onCrash, clock: 'realtime', sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const term = world.openTerminal({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
    process.stdin.setRawMode(true);
    process.stdin.on('data', (d) => term.write(d.toString('utf8')));
    process.stdout.on('resize', () => term.resize(process.stdout.columns, process.stdout.rows));
    term.onOutput((s) => process.stdout.write(s));
    return await new Promise<number>((r) => term.onExit((code) => { process.stdin.setRawMode(false); r(code); }));
  }
  const world = await createWorld({ hostYield, onCrash });
  const sh = world.openPipeShell({ onStdout: (b) => writeAll(1, b), onStderr: (b) => writeAll(2, b) });
  for await (const chunk of process.stdin) sh.write(chunk as Uint8Array);
  sh.end();
  let code: number | undefined;
  void sh.exited.then((c) => { code = c; });
  await world.kernel.runUntilIdle({ until: () => code !== undefined });
  return code ?? 0;
}

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) {
    try { off += writeSync(fd, b, off); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e; }
  }
}

async function runTranscript(file: string): Promise<{ pass: number; fail: number; report: string[] }> {
  const cases = parseTranscript(readFileSync(file, 'utf8'));
  const world = await createWorld({ hostYield, onCrash });
  const marker = '@@dockersim@@';
  let out = '';
  const dec = new TextDecoder();
  const sh = world.openPipeShell({ onStdout: (b) => { out += dec.decode(b, { stream: true }); }, onStderr: (b) => { out += dec.decode(b, { stream: true }); } });
  sh.write(cases.map((c, i) => `echo ${marker}${i}\n${c.cmd}\n`).join('') + `echo ${marker}end\n`);
  sh.end();
  let done = false;
  void sh.exited.then(() => { done = true; });
  await world.kernel.runUntilIdle({ until: () => done });
  const blocks = splitByMarkers(out, marker);
  const report: string[] = [];
  let pass = 0, fail = 0;
  cases.forEach((c, i) => {
    const got = blocks.get(String(i));
    if (got && outputMatches(c.want, got)) { pass++; return; }
    fail++;
    report.push(`${file}:${c.line}: $ ${c.cmd}\n  want: ${JSON.stringify(c.want)}\n  got:  ${JSON.stringify(got ?? ['<no output: the shell ended early>'])}`);
  });
  return { pass, fail, report };
}

async function test(files: string[]): Promise<number> {
  let pass = 0, fail = 0;
  for (const f of files) {
    const r = await runTranscript(f);
    pass += r.pass; fail += r.fail;
    for (const line of r.report) console.log(line);
    console.log(`${r.fail ? 'FAIL' : 'ok  '} ${f} (${r.pass}/${r.pass + r.fail})`);
  }
  console.log(`${pass} passed, ${fail} failed`);
  return fail ? 1 : 0;
}

const [cmd, ...rest] = process.argv.slice(2);
let code: number;
switch (cmd) {
  case 'shell': code = await shell(); break;
  case 'test': code = await test(rest); break;
  case 'lesson': code = await lessonCommand(rest); break;
  case 'serve': code = await serveCommand(rest, onCrash); break;
  case 'trace': code = await traceCommand(rest, { hostYield, onCrash }); break;
  case undefined: case '--help': case '-h': process.stdout.write(usage); code = cmd ? 0 : 1; break;
  default: process.stderr.write(`dockersim: unknown command: ${cmd}\n\n${usage}`); code = 1;
}
process.exit(code);
