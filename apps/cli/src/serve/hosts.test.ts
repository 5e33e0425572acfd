import { describe, expect, it } from 'vitest';
import { DEFAULT_UNIX, HostError, dockerHost, isLoopback, parseHost } from './hosts.ts';
import { parseServeArgs } from './serve.ts';

describe('parseHost (dockerd -H syntax)', () => {
  it('reads unix and tcp addresses, with dockerd\'s defaults', () => {
    expect(parseHost('unix:///tmp/x.sock')).toEqual({ proto: 'unix', path: '/tmp/x.sock' });
    expect(parseHost('unix://')).toEqual({ proto: 'unix', path: DEFAULT_UNIX });
    expect(parseHost('tcp://127.0.0.1:2375')).toEqual({ proto: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseHost('tcp://:4243')).toEqual({ proto: 'tcp', host: '127.0.0.1', port: 4243 });
    expect(parseHost('tcp://localhost')).toEqual({ proto: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseHost('127.0.0.1:2376')).toEqual({ proto: 'tcp', host: '127.0.0.1', port: 2376 });
    expect(parseHost('tcp://[::1]:2375')).toEqual({ proto: 'tcp', host: '::1', port: 2375 });
  });

  it('refuses what dockerd refuses', () => {
    expect(() => parseHost('fd://')).toThrow('invalid bind address format: fd://');
    expect(() => parseHost('tcp://127.0.0.1:2375/path')).toThrow(HostError);
    expect(() => parseHost('tcp://127.0.0.1:http')).toThrow('invalid port');
  });

  it('names loopback addresses and the DOCKER_HOST that reaches each', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.2')).toBe(false);
    expect(dockerHost({ proto: 'tcp', host: '::1', port: 2375 })).toBe('tcp://[::1]:2375');
    expect(dockerHost({ proto: 'unix', path: '/tmp/a.sock' })).toBe('unix:///tmp/a.sock');
  });
});

describe('parseServeArgs', () => {
  it('takes -H and --host repeatedly, in dockerd\'s spellings', () => {
    const o = parseServeArgs(['-H', 'unix:///tmp/a.sock', '--host=tcp://127.0.0.1:0', '-Htcp://:2375']);
    expect('hosts' in o && o.hosts).toEqual([
      { proto: 'unix', path: '/tmp/a.sock' },
      { proto: 'tcp', host: '127.0.0.1', port: 0 },
      { proto: 'tcp', host: '127.0.0.1', port: 2375 },
    ]);
  });

  it('listens on the default socket without -H', () => {
    const o = parseServeArgs([]);
    expect('hosts' in o && o.hosts).toEqual([{ proto: 'unix', path: DEFAULT_UNIX }]);
  });

  it('refuses a non-loopback address unless --tls=false says so', () => {
    expect(() => parseServeArgs(['-H', 'tcp://0.0.0.0:2375'])).toThrow(/refusing to serve the API on 0\.0\.0\.0:2375 without TLS/);
    const o = parseServeArgs(['-H', 'tcp://0.0.0.0:2375', '--tls=false']);
    expect('hosts' in o && o.hosts[0]).toEqual({ proto: 'tcp', host: '0.0.0.0', port: 2375 });
  });

  it('refuses unknown flags and a -H without a value', () => {
    expect(() => parseServeArgs(['--bogus'])).toThrow('unknown flag: --bogus');
    expect(() => parseServeArgs(['-H'])).toThrow('flag needs an argument: -H');
  });
});
