import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));

// Served on the wall clock, every second dockerd waits is a second the user waits.
describe('removing a container with published ports', () => {
  it('stops its docker-proxy processes at once, the one without a socket too', async () => {
    const world = await createWorld({ hostYield });
    expect((await world.exec('docker pull alpine')).exitCode).toBe(0);
    expect((await world.exec('docker run -d -p 8080:80 --name pub alpine sleep 100')).exitCode).toBe(0);
    const proxies = await world.exec('ps -e | grep -c docker-proxy');
    expect(proxies.stdout).toBe('2\n');
    const before = world.uptime();
    expect(await world.exec('docker rm -f pub')).toEqual({ stdout: 'pub\n', stderr: '', exitCode: 0 });
    // dockerd gives a proxy 1 s after SIGTERM before it sends SIGKILL
    expect(world.uptime() - before).toBeLessThan(1000);
    expect((await world.exec('ps -e | grep -c docker-proxy')).stdout).toBe('0\n');
  });
});
