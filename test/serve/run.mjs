// The real docker CLI (and dockerode) against `dockersim serve`: starts the
// server on a temporary unix socket and a 127.0.0.1 port, drives it with
// /usr/local/bin/docker, checks what Docker 28 prints, and stops it.
// Prints one `ok`/`not ok` line per test and closes with `N passed, N failed`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { DOCKER, tmp, sock, startServer, docker, raw, inFreshWorld, runInteractive, PTY_DRIVER } from './lib.mjs';
import { sameOutputTests } from './same-output.mjs';
import { malformedTests } from './malformed.mjs';

async function main() {
  const server = await startServer();
  const { unix, tcp } = server;
  let webId = '';

  const tests = [
    ['the ready line names both addresses', async () => {
      assert.match(server.line, /^API listen on unix:\/\/.*docker\.sock tcp:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(existsSync(sock), 'socket file exists');
    }],
    ['the real CLI prints what the in-page CLI prints for a fresh world', async () => {
      const commands = [['version'], ['info'], ['ps', '-a'], ['images'], ['rm', 'nosuch'], ['inspect', 'nosuch'], ['run', '--name', 'xy', 'alpine:nosuch']];
      const page = await inFreshWorld(commands.map((c) => `docker ${c.join(' ')}`));
      // The CLI lists info's Runtimes in Go map order, which varies from run to run.
      const sortRuntimes = (s) => s.replace(/^( Runtimes:) (.*)$/m, (_m, k, v) => `${k} ${v.split(' ').sort().join(' ')}`);
      for (let i = 0; i < commands.length; i++) {
        const r = await docker(unix, commands[i]);
        assert.equal(sortRuntimes(r.stdout + r.stderr), sortRuntimes(page[i]), `docker ${commands[i].join(' ')}`);
      }
    }],
    ['docker version: server 28.2.2, API 1.50, minimum 1.24', async () => {
      const r = await docker(unix, ['version', '--format', '{{.Server.Version}} {{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Client.APIVersion}}']);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, '28.2.2 1.50 1.24 1.50\n');
    }],
    ['docker info over tcp://127.0.0.1', async () => {
      const r = await docker(tcp, ['info', '--format', '{{.ServerVersion}} {{.Name}} {{.OSType}} {{.Driver}}']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '28.2.2 node1 linux overlay2\n');
    }],
    ['_ping headers, as dockerd sends them', async () => {
      const get = await raw('GET', '/_ping');
      assert.equal(get.status, 200);
      assert.equal(get.body, 'OK');
      assert.equal(get.headers['api-version'], '1.50');
      assert.equal(get.headers['docker-experimental'], 'false');
      assert.equal(get.headers['ostype'], 'linux');
      assert.equal(get.headers['server'], 'Docker/28.2.2 (linux)');
      const head = await raw('HEAD', '/_ping');
      assert.equal(head.status, 200);
      assert.equal(head.headers['content-length'], '0');
    }],
    ['versioned paths: too new and too old are 400 with dockerd\'s message', async () => {
      const hi = await raw('GET', '/v1.99/version');
      assert.equal(hi.status, 400);
      assert.deepEqual(JSON.parse(hi.body), { message: 'client version 1.99 is too new. Maximum supported API version is 1.50' });
      const lo = await raw('GET', '/v1.12/version');
      assert.equal(lo.status, 400);
      assert.match(JSON.parse(lo.body).message, /^client version 1\.12 is too old\. Minimum supported API version is 1\.24/);
      const unversioned = await raw('GET', '/version');
      assert.equal(JSON.parse(unversioned.body).Version, '28.2.2');
    }],
    ['unknown endpoint: 404 page not found; bad JSON: 400', async () => {
      const nf = await raw('GET', '/v1.50/nope');
      assert.equal(nf.status, 404);
      assert.equal(nf.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(nf.body), { message: 'page not found' });
      const bad = await raw('POST', '/v1.50/containers/create', { body: '{"Image": ', headers: { 'Content-Type': 'application/json' } });
      assert.equal(bad.status, 400);
      assert.ok(JSON.parse(bad.body).message, 'an error message');
    }],
    ['docker pull alpine', async () => {
      const r = await docker(unix, ['pull', 'alpine'], { timeout: 30_000 });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines[0], 'Using default tag: latest');
      assert.equal(lines[1], 'latest: Pulling from library/alpine');
      assert.match(r.stdout, /\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for alpine:latest\ndocker\.io\/library\/alpine:latest\n$/);
    }],
    ['docker images', async () => {
      const r = await docker(unix, ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^alpine:latest [0-9a-f]{12}$/m);
      const table = await docker(unix, ['images']);
      assert.match(table.stdout, /^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n/);
    }],
    ['docker run: output through the multiplexed attach stream', async () => {
      const r = await docker(unix, ['run', 'alpine', 'echo', 'hi']);
      assert.deepEqual(r, { code: 0, stdout: 'hi\n', stderr: '' });
    }],
    ['docker run --rm -e: stdout, stderr and the exit code apart', async () => {
      const r = await docker(unix, ['run', '--rm', '-e', 'GREETING=hello', 'alpine', 'sh', '-c', 'echo $GREETING; echo oops >&2; exit 3']);
      assert.deepEqual(r, { code: 3, stdout: 'hello\n', stderr: 'oops\n' });
    }],
    ['docker run -i: piped stdin reaches the container, then EOF', async () => {
      const r = await docker(unix, ['run', '-i', '--rm', 'alpine', 'sh', '-c', 'tr a-z A-Z; echo done'], { input: 'piped\n' });
      assert.deepEqual(r, { code: 0, stdout: 'PIPED\ndone\n', stderr: '' });
    }],
    ['docker run -d --name', async () => {
      const r = await docker(unix, ['run', '-d', '--name', 'web', 'alpine', 'sh', '-c', 'echo started; while true; do sleep 1; done']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^[0-9a-f]{64}\n$/);
      webId = r.stdout.trim();
    }],
    ['docker ps --format', async () => {
      const r = await docker(unix, ['ps', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Status}}']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^${webId.slice(0, 12)} web alpine Up (Less than a second|\\d+ seconds?)$`, 'm'));
    }],
    ['docker logs', async () => {
      const r = await docker(unix, ['logs', 'web']);
      assert.deepEqual(r, { code: 0, stdout: 'started\n', stderr: '' });
    }],
    ['docker exec: output, exit code, piped stdin', async () => {
      const host = await docker(unix, ['exec', 'web', 'cat', '/etc/hostname']);
      assert.deepEqual(host, { code: 0, stdout: `${webId.slice(0, 12)}\n`, stderr: '' });
      const code = await docker(unix, ['exec', 'web', 'sh', '-c', 'exit 4']);
      assert.equal(code.code, 4);
      const stdin = await docker(unix, ['exec', '-i', 'web', 'wc', '-l'], { input: 'a\nb\n' });
      assert.equal(stdin.stdout.trim(), '2');
    }],
    ['docker inspect', async () => {
      const r = await docker(unix, ['inspect', '-f', '{{.State.Status}} {{.Name}} {{.Config.Image}} {{.Id}}', 'web']);
      assert.deepEqual(r, { code: 0, stdout: `running /web alpine ${webId}\n`, stderr: '' });
      const missing = await docker(unix, ['inspect', 'nosuch']);
      assert.equal(missing.code, 1);
      assert.equal(missing.stdout, '[]\n');
      assert.equal(missing.stderr, 'Error: No such object: nosuch\n');
    }],
    ['docker stop and rm; errors come back as Error response from daemon', async () => {
      const stop = await docker(unix, ['stop', '-t', '1', 'web']);
      assert.deepEqual(stop, { code: 0, stdout: 'web\n', stderr: '' });
      const state = await docker(unix, ['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'web']);
      assert.equal(state.stdout, 'exited 137\n');
      const rm = await docker(unix, ['rm', 'web']);
      assert.deepEqual(rm, { code: 0, stdout: 'web\n', stderr: '' });
      const again = await docker(unix, ['rm', 'web']);
      assert.deepEqual(again, { code: 1, stdout: '', stderr: 'Error response from daemon: No such container: web\n' });
    }],
    ['volumes: create, ls, data kept across containers (-v), rm', async () => {
      assert.deepEqual(await docker(unix, ['volume', 'create', 'data']), { code: 0, stdout: 'data\n', stderr: '' });
      const ls = await docker(unix, ['volume', 'ls', '--format', '{{.Driver}} {{.Name}}']);
      assert.match(ls.stdout, /^local data$/m);
      assert.equal((await docker(unix, ['run', '--rm', '-v', 'data:/data', 'alpine', 'sh', '-c', 'echo kept > /data/f'])).code, 0);
      assert.deepEqual(await docker(unix, ['run', '--rm', '-v', 'data:/data', 'alpine', 'cat', '/data/f']), { code: 0, stdout: 'kept\n', stderr: '' });
      assert.deepEqual(await docker(unix, ['volume', 'rm', 'data']), { code: 0, stdout: 'data\n', stderr: '' });
    }],
    ['docker run -p publishes a port (docker port)', async () => {
      assert.equal((await docker(unix, ['run', '-d', '--name', 'pub', '-p', '8080:80', 'alpine', 'sleep', '100'])).code, 0);
      assert.deepEqual(await docker(unix, ['port', 'pub']), { code: 0, stdout: '80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n', stderr: '' });
      // other connections keep reaching dockerd while the proxies run
      for (let i = 0; i < 4; i++) assert.equal((await docker(unix, ['version', '--format', '{{.Server.Version}}'])).stdout, '28.2.2\n');
      assert.deepEqual(await docker(unix, ['rm', '-f', 'pub']), { code: 0, stdout: 'pub\n', stderr: '' });
    }],
    ['networks: create, ls, inspect, run --network, rm', async () => {
      const created = await docker(unix, ['network', 'create', 'mynet']);
      assert.match(created.stdout, /^[0-9a-f]{64}\n$/, created.stderr);
      const ls = await docker(unix, ['network', 'ls', '--format', '{{.Name}} {{.Driver}} {{.Scope}}']);
      assert.equal(ls.stdout, 'bridge bridge local\nhost host local\nmynet bridge local\nnone null local\n');
      const inspect = await docker(unix, ['network', 'inspect', '-f', '{{.Name}} {{.Driver}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}', 'mynet']);
      assert.equal(inspect.stdout, 'mynet bridge 172.18.0.0/16 172.18.0.1\n');
      const ip = await docker(unix, ['run', '--rm', '--network', 'mynet', 'alpine', 'hostname', '-i']);
      assert.deepEqual(ip, { code: 0, stdout: '172.18.0.2\n', stderr: '' });
      assert.deepEqual(await docker(unix, ['network', 'rm', 'mynet']), { code: 0, stdout: 'mynet\n', stderr: '' });
    }],
    ['docker build with the classic builder (a tar context on POST /build)', async () => {
      const ctx = join(tmp, 'ctx');
      mkdirSync(ctx);
      writeFileSync(join(ctx, 'Dockerfile'), 'FROM alpine\nCOPY msg.txt /msg.txt\nRUN echo built >> /msg.txt\nCMD ["cat", "/msg.txt"]\n');
      writeFileSync(join(ctx, 'msg.txt'), 'copied\n');
      const r = await docker(unix, ['build', '-t', 'built', ctx], { env: { DOCKER_BUILDKIT: '0' }, timeout: 30_000 });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Sending build context to Docker daemon +\d/);
      assert.match(r.stdout, /Step 1\/4 : FROM alpine\n/);
      assert.match(r.stdout, /\nSuccessfully built [0-9a-f]{12}\nSuccessfully tagged built:latest\n$/);
      assert.deepEqual(await docker(unix, ['run', '--rm', 'built']), { code: 0, stdout: 'copied\nbuilt\n', stderr: '' });
    }],
    ['a client that disconnects mid-attach leaves the container running and the daemon answering', async () => {
      const r = await docker(unix, ['run', '--name', 'gone', 'alpine', 'sh', '-c', 'sleep 1; echo finished'], { timeout: 400 });
      assert.equal(r.code, 'killed');
      const ps = await docker(unix, ['ps', '--format', '{{.Names}}']);
      assert.match(ps.stdout, /^gone$/m);
      assert.deepEqual(await docker(unix, ['wait', 'gone']), { code: 0, stdout: '0\n', stderr: '' });
      assert.equal((await docker(unix, ['logs', 'gone'])).stdout, 'finished\n');
      assert.equal((await docker(unix, ['rm', 'gone'])).code, 0);
    }],
    ['docker events streams what happens', async () => {
      const ev = execFile(DOCKER, ['events', '--format', '{{.Type}} {{.Action}} {{.Actor.Attributes.name}}'], { env: { PATH: process.env.PATH, HOME: tmp, DOCKER_HOST: unix, DOCKER_CONFIG: join(tmp, 'config') } });
      let out = '';
      ev.stdout.on('data', (d) => { out += d; });
      await new Promise((r) => setTimeout(r, 300));
      await docker(unix, ['run', '--rm', '--name', 'evt', 'alpine', 'true']);
      const until = Date.now() + 5000;
      while (!out.includes('container destroy evt') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      ev.kill();
      assert.match(out, /^container create evt$/m);
      assert.match(out, /^container start evt$/m);
      assert.match(out, /^container die evt$/m);
      assert.match(out, /^container destroy evt$/m);
    }],
    [`docker run -it: a shell behind a TTY (${PTY_DRIVER}), raw stream and resize`, async () => {
      const r = await runInteractive(unix);
      assert.match(r.stdout, /tty-42\r\n24 80\r\n\/dev\/pts\/0\r\n/);
      assert.match(r.stdout, /\nEXIT 7\n$/);
    }],
    ['docker tag and rmi', async () => {
      assert.equal((await docker(unix, ['tag', 'alpine', 'mine:1'])).code, 0);
      const r = await docker(unix, ['rmi', 'mine:1']);
      assert.deepEqual(r, { code: 0, stdout: 'Untagged: mine:1\n', stderr: '' });
    }],
    ['dockerode: create, start, wait, inspect, logs, remove; list images and networks', async () => {
      const d = new Docker({ socketPath: sock });
      const c = await d.createContainer({ Image: 'alpine', Cmd: ['sh', '-c', 'echo from-dockerode; echo to-stderr >&2'], name: 'sdk' });
      await c.start();
      const waited = await c.wait();
      assert.equal(waited.StatusCode, 0);
      const info = await c.inspect();
      assert.equal(info.Name, '/sdk');
      assert.equal(info.State.Status, 'exited');
      const logs = await c.logs({ stdout: true, stderr: true });
      const out = [], err = [];
      // the multiplexed log stream: 8-byte headers, stream 1 stdout, 2 stderr
      for (let i = 0; i < logs.length;) {
        const n = logs.readUInt32BE(i + 4);
        (logs[i] === 1 ? out : err).push(logs.subarray(i + 8, i + 8 + n).toString());
        i += 8 + n;
      }
      assert.deepEqual(out, ['from-dockerode\n']);
      assert.deepEqual(err, ['to-stderr\n']);
      await c.remove();
      await assert.rejects(c.inspect(), (e) => e.statusCode === 404);
      const images = await d.listImages();
      assert.ok(images.some((i) => (i.RepoTags ?? []).includes('alpine:latest')));
      const networks = await d.listNetworks();
      assert.deepEqual(networks.map((n) => n.Name).sort(), ['bridge', 'host', 'none']);
    }],
    ...sameOutputTests(unix),
    ...malformedTests(unix),
    ['SIGTERM stops the server and removes the socket', async () => {
      const exited = new Promise((r) => server.child.once('exit', (code, signal) => r({ code, signal })));
      server.child.kill('SIGTERM');
      const st = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
      assert.deepEqual(st, { code: 0, signal: null });
      assert.ok(!existsSync(sock), 'socket file removed');
    }],
  ];

  let passed = 0, failed = 0;
  for (const [name, fn] of tests) {
    const start = performance.now();
    try {
      await fn();
      passed++;
      console.log(`ok - ${name} (${Math.round(performance.now() - start)} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}`);
      console.log(String(err?.stack ?? err).split('\n').map((l) => `  # ${l}`).join('\n'));
    }
  }
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); rmSync(tmp, { recursive: true, force: true }); process.exit(1); });
