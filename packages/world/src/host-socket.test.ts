import { describe, expect, it } from 'vitest';
import { EngineClient } from '@dockersim/engine-api';
import { createWorld } from './world.ts';
import { GATEWAY_PATH } from './host-socket.ts';

const hostYield = () => new Promise<void>((r) => setImmediate(r));

describe('host gateway', () => {
  it('reaches dockerd through /var/run/docker.sock as a process of the host, its messages in the trace', async () => {
    const world = await createWorld({ hostYield });
    const calls: { pid?: number; what: string; data?: unknown }[] = [];
    world.onTrace((ev) => calls.push(ev));
    const gw = await world.hostGateway();
    const proc = world.kernel.processes().find((p) => p.pid === gw.pid);
    expect(proc?.comm).toBe('dockersim-gatew');
    expect(proc?.argv).toEqual([GATEWAY_PATH]);
    expect(world.kernel.fs.exists(GATEWAY_PATH)).toBe(true);

    const client = new EngineClient(gw.transport());
    const v = await client.serverVersion();
    expect(v.Version).toBe('28.2.2');
    const mine = calls.filter((c) => c.pid === gw.pid).map((c) => c.what);
    // the request and its answer cross docker.sock as the gateway's messages
    expect(mine).toEqual(expect.arrayContaining(['GET /v1.50/version', 'HTTP 200']));

    gw.close();
    await world.runUntilIdle();
    expect(world.kernel.processes().some((p) => p.pid === gw.pid && p.state !== 'Z')).toBe(false);
  });
});
