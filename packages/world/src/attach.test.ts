// docker attach at a terminal: a TTY container's shell answers through the
// attachment, ctrl-p ctrl-q detaches ("read escape sequence", status 1) and
// leaves it running; a partial escape sequence reaches the container.
import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('docker attach on a terminal', () => {
  it('talks to the TTY, detaches with the keys and leaves the container running', async () => {
    const world = await createWorld({ hostYield });
    expect((await world.exec('docker pull alpine')).exitCode).toBe(0);
    expect((await world.exec('docker run -dit --name box alpine sh')).exitCode).toBe(0);
    const term = world.openTerminal({ cols: 80, rows: 24 });
    let screen = '';
    term.onOutput((d) => { screen += d; });
    const type = async (s: string) => { term.write(s); await world.runUntilIdle(); };
    await world.runUntilIdle();
    await type('docker attach box\r');
    screen = '';
    await type('echo hi from $(hostname)\r');
    expect(screen).toMatch(/hi from [0-9a-f]{12}\r\n/);
    // ctrl-p then x is no escape: both reach the shell's line editor
    await type('\x10');
    await type('\x15');
    screen = '';
    await type('\x10\x11');
    expect(screen).toContain('read escape sequence\r\n');
    await type('echo rc=$?\r');
    expect(screen).toContain('rc=1');
    const r = await world.exec("docker inspect -f '{{.State.Status}}' box");
    expect(r.stdout).toBe('running\n');
    await type('docker attach --detach-keys ctrl-a,x box\r');
    screen = '';
    await type('\x01x');
    expect(screen).toContain('read escape sequence');
    await type('docker attach box\r');
    screen = '';
    await type('exit 7\r');
    await type('echo rc=$?\r');
    expect(screen).toContain('rc=7');
    const events = await world.exec("docker events --since 0 --until 0s --filter event=detach --format '{{.Action}} {{.Actor.Attributes.name}}'");
    expect(events.stdout).toBe('detach box\ndetach box\n');
  }, 60000);
});
