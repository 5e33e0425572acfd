import { rangeArgs, StatusError, type Command } from '../../cobra/command.ts';

function joinHostPort(h: string, p: string) { return h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`; }

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const xa = a.match(re) ?? [], xb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
    const p = xa[i], q = xb[i];
    if (p === q) continue;
    const dp = /^\d/.test(p), dq = /^\d/.test(q);
    if (dp && dq) { const d = Number(p) - Number(q); if (d) return d < 0; return p.length < q.length; }
    return p < q;
  }
  return xa.length < xb.length;
}

/** docker port (container/port.go) */
export const port: Command = {
  use: 'port CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  aliasesText: 'docker container port, docker port',
  args: rangeArgs(1, 2),
  async run(cli, _opts, [id, spec]) {
    let c;
    try { c = await cli.client.containerInspect(id); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    const ports = c.NetworkSettings?.Ports ?? {};
    const out: string[] = [];
    if (spec) {
      const [p, protoIn] = spec.split('/', 2);
      const proto = protoIn || 'tcp';
      if (!/^\d+$/.test(p) || Number(p) > 65535) {
        throw new StatusError(`Error: invalid port (${p}): strconv.ParseUint: parsing ${JSON.stringify(p)}: ${/^\d+$/.test(p) ? 'value out of range' : 'invalid syntax'}`, 1);
      }
      const fronts = ports[`${p}/${proto}`];
      if (!fronts || !fronts.length) throw new StatusError(`Error: No public port '${spec}' published for ${id}`, 1);
      for (const f of fronts) out.push(joinHostPort(f.HostIp, f.HostPort));
    } else {
      for (const [from, fronts] of Object.entries(ports)) for (const f of fronts ?? []) out.push(`${from} -> ${joinHostPort(f.HostIp, f.HostPort)}`);
    }
    if (out.length) {
      out.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0));
      await cli.out(out.join('\n') + '\n');
    }
  },
};
