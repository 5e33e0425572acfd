// Requests no well-behaved client sends, and clients that leave halfway: each
// gets dockerd's status and message (checked against moby 28.2.2's
// api/server: httputils.ReadJSON, runconfig's loadJSON, the router's
// notFoundHandler, the version middleware, Go's net/http limits), and the
// world is the same afterwards: same containers, same processes, same open
// file descriptors in every process of the host.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { DOCKER, cliEnv, docker, raw, rawBytes } from './lib.mjs';

const json = { 'Content-Type': 'application/json' };

export function malformedTests(host) {
  /**
   * Every process of the simulated host with its number of open fds, pids
   * left out (seen from a container in the host's pid namespace, which
   * itself adds the same sh and shim each time).
   */
  async function hostProcesses() {
    const r = await docker(host, ['run', '--rm', '--pid=host', 'alpine', 'sh', '-c',
      'for p in /proc/[0-9]*; do echo "$(cat $p/comm) fds=$(ls $p/fd | wc -l)"; done']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean).sort();
  }
  const containers = async () => (await docker(host, ['ps', '-a', '--format', '{{.Names}} {{.State}}'])).stdout;
  const message = (r) => JSON.parse(r.body).message;

  return [
    ['bad JSON bodies: 400 with encoding/json\'s words, nothing created', async () => {
      const before = await containers();
      const cases = [
        ['{"Image": ', 'invalid JSON: unexpected EOF'],
        ['{Image: "alpine"}', "invalid JSON: invalid character 'I' looking for beginning of object key string"],
        ['{"Image" "alpine"}', "invalid JSON: invalid character '\"' after object key"],
        ['nope', "invalid JSON: invalid character 'o' in literal null (expecting 'u')"],
        ['[1]', 'invalid JSON: json: cannot unmarshal array into Go value of type container.CreateRequest'],
        ['{"Image":"alpine"} {"Image":"alpine"}', 'unexpected content after JSON'],
        ['', 'invalid JSON: got EOF while reading request body'],
      ];
      for (const [body, want] of cases) {
        const r = await raw('POST', '/v1.50/containers/create?name=bad', { body, headers: json });
        assert.equal(r.status, 400, body);
        assert.equal(r.headers['content-type'], 'application/json');
        assert.equal(message(r), want, body);
      }
      const plain = await raw('POST', '/v1.50/containers/create', { body: '{"Image":"alpine"}', headers: { 'Content-Type': 'text/plain' } });
      assert.deepEqual([plain.status, message(plain)], [400, "unsupported Content-Type header (text/plain): must be 'application/json'"]);
      const net = await raw('POST', '/v1.50/networks/create', { body: '{"Name": "n1",}', headers: json });
      assert.deepEqual([net.status, message(net)], [400, "invalid JSON: invalid character '}' looking for beginning of object key string"]);
      const vol = await raw('POST', '/v1.50/volumes/create', { body: '{"Name": tru}', headers: json });
      assert.deepEqual([vol.status, message(vol)], [400, "invalid JSON: invalid character '}' in literal true (expecting 'e')"]);
      assert.equal(await containers(), before);
      assert.equal((await docker(host, ['network', 'ls', '-q', '--filter', 'name=n1'])).stdout, '');
    }],
    ['unknown endpoint and wrong method: 404 page not found (the router\'s notFoundHandler serves both)', async () => {
      for (const [method, path] of [['GET', '/v1.50/nope'], ['GET', '/nope'], ['DELETE', '/v1.50/version'], ['PUT', '/v1.50/containers/json'], ['POST', '/v1.50/images/json'], ['GET', '/v1.50/containers/create'], ['PATCH', '/v1.50/containers/json']]) {
        const r = await raw(method, path);
        assert.equal(r.status, 404, `${method} ${path}`);
        assert.equal(r.headers['content-type'], 'application/json');
        assert.deepEqual(JSON.parse(r.body), { message: 'page not found' }, `${method} ${path}`);
      }
    }],
    ['unsupported API versions in the path: 400 from the version middleware; the CLI shows it', async () => {
      const hi = await raw('GET', '/v1.51/containers/json');
      assert.deepEqual([hi.status, message(hi)], [400, 'client version 1.51 is too new. Maximum supported API version is 1.50']);
      const lo = await raw('GET', '/v1.23/containers/json');
      assert.deepEqual([lo.status, message(lo)], [400, 'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version']);
      const cli = await docker(host, ['ps'], { env: { DOCKER_API_VERSION: '1.99' } });
      assert.deepEqual(cli, { code: 1, stdout: '', stderr: 'Error response from daemon: client version 1.99 is too new. Maximum supported API version is 1.50\n' });
    }],
    ['huge bodies: dockerd reads them (no limit of its own); Go\'s 1 MiB header limit is 431', async () => {
      // 32 MiB of a JSON string that never closes: read to the end, then unexpected EOF
      const big = '{"Image": "' + 'a'.repeat(32 << 20);
      const r = await raw('POST', '/v1.50/containers/create', { body: big, headers: json });
      assert.deepEqual([r.status, message(r)], [400, 'invalid JSON: unexpected EOF']);
      // 4 MiB of environment is an ordinary container
      const env = Array.from({ length: 4096 }, (_, i) => `V${i}=${'x'.repeat(1024)}`);
      const ok = await raw('POST', '/v1.50/containers/create?name=bigenv', { body: JSON.stringify({ Image: 'alpine', Cmd: ['true'], Env: env }), headers: json });
      assert.equal(ok.status, 201, ok.body);
      const count = await docker(host, ['inspect', '-f', '{{len .Config.Env}}', 'bigenv']);
      assert.equal(count.stdout, '4097\n'); // and PATH
      assert.equal((await docker(host, ['rm', 'bigenv'])).code, 0);
      const head = await rawBytes(`GET /_ping HTTP/1.1\r\nHost: d\r\nX-Big: ${'h'.repeat(1 << 20)}\r\n\r\n`);
      assert.equal(head, 'HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n431 Request Header Fields Too Large');
      assert.equal((await raw('GET', '/_ping')).body, 'OK');
    }],
    ['a client that leaves mid-attach: the container runs on, a later attach works, nothing leaks', async () => {
      const before = await hostProcesses();
      assert.equal((await docker(host, ['run', '-d', '--name', 'ticker', 'alpine', 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done'])).code, 0);
      // killed (SIGKILL) while attached: its socket just goes away
      const first = await docker(host, ['attach', 'ticker'], { timeout: 600 });
      assert.equal(first.code, 'killed');
      assert.match(first.stdout, /^tick \d+$/m);
      assert.equal((await docker(host, ['inspect', '-f', '{{.State.Status}}', 'ticker'])).stdout, 'running\n');
      const again = await docker(host, ['attach', '--no-stdin', 'ticker'], { timeout: 600 });
      assert.match(again.stdout, /^tick \d+$/m);
      // and a raw HTTP attach that leaves before reading anything
      await rawBytes('POST /v1.50/containers/ticker/attach?stream=1&stdout=1 HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n', { wait: 200 });
      assert.deepEqual(await docker(host, ['rm', '-f', 'ticker']), { code: 0, stdout: 'ticker\n', stderr: '' });
      assert.deepEqual(await hostProcesses(), before);
    }],
    ['a client that leaves mid-exec and mid-logs -f: no process or fd left behind', async () => {
      assert.equal((await docker(host, ['run', '-d', '--name', 'host2', 'alpine', 'sleep', '300'])).code, 0);
      const before = await hostProcesses();
      const exec = await docker(host, ['exec', 'host2', 'sh', '-c', 'echo in; sleep 0.3; echo out'], { timeout: 150 });
      assert.equal(exec.code, 'killed');
      const logs = execFile(DOCKER, ['logs', '-f', 'host2'], { env: cliEnv(host) });
      await new Promise((r) => setTimeout(r, 200));
      logs.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500)); // the exec's sh ends on its own
      assert.deepEqual(await hostProcesses(), before);
      assert.equal((await docker(host, ['inspect', '-f', '{{json .ExecIDs}}', 'host2'])).stdout, 'null\n');
      assert.equal((await docker(host, ['rm', '-f', 'host2'])).code, 0);
    }],
  ];
}
