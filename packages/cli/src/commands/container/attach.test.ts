// docker attach's client flow (container/attach.go) over a fake Engine API.
import { describe, expect, it } from 'vitest';
import { SIGINT, SIGWINCH } from '@dockersim/kernel';
import { ApiError, frame, type Conn, type ContainerInspect } from '@dockersim/engine-api';
import { runDocker } from '../../docker.ts';
import { bufferIO, fakeClient } from '../../testing.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A connection that yields its chunks, then (unless held) ends. */
function connOf(chunks: Uint8Array[], opts: { written?: string[]; hold?: Promise<void> } = {}): Conn & { cancelled: boolean } {
  const q = [...chunks];
  const c = {
    cancelled: false,
    read: async () => {
      if (q.length) return q.shift()!;
      if (opts.hold && !c.cancelled) await Promise.race([opts.hold, new Promise<void>((r) => { cancelWake = r; })]);
      return null;
    },
    cancel: () => { c.cancelled = true; cancelWake?.(); },
    write: async (d: Uint8Array) => { opts.written?.push(dec(d)); },
    closeWrite: () => {},
  };
  let cancelWake: (() => void) | undefined;
  return c;
}
function inspected(state: Partial<ContainerInspect['State']>, config: Partial<ContainerInspect['Config']> = {}): ContainerInspect {
  return { Id: 'c'.repeat(64), State: { Running: true, Paused: false, Restarting: false, ...state }, Config: { Tty: false, OpenStdin: false, ...config } } as ContainerInspect;
}

describe('docker attach', () => {
  it('registers the wait first, demultiplexes the output and exits with the container', async () => {
    const calls: string[] = [];
    const io = bufferIO();
    const code = await runDocker(io, ['attach', 'web'], fakeClient({
      containerWait: async (id, cond) => { calls.push(`wait ${id} ${cond}`); return { result: Promise.resolve({ StatusCode: 3 }) }; },
      containerInspect: async (id) => { calls.push(`inspect ${id}`); return inspected({}); },
      containerAttach: async (id, o) => {
        calls.push(`attach ${id} stream=${o.stream} stdin=${o.stdin} stdout=${o.stdout} stderr=${o.stderr}`);
        return connOf([frame(1, enc('out\n')), frame(2, enc('err\n'))]);
      },
    }));
    expect(calls).toEqual(['wait web not-running', 'inspect web', 'attach web stream=true stdin=false stdout=true stderr=true', 'inspect web']);
    expect(io.stdout).toBe('out\n');
    expect(io.stderr).toBe('err\n');
    expect(code).toBe(3);
  });

  it('refuses stopped, paused and restarting containers with the client\'s texts', async () => {
    for (const [state, msg] of [
      [{ Running: false }, 'You cannot attach to a stopped container, start it first'],
      [{ Paused: true }, 'You cannot attach to a paused container, unpause it first'],
      [{ Restarting: true }, 'You cannot attach to a restarting container, wait until it is running'],
    ] as const) {
      const io = bufferIO();
      const code = await runDocker(io, ['attach', 'x'], fakeClient({
        containerWait: async () => ({ result: new Promise(() => {}) }),
        containerInspect: async () => inspected(state),
      }));
      expect(io.stderr).toBe(msg + '\n');
      expect(code).toBe(1);
    }
  });

  it('reports a missing container from the inspect, not the wait', async () => {
    const io = bufferIO();
    const code = await runDocker(io, ['attach', 'nope'], fakeClient({
      containerWait: async () => { throw new ApiError(404, 'No such container: nope'); },
      containerInspect: async () => { throw new ApiError(404, 'No such container: nope'); },
    }));
    expect(io.stderr).toBe('Error response from daemon: No such container: nope\n');
    expect(code).toBe(1);
  });

  it('needs a terminal for a TTY container unless --no-stdin', async () => {
    const client = (seen: string[]) => fakeClient({
      containerWait: async () => ({ result: Promise.resolve({ StatusCode: 0 }) }),
      containerInspect: async () => inspected({}, { Tty: true, OpenStdin: true }),
      containerAttach: async (_id, o) => { seen.push(`stdin=${o.stdin}`); return connOf([enc('raw\r\n')]); },
    });
    const io = bufferIO();
    expect(await runDocker(io, ['attach', 't'], client([]))).toBe(1);
    expect(io.stderr).toBe('the input device is not a TTY\n');
    const seen: string[] = [];
    const io2 = bufferIO();
    expect(await runDocker(io2, ['attach', '--no-stdin', 't'], client(seen))).toBe(0);
    expect(seen).toEqual(['stdin=false']);
    expect(io2.stdout).toBe('raw\r\n');
  });

  it('detaches on the keys at a terminal: "read escape sequence", status 1, nothing of the keys sent', async () => {
    const written: string[] = [];
    let release!: () => void;
    const hold = new Promise<void>((r) => { release = r; });
    let conn!: ReturnType<typeof connOf>;
    const resizes: string[] = [];
    const io = bufferIO({ tty: true, rows: 30, cols: 100 });
    const done = runDocker(io, ['attach', '--detach-keys', 'ctrl-a,x', 's'], fakeClient({
      containerWait: async () => ({ result: new Promise(() => {}) }),
      containerInspect: async () => inspected({}, { Tty: true, OpenStdin: true }),
      containerAttach: async (_id, o) => { expect(o.detachKeys).toBe('ctrl-a,x'); conn = connOf([enc('/ # ')], { written, hold }); return conn; },
      containerResize: async (_id, h, w) => { resizes.push(`${h}x${w}`); },
    }));
    io.feed('ls\r');
    await new Promise((r) => setTimeout(r, 5));
    io.feed('\x01x');
    const code = await done;
    release();
    expect(written).toEqual(['ls\r']);
    expect(conn.cancelled).toBe(true);
    expect(io.stderr).toBe('read escape sequence\n');
    expect(code).toBe(1);
    // one size bigger first so a re-attached shell redraws, then the real one
    expect(resizes).toEqual(['31x101', '30x100']);
    io.signal(SIGWINCH);
    expect(resizes.length).toBe(2);
  });

  it('forwards signals to a non-TTY container unless --sig-proxy=false', async () => {
    for (const [args, want] of [[['attach', 'p'], ['INT']], [['attach', '--sig-proxy=false', 'p'], []]] as const) {
      const kills: string[] = [];
      let end!: () => void;
      const io = bufferIO();
      const done = runDocker(io, [...args], fakeClient({
        containerWait: async () => ({ result: Promise.resolve({ StatusCode: 130 }) }),
        containerInspect: async () => inspected({}),
        containerAttach: async () => connOf([], { hold: new Promise((r) => { end = r; }) }),
        containerKill: async (_id, sig) => { kills.push(String(sig)); end(); },
      }));
      await new Promise((r) => setTimeout(r, 5));
      io.signal(SIGINT);
      if (!want.length) end();
      expect(await done).toBe(130);
      expect(kills).toEqual(want);
    }
  });

  it('takes exactly one container', async () => {
    const io = bufferIO();
    expect(await runDocker(io, ['attach', 'a', 'b'], fakeClient({}))).toBe(1);
    expect(io.stderr).toBe("docker: 'docker attach' requires 1 argument\n\nUsage:  docker attach [OPTIONS] CONTAINER\n\nRun 'docker attach --help' for more information\n");
  });
});
