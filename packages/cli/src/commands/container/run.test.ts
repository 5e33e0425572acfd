// docker run's client flow (container/run.go, create.go) over a fake Engine API.
import { describe, expect, it } from 'vitest';
import { ApiError, frame, type ByteStream, type Conn } from '@dockersim/engine-api';
import { runDocker } from '../../docker.ts';
import { bufferIO, fakeClient } from '../../testing.ts';

const enc = (s: string) => new TextEncoder().encode(s);
function streamOf(chunks: Uint8Array[]): ByteStream {
  const q = [...chunks];
  return { read: async () => q.shift() ?? null, cancel: () => { q.length = 0; } };
}
function connOf(chunks: Uint8Array[], written: Uint8Array[] = []): Conn {
  const s = streamOf(chunks);
  return { ...s, write: async (d) => { written.push(d); }, closeWrite: () => {} };
}
const ID = 'f'.repeat(64);

// What dockerd sends while pulling (one JSON object per line); bars are skipped off a terminal.
const pullLines = [
  { status: 'Pulling from library/alpine', id: 'latest' },
  { status: 'Pulling fs layer', id: 'f18232174bc9' },
  { status: 'Downloading', progressDetail: { current: 100, total: 3642 }, progress: '[>    ]', id: 'f18232174bc9' },
  { status: 'Verifying Checksum', id: 'f18232174bc9' },
  { status: 'Download complete', id: 'f18232174bc9' },
  { status: 'Extracting', progressDetail: { current: 3642, total: 3642 }, progress: '[=====>]', id: 'f18232174bc9' },
  { status: 'Pull complete', id: 'f18232174bc9' },
  { status: 'Digest: sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c' },
  { status: 'Status: Downloaded newer image for alpine:latest' },
].map((m) => enc(JSON.stringify(m) + '\n'));

describe('docker run', () => {
  it('pulls a missing image, attaches, waits before starting, exits with the status', async () => {
    const calls: string[] = [];
    let creates = 0;
    const client = fakeClient({
      containerCreate: async (body) => {
        calls.push(`create ${body.Image}`);
        if (creates++ === 0) throw new ApiError(404, 'No such image: alpine:latest');
        return { Id: ID, Warnings: [] };
      },
      imagePull: async (from, tag) => { calls.push(`pull ${from} ${tag}`); return streamOf(pullLines); },
      containerAttach: async (_id, o) => { calls.push(`attach ${o.stdout} ${o.stderr} ${o.stdin}`); return connOf([frame(1, enc('hello\n')), frame(2, enc('oops\n'))]); },
      containerWait: async (_id, cond) => { calls.push(`wait ${cond}`); return { result: Promise.resolve({ StatusCode: 3 }) }; },
      containerStart: async () => { calls.push('start'); },
    });
    const io = bufferIO();
    const code = await runDocker(io, ['run', 'alpine', 'sh', '-c', 'echo hello; echo oops >&2; exit 3'], client);
    expect(calls).toEqual(['create alpine', 'pull docker.io/library/alpine latest', 'create alpine', 'attach true true false', 'wait next-exit', 'start']);
    expect(io.stderr).toBe([
      "Unable to find image 'alpine:latest' locally",
      'latest: Pulling from library/alpine',
      'f18232174bc9: Pulling fs layer',
      'f18232174bc9: Verifying Checksum',
      'f18232174bc9: Download complete',
      'f18232174bc9: Pull complete',
      'Digest: sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c',
      'Status: Downloaded newer image for alpine:latest',
      'oops', '',
    ].join('\n'));
    expect(io.stdout).toBe('hello\n');
    expect(code).toBe(3);
  });

  it('-d prints the full id and does not attach', async () => {
    const io = bufferIO();
    let body: unknown;
    const code = await runDocker(io, ['run', '-d', '--name', 'web', '-p', '8080:80', '-e', 'A=1', '--rm', 'nginx'], fakeClient({
      containerCreate: async (b, name) => { body = { b, name }; return { Id: ID, Warnings: [] }; },
      containerWait: async () => ({ result: new Promise(() => {}) }),
      containerStart: async () => {},
    }));
    expect(code).toBe(0);
    expect(io.stdout).toBe(ID + '\n');
    const { b, name } = body as { b: { AttachStdout: boolean; Env: string[]; ExposedPorts: object; HostConfig: { PortBindings: object; AutoRemove: boolean } }; name: string };
    expect(name).toBe('web');
    expect(b.AttachStdout).toBe(false);
    expect(b.Env).toEqual(['A=1']);
    expect(b.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(b.HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] });
    expect(b.HostConfig.AutoRemove).toBe(true);
  });

  it('maps start errors to 127/126/125 with the run help hint (toStatusError)', async () => {
    const msg = 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in $PATH: unknown';
    const io = bufferIO();
    const code = await runDocker(io, ['run', 'alpine', 'nope'], fakeClient({
      containerCreate: async () => ({ Id: ID, Warnings: [] }),
      containerAttach: async () => connOf([]),
      containerWait: async () => ({ result: new Promise(() => {}) }),
      containerStart: async () => { throw new ApiError(400, msg); },
    }));
    expect(code).toBe(127);
    expect(io.stderr).toBe(`docker: Error response from daemon: ${msg}\n\nRun 'docker run --help' for more information\n`);
  });

  it('rejects bad client-side options with exit 125 (opts.go texts)', async () => {
    const io = bufferIO();
    expect(await runDocker(io, ['run', '-p', '80:80:80:80', 'a'], fakeClient({}))).toBe(125);
    expect(io.stderr).toBe("docker: invalid IP address: 80:80\n\nRun 'docker run --help' for more information\n");
    const io2 = bufferIO();
    expect(await runDocker(io2, ['run', '--restart', 'always', '--rm', 'a'], fakeClient({}))).toBe(125);
    expect(io2.stderr).toBe("docker: conflicting options: cannot specify both --restart and --rm\n\nRun 'docker run --help' for more information\n");
    const io3 = bufferIO();
    expect(await runDocker(io3, ['run', '--pull', 'sometimes', 'a'], fakeClient({}))).toBe(125);
    expect(io3.stderr).toBe(`docker: invalid pull option: 'sometimes': must be one of "always", "missing" or "never"\n\nRun 'docker run --help' for more information\n`);
  });

  it('stops parsing flags at the image: the rest is the command', async () => {
    let cmd: unknown;
    await runDocker(bufferIO(), ['run', '-d', 'alpine', 'ls', '-la', '--color'], fakeClient({
      containerCreate: async (b) => { cmd = b.Cmd; return { Id: ID, Warnings: [] }; },
      containerWait: async () => ({ result: new Promise(() => {}) }), containerStart: async () => {},
    }));
    expect(cmd).toEqual(['ls', '-la', '--color']);
  });
});

describe('other container commands', () => {
  it('docker rm reports each failure and exits 1', async () => {
    const io = bufferIO();
    const code = await runDocker(io, ['rm', 'a', 'b'], fakeClient({
      containerRemove: async (id) => {
        if (id === 'b') throw new ApiError(409, 'cannot remove container "/b": container is running: stop the container before removing or force remove');
      },
    }));
    expect(io.stdout).toBe('a\n');
    expect(io.stderr).toBe('Error response from daemon: cannot remove container "/b": container is running: stop the container before removing or force remove\n');
    expect(code).toBe(1);
  });
  it('docker kill passes the signal and prints names as given', async () => {
    const io = bufferIO();
    let sig: string | undefined;
    await runDocker(io, ['kill', '-s', 'HUP', 'web'], fakeClient({ containerKill: async (_id, s) => { sig = s; } }));
    expect(sig).toBe('HUP');
    expect(io.stdout).toBe('web\n');
  });
  it('docker container prune asks first (prune.go warning)', async () => {
    const io = bufferIO();
    io.feed('n\n');
    const code = await runDocker(io, ['container', 'prune'], fakeClient({}));
    expect(io.stdout).toBe('WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ');
    expect(code).toBe(1);
    const io2 = bufferIO();
    await runDocker(io2, ['container', 'prune', '-f'], fakeClient({ containerPrune: async () => ({ ContainersDeleted: ['abc'], SpaceReclaimed: 1234 }) }));
    expect(io2.stdout).toBe('Deleted Containers:\nabc\n\nTotal reclaimed space: 1.234kB\n');
  });
  it('docker inspect prints an indented array and "Error: No such object"', async () => {
    const io = bufferIO();
    const code = await runDocker(io, ['inspect', 'x', 'nope'], fakeClient({
      containerInspect: async (id) => { if (id === 'x') return { Id: 'x', State: { Status: 'running' } } as never; throw new ApiError(404, `No such container: ${id}`); },
      imageInspect: async (id) => { throw new ApiError(404, `No such image: ${id}`); },
      networkInspect: async (id) => { throw new ApiError(404, `network ${id} not found`); },
    }));
    expect(io.stdout).toBe('[\n    {\n        "Id": "x",\n        "State": {\n            "Status": "running"\n        }\n    }\n]\n');
    expect(io.stderr).toBe('Error: No such object: nope\n');
    expect(code).toBe(1);
    const io2 = bufferIO();
    await runDocker(io2, ['inspect', '-f', '{{.State.Status}} {{json .State}}', 'x'], fakeClient({ containerInspect: async () => ({ Id: 'x', State: { Status: 'running', Pid: 42 } }) as never }));
    expect(io2.stdout).toBe('running {"Status":"running","Pid":42}\n');
  });
});
