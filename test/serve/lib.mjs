// What the serve tests share: a temporary directory, `dockersim serve` on a
// unix socket and a 127.0.0.1 port, the real docker CLI, raw HTTP, and the
// in-page docker CLI, either in a fresh world (`dockersim shell`) or in the
// served world itself, from inside a container that has the host's
// /usr/bin/docker and /var/run/docker.sock mounted (the docker:cli pattern).
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DOCKER = process.env.DOCKER_CLI ?? '/usr/local/bin/docker';
export const tmp = mkdtempSync(join(tmpdir(), 'dockersim-serve-'));
export const sock = join(tmp, 'docker.sock');

/** Starts the server; resolves with its process and the addresses from its ready line. */
export function startServer() {
  const child = spawn(process.execPath, [join(ROOT, 'apps/cli/bin/dockersim.mjs'), 'serve', '-H', `unix://${sock}`, '-H', 'tcp://127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no ready line in 20 s; stderr: ${err}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const line = out.slice(0, nl);
      const m = /^API listen on (unix:\/\/\S+) (tcp:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (!m) return reject(new Error(`unexpected ready line: ${line}`));
      resolve({ child, unix: m[1], tcp: m[2], line, stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}

export const cliEnv = (host, env = {}) => ({ PATH: process.env.PATH, HOME: tmp, DOCKER_HOST: host, DOCKER_CONFIG: join(tmp, 'config'), ...env });

/** Runs the docker CLI; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function docker(host, args, { input, timeout = 15_000, env = {}, cwd = tmp } = {}) {
  return new Promise((resolve) => {
    const child = execFile(DOCKER, args, { env: cliEnv(host, env), cwd, timeout, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 'killed') : 0, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

/** One HTTP request over the unix socket, for what the CLI would hide. */
export function raw(method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: sock, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Bytes written to the socket as they are, for requests no HTTP client would
 * send; resolves with everything the server wrote until it closed (or until
 * `wait` ms passed).
 */
export function rawBytes(bytes, { wait = 2000 } = {}) {
  return new Promise((resolve, reject) => {
    const s = net.connect(sock);
    const parts = [];
    const timer = setTimeout(() => { s.destroy(); resolve(Buffer.concat(parts).toString('latin1')); }, wait);
    s.on('data', (d) => parts.push(d));
    s.on('error', (e) => { clearTimeout(timer); if (parts.length) resolve(Buffer.concat(parts).toString('latin1')); else reject(e); });
    s.on('close', () => { clearTimeout(timer); resolve(Buffer.concat(parts).toString('latin1')); });
    s.write(bytes);
  });
}

/** The in-page docker CLI on a fresh world (`dockersim shell`): each command's output, stdout and stderr together. */
export function inFreshWorld(commands) {
  const marker = '@@serve-test@@';
  const script = commands.map((c, i) => `echo ${marker}${i}\n${c} 2>&1\n`).join('') + `echo ${marker}end\n`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(ROOT, 'apps/cli/bin/dockersim.mjs'), 'shell'], { timeout: 20_000 }, (error, stdout) => {
      if (error) return reject(error);
      const parts = stdout.split(new RegExp(`${marker}(?:\\d+|end)\n`));
      resolve(parts.slice(1, commands.length + 1));
    });
    child.stdin.end(script);
  });
}

/** The container in the served world that runs the world's own docker program. */
export const PAGE_CLI = 'page-cli';

/** Starts PAGE_CLI: alpine with the simulated host's docker binary and socket mounted. */
export async function startPageCli(host) {
  const r = await docker(host, ['run', '-d', '--name', PAGE_CLI, '-w', '/work',
    '-v', '/var/run/docker.sock:/var/run/docker.sock', '-v', '/usr/bin/docker:/usr/bin/docker', 'alpine', 'sleep', '86400'], { timeout: 30_000 });
  if (r.code !== 0) throw new Error(`cannot start ${PAGE_CLI}: ${r.stderr}`);
}

/** The world's own docker program, run in PAGE_CLI (`docker exec page-cli docker ARGS`). */
export function pageDocker(host, args, { env = {}, input } = {}) {
  const envFlags = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  return docker(host, ['exec', ...(input !== undefined ? ['-i'] : []), ...envFlags, PAGE_CLI, 'docker', ...args], { input });
}

/**
 * `docker run -it alpine sh` (or other docker arguments) behind a
 * pseudo-terminal of 80x24: types a command line, then `exit 7`, and returns
 * what the terminal showed and the exit status.
 *
 * The terminal is node-pty's. node-pty 1.x has no Linux prebuilds and compiles
 * at install (seconds, with g++ and the node headers), so it is an optional
 * dependency: where it could not be built, python's pty module drives the
 * same keystrokes instead, and PTY_DRIVER says which one ran.
 */
let nodePty;
try { nodePty = (await import('node-pty')).default; } catch { nodePty = undefined; }
export const PTY_DRIVER = nodePty ? 'node-pty' : 'python pty';

function runInteractiveNodePty(host, args, line) {
  return new Promise((resolve) => {
    const p = nodePty.spawn(DOCKER, args, { name: 'xterm', cols: 80, rows: 24, env: cliEnv(host) });
    let buf = '';
    let stage = 0;
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.onData((d) => {
      buf += d;
      if (stage === 0 && buf.includes('/ # ')) { stage = 1; p.write(line + '; echo end-$((1+1))\r'); }
      else if (stage === 1 && buf.includes('end-2\r\n')) { stage = 2; p.write('exit 7\r'); }
    });
    // what the terminal still had in flight when docker exited arrives just after
    p.onExit(({ exitCode }) => setTimeout(() => { clearTimeout(timer); resolve({ error: null, stdout: buf + `\nEXIT ${exitCode}\n`, stderr: '' }); }, 100));
  });
}

export function runInteractive(host, args = ['run', '-it', '--rm', 'alpine', 'sh'], line = 'echo tty-$((6*7)); stty size; tty') {
  if (nodePty) return runInteractiveNodePty(host, args, line);
  const script = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(${JSON.stringify(DOCKER)}, ${JSON.stringify(['docker'])} + ${JSON.stringify(args)})
buf = b''
def until(pat, t=10):
    global buf
    end = time.time() + t
    while time.time() < end and pat not in buf:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try: d = os.read(fd, 4096)
            except OSError: return
            if not d: return
            buf += d
until(b'/ # ')
os.write(fd, ${JSON.stringify(line + '; echo end-$((1+1))')}.encode() + b'\\r')
until(b'end-2\\r\\n')
os.write(fd, b'exit 7\\r')
until(b'never', 3)
_, st = os.waitpid(pid, 0)
sys.stdout.write(buf.decode('utf-8', 'replace'))
sys.stdout.write('\\nEXIT %d\\n' % os.waitstatus_to_exitcode(st))
`;
  return new Promise((resolve) => {
    execFile('python3', ['-c', script], { env: cliEnv(host), timeout: 20_000 },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }));
  });
}
