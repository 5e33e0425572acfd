// GET /containers/{id}/top (moby daemon/top_unix.go): dockerd runs the host's
// ps with the user's options (default -ef) and a -q list of the container's
// pids, retries without the list when ps refuses it (BSD options such as f
// don't mix with q), and keeps the rows whose PID column is one of the
// container's, gluing overhanging fields into the last column.

import type { Sys } from '@dockersim/kernel';
import { EngineError, type ContainerTopResponse } from '@dockersim/engine-api';

const PS = '/usr/bin/ps';

/** Runs a host program to completion: its exit status, standard output and standard error. */
export async function runProgram(sys: Sys, argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const [outR, outW] = sys.pipe();
  const [errR, errW] = sys.pipe();
  const fds = { outW, errW };
  const pid = sys.clone({
    comm: argv[0].slice(argv[0].lastIndexOf('/') + 1),
    child: async (s) => {
      s.dup2(fds.outW, 1); s.dup2(fds.errW, 2);
      for (const fd of s.fds()) if (fd > 2) s.close(fd);
      const devnull = s.open('/dev/null', 0);
      if (devnull !== 0) { s.dup2(devnull, 0); s.close(devnull); }
      await s.execve(argv[0], argv, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
      return 127;
    },
  });
  sys.close(outW); sys.close(errW);
  const dec = new TextDecoder();
  const drain = async (fd: number) => {
    let text = '';
    for (;;) { const b = await sys.read(fd); if (!b.length) break; text += dec.decode(b, { stream: true }); }
    sys.close(fd);
    return text;
  };
  const [stdout, stderr] = await Promise.all([drain(outR), drain(errR)]);
  const w = await sys.wait4(pid);
  return { status: w?.status.code ?? 128 + (w?.status.signal ?? 0), stdout, stderr };
}

/** moby's validatePSArgs: a PID column may not be renamed. */
function validatePSArgs(psArgs: string): void {
  for (const m of psArgs.matchAll(/\s+(\S*)=\s*(PID\S*)/g)) {
    if (m[1] !== 'pid') throw new EngineError('InvalidParameter', `specifying "${m[1]}=${m[2]}" is not allowed`);
  }
}

export function parsePSOutput(output: string, pids: number[]): ContainerTopResponse {
  const lines = output.split('\n');
  const titles = (lines[0] ?? '').split(/[ \t]+/).filter(Boolean);
  const pidIndex = titles.indexOf('PID');
  if (pidIndex < 0) throw new EngineError('System', "Couldn't find PID field in ps output");
  const want = new Set(pids);
  const processes: string[][] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const fields = line.split(/[ \t]+/).filter(Boolean);
    const field = fields[pidIndex] ?? '';
    if (field === '-') continue; // a thread row of ps -L
    const p = Number(field);
    if (!/^-?\d+$/.test(field)) throw new EngineError('System', `Unexpected pid '${field}': strconv.Atoi: parsing "${field}": invalid syntax`);
    if (!want.has(p)) continue;
    processes.push([...fields.slice(0, titles.length - 1), fields.slice(titles.length - 1).join(' ')]);
  }
  return { Titles: titles, Processes: processes };
}

export async function containerTop(sys: Sys, pids: number[], psArgs = ''): Promise<ContainerTopResponse> {
  if (!psArgs) psArgs = '-ef';
  validatePSArgs(psArgs);
  const args = psArgs.split(' ');
  let r = await runProgram(sys, [PS, ...args, '-q', pids.join(',')]);
  if (r.status !== 0) {
    r = await runProgram(sys, [PS, ...args]);
    if (r.status !== 0) {
      const first = r.stderr.split('\n')[0];
      throw new EngineError('System', first || `ps: exit status ${r.status}`);
    }
  }
  return parsePSOutput(r.stdout, pids);
}
