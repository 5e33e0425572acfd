import { describe, expect, it } from 'vitest';
import { makeWorld } from '../testing/world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

/** An interactive shell on a pty: type() feeds keys and returns what the terminal showed since. */
async function session(flavour: 'alpine' | 'debian', argv: string[], path: string, setup?: (w: ReturnType<typeof makeWorld>) => void) {
  const w = makeWorld(flavour, hostYield);
  setup?.(w);
  const pty = w.k.createPty();
  let screen = '';
  const dec = new TextDecoder();
  pty.onOutput((b) => { screen += dec.decode(b); });
  let exited: number | null | undefined;
  const pid = w.k.spawn({ path, argv, env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'TERM=xterm'], cwd: '/', setsid: true, stdin: pty, stdout: pty, stderr: pty });
  w.k.onExit(pid, (s) => { exited = s.code; });
  // a busy shell never goes idle: give up after a number of scheduler rounds
  const settle = async (): Promise<void> => { let n = 0; await w.k.runUntilIdle({ jumpTime: false, until: () => ++n > 3000 }); };
  await settle();
  return {
    w,
    get exited() { return exited; },
    async type(keys: string, opts: { time?: boolean } = {}): Promise<string> {
      screen = '';
      pty.write(keys);
      let n = 0;
      if (opts.time) await w.k.runUntilIdle({ until: () => screen.endsWith('# ') || exited !== undefined || ++n > 3000 });
      else await settle();
      return screen;
    },
    screen: () => screen,
  };
}

describe('interactive ash on a terminal', () => {
  it('prints "/ # ", echoes what is typed and runs the line', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    expect(s.screen()).toBe('/ # ');
    expect(await s.type('echo hi\r')).toBe('echo hi\r\nhi\r\n/ # ');
    expect(await s.type('cd /tmp\r')).toBe('cd /tmp\r\n/tmp # ');
  });
  it('Ctrl-C cancels the line; editing keys and history work', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    expect(await s.type('abc\x03')).toBe('abc^C\r\n/ # ');
    await s.type('echo one\r');
    const out = await s.type('\x1b[A\r');
    expect(out.endsWith('one\r\n/ # ')).toBe(true);
    const edited = await s.type('echo xz\x1b[Dy\r');
    expect(edited.endsWith('xyz\r\n/ # ')).toBe(true);
    expect(await s.type('echo abc\x7f\x7fZ\r')).toContain('aZ\r\n');
  });
  it('Ctrl-C reaches the foreground job, not the shell', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    await s.type('sleep 100\r');
    const out = await s.type('\x03', { time: true });
    expect(out).toContain('/ # ');
    expect(s.exited).toBeUndefined();
    expect(await s.type('echo $?\r')).toBe('echo $?\r\n130\r\n/ # ');
  });
  it('Ctrl-C breaks a loop the shell itself is running', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    await s.type('while :; do :; done\r');
    const out = await s.type('\x03', { time: true });
    expect(out.endsWith('/ # ')).toBe(true);
    expect(await s.type('echo $?\r')).toBe('echo $?\r\n130\r\n/ # ');
  }, 30_000); // thousands of scheduler rounds of a busy loop: slow on a loaded machine, not a speed check
  it('Ctrl-Z stops the foreground job; jobs lists it; fg resumes it', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    await s.type('sleep 100\r');
    const out = await s.type('\x1a', { time: true });
    expect(out).toContain('[1]+  Stopped');
    expect(out.endsWith('/ # ')).toBe(true);
    expect(await s.type('jobs\r')).toContain('[1]+  Stopped');
    await s.type('fg\r');
    const done = await s.type('', { time: true });
    expect(s.exited).toBeUndefined();
    expect(done.endsWith('/ # ')).toBe(true);
  });
  it('Tab completes command names and paths', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    expect(await s.type('ech\t')).toBe('echo ');
    await s.type('\x03');
    expect(await s.type('ls /et\t')).toBe('ls /etc/');
  });
  it('stty reads and changes the terminal', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    expect(await s.type('stty size\r')).toMatch(/^stty size\r\n\d+ \d+\r\n\/ # $/);
    expect(await s.type('stty -echo; stty\r')).toBe('stty -echo; stty\r\nspeed 38400 baud; line = 0;\r\n-echo\r\n/ # ');
  });
  it('Ctrl-D on an empty line exits', async () => {
    const s = await session('alpine', ['sh'], '/bin/sh');
    await s.type('\x04');
    expect(s.exited).toBe(0);
  });
});

describe('interactive bash', () => {
  it('a login shell reads /etc/profile, an interactive one ~/.bashrc', async () => {
    const s = await session('debian', ['-bash'], '/bin/bash', (w) => {
      w.k.fs.writeFile('/etc/profile', 'export FROM_PROFILE=yes\n');
      w.k.fs.writeFile('/root/.bashrc', "alias ll='ls -l'\nPS1='rc\\$ '\n");
      w.k.fs.writeFile('/root/.profile', '. ~/.bashrc\n');
    });
    expect(s.screen()).toBe('rc# ');
    expect(await s.type('echo $FROM_PROFILE; type ll\r')).toBe("echo $FROM_PROFILE; type ll\r\nyes\r\nll is aliased to `ls -l'\r\nrc# ");
  });
  it('uses the \\u@\\h:\\w\\$ prompt', async () => {
    const s = await session('debian', ['bash'], '/bin/bash');
    expect(s.screen()).toBe('root@box:/# ');
    expect(await s.type('cd /root\r')).toBe('cd /root\r\nroot@box:~# ');
  });
});
