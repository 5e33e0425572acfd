// The real docker CLI and the world's own docker program against one served
// world: for each command, both run on the same state and must print the
// same bytes (stdout, stderr, exit code). The world's program runs in a
// container with the host's docker binary and socket mounted (lib.mjs,
// PAGE_CLI), so both meet the same dockerd.
//
// A command that changes the world runs twice, the real CLI first, with the
// change undone in between; the ids it creates and the relative times in
// tables are the only parts replaced before comparing.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { docker, pageDocker, runInteractive, startPageCli, tmp, PAGE_CLI } from './lib.mjs';

/** go-units' HumanDuration, as in "Up 5 seconds" and "2 minutes ago". */
const normTimes = (s) => s.replace(/\b(?:Less than a second|About a minute|About an hour|\d+ (?:second|minute|hour|day|week|month|year)s?)\b/g, '<T>');
const normIds = (s) => s.replace(/\b[0-9a-f]{64}\b/g, '<ID64>').replace(/\b[0-9a-f]{12}\b/g, '<ID12>');
/** The CLI prints info's Runtimes in Go map order, which varies from run to run. */
const sortRuntimes = (s) => s.replace(/^( Runtimes:) (.*)$/m, (_m, k, v) => `${k} ${v.split(' ').sort().join(' ')}`);
const shown = (r, norm) => ({ code: r.code, stdout: norm(r.stdout), stderr: norm(r.stderr) });

export function sameOutputTests(host) {
  /** Both CLIs, same state; a read may straddle a second boundary, so a mismatch is read again once. */
  async function same(args, { env, norm = (s) => s } = {}) {
    const n = (s) => norm(sortRuntimes(normTimes(s)));
    for (let attempt = 0; ; attempt++) {
      const real = shown(await docker(host, args, { env }), n);
      const page = shown(await pageDocker(host, args, { env }), n);
      try {
        assert.deepEqual(real, page, `docker ${args.join(' ')}`);
        return real;
      } catch (e) {
        if (attempt) throw e;
      }
    }
  }
  /** A command that changes the world: the real CLI, undo, the world's CLI, undo. */
  async function twice(args, undo, { env, cwd } = {}) {
    const n = (s) => normIds(normTimes(s));
    const real = shown(await docker(host, args, { env, cwd }), n);
    await undo();
    const page = shown(await pageDocker(host, args, { env }), n);
    await undo();
    assert.deepEqual(real, page, `docker ${args.join(' ')}`);
    return real;
  }
  const ok = async (args, opts) => {
    const r = await docker(host, args, opts);
    assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
    return r;
  };

  return [
    ['same world: the world\'s docker runs beside the real one', async () => {
      await startPageCli(host);
      const r = await pageDocker(host, ['version', '--format', '{{.Client.Version}} {{.Server.Version}}']);
      assert.deepEqual(r, { code: 0, stdout: '28.2.2 28.2.2\n', stderr: '' });
    }],
    ['same world: version, info', async () => {
      await same(['version']);
      await same(['info']);
      await same(['system', 'info', '--format', '{{.Containers}} {{.ContainersRunning}} {{.Images}}']);
    }],
    ['same world: pull (progress), rmi, pull again', async () => {
      const real = await ok(['pull', 'debian'], { timeout: 30_000 });
      assert.match(real.stdout, /Pull complete\n/);
      const pageRmi = await pageDocker(host, ['rmi', 'debian']);
      const pagePull = await pageDocker(host, ['pull', 'debian']);
      assert.deepEqual(pagePull, real);
      const realRmi = await docker(host, ['rmi', 'debian']);
      assert.deepEqual(realRmi, pageRmi);
      assert.deepEqual(await docker(host, ['pull', 'debian']), real);
      await same(['pull', 'debian']);
      await same(['pull', 'alpine:nosuch']);
      await same(['rmi', 'debian']);
    }],
    ['same world: images', async () => {
      await same(['images']);
      await same(['images', '-a', '--no-trunc']);
      await same(['images', '--format', 'json']);
      await same(['image', 'ls', 'alpine', '--format', '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}']);
    }],
    ['same world: run, run --rm -e, run --name, errors', async () => {
      await same(['run', '--rm', 'alpine', 'echo', 'hi']);
      await same(['run', '--rm', '-e', 'A=b', '-e', 'C', 'alpine', 'sh', '-c', 'echo $A; echo err >&2; env | grep -c ^C=; exit 3'], { env: { C: 'x' } });
      await twice(['run', '--name', 'hello', 'alpine', 'echo', 'hi'], () => ok(['rm', 'hello']));
      await twice(['run', '-d', 'alpine', 'true'], async () => { await ok(['container', 'prune', '-f']); });
      await same(['run', '--rm', 'alpine', 'nosuchcmd']);
      await same(['run', 'alpine:nosuch']);
      await same(['run', '--rm', '--nosuchflag', 'alpine']);
    }],
    ['same world: run -d -p --name; ps (--format), logs, exec, inspect, port', async () => {
      const args = ['run', '-d', '-p', '8088:80', '--name', 'srv', 'alpine', 'sh', '-c', 'trap "exit 0" TERM; echo up; echo warn >&2; sleep 300 & wait'];
      await twice(args, () => ok(['rm', '-f', 'srv']));
      await ok(args);
      await same(['ps']);
      await same(['ps', '-a', '--no-trunc']);
      await same(['ps', '--format', '{{.ID}}\t{{.Names}}\t{{.Image}}\t{{.Ports}}\t{{.Status}}']);
      await same(['ps', '--format', 'table {{.Names}}\t{{.Command}}\t{{.Networks}}']);
      await same(['ps', '--format', 'json']);
      await same(['ps', '-q']);
      await same(['logs', 'srv']);
      await same(['logs', '-n', '1', 'srv']);
      await same(['exec', 'srv', 'cat', '/etc/hostname']);
      await same(['exec', 'srv', 'sh', '-c', 'echo out; echo err >&2; exit 5']);
      await same(['exec', 'srv', 'nosuchcmd']);
      await same(['exec', 'nosuch', 'true']);
      await same(['inspect', 'srv']);
      await same(['inspect', '-f', '{{.State.Status}} {{.NetworkSettings.IPAddress}} {{json .HostConfig.PortBindings}}', 'srv']);
      await same(['inspect', 'nosuch']);
      await same(['port', 'srv']);
      await same(['top', 'srv']);
    }],
    ['same world: stop, rm', async () => {
      await same(['rm', 'srv']);
      await twice(['stop', '-t', '1', 'srv'], () => ok(['start', 'srv']));
      await ok(['stop', '-t', '1', 'srv']);
      await same(['ps', '-a', '--filter', 'name=srv']);
      await same(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', 'srv']);
      await twice(['rm', 'srv'], () => ok(['create', '--name', 'srv', 'alpine']));
      await ok(['rm', 'srv']);
      await same(['stop', 'srv']);
      await same(['rm', 'srv']);
    }],
    ['same world: volume create, ls, inspect, run -v, rm', async () => {
      await twice(['volume', 'create', 'vol'], () => ok(['volume', 'rm', 'vol']));
      await ok(['volume', 'create', 'vol']);
      await same(['volume', 'ls']);
      await same(['volume', 'inspect', 'vol']);
      await twice(['run', '--rm', '-v', 'vol:/data', 'alpine', 'sh', '-c', 'ls /data; echo x >> /data/f; cat /data/f'],
        () => ok(['run', '--rm', '-v', 'vol:/data', 'alpine', 'rm', '/data/f']));
      await same(['run', '--rm', '-v', '/etc/hostname:/h:ro', 'alpine', 'sh', '-c', 'cat /h; echo y > /h']);
      await twice(['volume', 'rm', 'vol'], () => ok(['volume', 'create', 'vol']));
      await ok(['volume', 'rm', 'vol']);
      await same(['volume', 'rm', 'vol']);
      await same(['volume', 'ls']);
    }],
    ['same world: network create, ls, inspect, run --network, rm', async () => {
      await twice(['network', 'create', 'net'], () => ok(['network', 'rm', 'net']));
      await ok(['network', 'create', 'net']);
      await same(['network', 'ls']);
      await same(['network', 'inspect', 'net']);
      await same(['network', 'create', 'net']);
      await same(['run', '--rm', '--network', 'net', 'alpine', 'sh', '-c', 'hostname -i; ip route']);
      await twice(['network', 'rm', 'net'], () => ok(['network', 'create', 'net']));
      await ok(['network', 'rm', 'net']);
      await same(['network', 'rm', 'net']);
      await same(['network', 'ls']);
    }],
    ['same world: docker run -it alpine sh behind a terminal', async () => {
      const real = await runInteractive(host);
      assert.match(real.stdout, /tty-42\r\n24 80\r\n\/dev\/pts\/0\r\n/);
      // The world's docker gets its terminal from docker exec -it. Not compared
      // here: `tty`, which names /dev/pts/1 there, since the container's
      // console comes from the host's devpts instance (where the exec's
      // terminal already is) rather than from the container's own.
      const line = 'echo tty-$((6*7)); stty size; [ -t 0 ] && echo stdin-is-a-tty';
      const page = await runInteractive(host, ['exec', '-it', PAGE_CLI, 'docker', 'run', '-it', '--rm', 'alpine', 'sh'], line);
      assert.equal(page.stdout, (await runInteractive(host, undefined, line)).stdout);
      assert.match(page.stdout, /stdin-is-a-tty\r\n/);
    }],
    ['same world: build with the classic builder', async () => {
      const ctx = join(tmp, 'bctx');
      mkdirSync(ctx);
      writeFileSync(join(ctx, 'Dockerfile'), 'FROM alpine\nWORKDIR /app\nCOPY msg.txt .\nRUN echo built >> msg.txt\nENV MODE=prod\nCMD ["cat", "msg.txt"]\n');
      writeFileSync(join(ctx, 'msg.txt'), 'copied\n');
      await ok(['cp', ctx, `${PAGE_CLI}:/work/bctx`]);
      const env = { DOCKER_BUILDKIT: '0' };
      // --no-cache: the second run must not find the first one's steps
      const built = await twice(['build', '--no-cache', '-t', 'cmpbuilt', 'bctx'], () => ok(['rmi', 'cmpbuilt']), { env });
      assert.match(built.stdout, /^Sending build context to Docker daemon {2}\d.*\r\r\nStep 1\/6 : FROM alpine\n/);
      assert.match(built.stdout, /\nSuccessfully built <ID12>\nSuccessfully tagged cmpbuilt:latest\n$/);
      await ok(['build', '-t', 'cmpbuilt', 'bctx'], { env });
      await same(['build', '-t', 'cmpbuilt', 'bctx'], { env }); // all from the cache
      await same(['run', '--rm', 'cmpbuilt']);
      await same(['history', 'cmpbuilt'], { norm: normIds });
      await same(['build', 'nosuchdir'], { env });
      await ok(['rmi', 'cmpbuilt']);
    }],
  ];
}
