import { describe, expect, it } from 'vitest';
import { withDaemonDefaults } from './host-config.ts';

describe('withDaemonDefaults', () => {
  it('fills what dockerd fills for a plain `docker run`', () => {
    const h = withDaemonDefaults({ NetworkMode: 'default', LogConfig: { Type: '', Config: {} }, RestartPolicy: { Name: 'no' } });
    expect(h.NetworkMode).toBe('bridge');
    expect(h.LogConfig).toEqual({ Type: 'json-file', Config: {} });
    expect(h.RestartPolicy).toEqual({ Name: 'no', MaximumRetryCount: 0 });
    expect(h.CgroupnsMode).toBe('private');
    expect(h.IpcMode).toBe('private');
    expect(h.ShmSize).toBe(67108864);
    expect(h.Runtime).toBe('runc');
    expect(h.OomKillDisable).toBe(false);
    expect(h.PidsLimit).toBeNull();
    expect(h.ReadonlyPaths).toEqual(['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']);
    expect(h.MaskedPaths).toContain('/proc/interrupts');
    expect('Mounts' in h).toBe(false);
  });

  it('keeps the Go struct order that docker inspect prints', () => {
    const keys = Object.keys(withDaemonDefaults({}));
    expect(keys.slice(0, 5)).toEqual(['Binds', 'ContainerIDFile', 'LogConfig', 'NetworkMode', 'PortBindings']);
    expect(keys.indexOf('Isolation')).toBeLessThan(keys.indexOf('CpuShares'));
    expect(keys.slice(-2)).toEqual(['MaskedPaths', 'ReadonlyPaths']);
  });

  it('doubles a memory limit for memory+swap when none is given, and keeps named networks', () => {
    const h = withDaemonDefaults({ Memory: 6 * 1024 * 1024, NetworkMode: 'host', PidsLimit: 10 });
    expect(h.MemorySwap).toBe(12 * 1024 * 1024);
    expect(h.NetworkMode).toBe('host');
    expect(h.PidsLimit).toBe(10);
    expect(withDaemonDefaults({ Privileged: true }).MaskedPaths).toBeNull();
  });
});
