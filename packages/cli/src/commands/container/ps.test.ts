// Ported from docker/cli cli/command/container/list_test.go, with its goldens
// (testdata/container-list-*.golden copied from docker/cli v28.2.2).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, Port } from '@dockersim/engine-api';
import { runDocker } from '../../docker.ts';
import { bufferIO, fakeClient } from '../../testing.ts';

const golden = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const NOW = 1_700_000_000_000;

// builders.Container: created a minute ago, "Up 1 minute", busybox:latest running top
function container(name: string, ...b: ((c: ContainerSummary) => void)[]): ContainerSummary {
  const c = { Id: 'container_id', Names: [`/${name}`], Command: 'top', Image: 'busybox:latest', Status: 'Up 1 minute', Created: NOW / 1000 - 60 } as ContainerSummary;
  for (const f of b) f(c);
  return c;
}
const withName = (n: string) => (c: ContainerSummary) => { c.Names.push(`/${n}`); };
const withLabel = (k: string, v: string) => (c: ContainerSummary) => { c.Labels = { ...(c.Labels ?? {}), [k]: v }; };
const withPort = (priv: number, pub: number, type: Port['Type'], ip?: string) => (c: ContainerSummary) => {
  c.Ports = [...(c.Ports ?? []), { PrivatePort: priv, PublicPort: pub, Type: type, ...(ip ? { IP: ip } : {}) }];
};

async function ps(argv: string[], list: ContainerSummary[]) {
  const io = bufferIO({ now: NOW });
  const code = await runDocker(io, ['ps', ...argv], fakeClient({ containerList: async () => list }));
  return { code, out: io.stdout, err: io.stderr };
}

describe('docker ps', () => {
  it('prints the default table (container-list-without-format.golden)', async () => {
    const r = await ps([], [
      container('c1'),
      container('c2', withName('foo')),
      container('c3', withPort(80, 80, 'tcp'), withPort(81, 81, 'tcp'), withPort(82, 82, 'tcp')),
      container('c4', withPort(81, 81, 'udp')),
      container('c5', withPort(82, 82, 'tcp', '8.8.8.8')),
    ]);
    expect(r.out).toBe(golden('container-list-without-format.golden'));
    expect(r.code).toBe(0);
  });
  it('keeps every name with --no-trunc', async () => {
    const r = await ps(['--no-trunc'], [container('c1'), container('c2', withName('foo/bar'))]);
    expect(r.out).toBe(golden('container-list-without-format-no-trunc.golden'));
  });
  it('applies a custom --format', async () => {
    const list = [container('c1', withLabel('some.label', 'value')), container('c2', withName('foo/bar'), withLabel('foo', 'bar'))];
    expect((await ps(['--format', '{{ .Names }} {{ .Image }} {{ .Labels }}'], list)).out).toBe(golden('container-list-with-format.golden'));
    const q = await ps(['--format', '{{ .Names }} {{ .Image }} {{ .Labels }}', '-q'], list);
    expect(q.err).toBe('WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
    expect(q.out).toBe(golden('container-list-quiet.golden'));
  });
  it('passes -a, -n, -s and filters to the API', async () => {
    let seen: unknown;
    const io = bufferIO({ now: NOW });
    await runDocker(io, ['ps', '-a', '-l', '-f', 'status=exited', '-f', 'label=a=b'], fakeClient({ containerList: async (o) => { seen = o; return []; } }));
    expect(seen).toEqual({ all: true, limit: 1, size: false, filters: { status: ['exited'], label: ['a=b'] } });
    expect(io.stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });
  it('asks for sizes when the format uses .Size', async () => {
    let seen: { size?: boolean } = {};
    await runDocker(bufferIO(), ['ps', '--format', '{{.Size}}'], fakeClient({ containerList: async (o) => { seen = o ?? {}; return []; } }));
    expect(seen.size).toBe(true);
  });
  it('truncates COMMAND with an ellipsis and quotes it', async () => {
    const c = container('web', (x) => { x.Command = "sh -c 'sleep 1000; echo done'"; x.Id = 'a'.repeat(64); });
    const r = await ps(['--format', '{{.ID}} {{.Command}}'], [c]);
    // formatter.Ellipsis(command, 20): the first 19 characters and "…", then strconv.Quote
    expect(r.out).toBe(`aaaaaaaaaaaa "sh -c 'sleep 1000; …"\n`);
  });
  it('reports template errors like docker (formatter tests)', async () => {
    const r = await ps(['--format', '{{InvalidFunction}}'], []);
    expect(r.err).toBe('failed to parse template: template: :1: function "InvalidFunction" not defined\n');
    expect(r.code).toBe(1);
  });
});

describe('docker port (port_test.go goldens)', () => {
  const cases: [string, string[], string | undefined][] = [
    ['container-port-ipv4', ['0.0.0.0'], '80'],
    ['container-port-ipv6', ['::'], '80'],
    ['container-port-ipv6-and-ipv4', ['::', '0.0.0.0'], '80'],
    ['container-port-ipv6-and-ipv4-443-udp', ['::', '0.0.0.0'], '443/udp'],
    ['container-port-all-ports', ['::', '0.0.0.0'], undefined],
  ];
  for (const [name, ips, p] of cases) {
    it(name, async () => {
      const ports = {
        '80/tcp': ips.map((ip) => ({ HostIp: ip, HostPort: '3456' })),
        '443/tcp': ips.map((ip) => ({ HostIp: ip, HostPort: '4567' })),
        '443/udp': ips.map((ip) => ({ HostIp: ip, HostPort: '5678' })),
      };
      const io = bufferIO();
      await runDocker(io, ['port', 'some_container', ...(p ? [p] : [])], fakeClient({ containerInspect: async () => ({ NetworkSettings: { Ports: ports } }) as never }));
      expect(io.stdout).toBe(golden(`${name}.golden`));
    });
  }
});
