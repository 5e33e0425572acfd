// /proc/sys: the kernel's sysctls that containers and Docker look at. Values
// that belong to a namespace (hostname, ip_forward) come from the reader's.

import { EINVAL, EPERM, SysError } from '../abi/errno.ts';
import type { Kernel } from '../kernel.ts';
import type { FsContext } from '../vfs/node.ts';
import type { Proc } from '../process/proc.ts';
import type { SynthDir, SynthEntry } from '../fs/synth.ts';
import { bootId } from './files.ts';

const dec = new TextDecoder();

function value(read: (ctx: FsContext) => string, write?: (v: string, ctx: FsContext) => void): SynthEntry {
  return {
    kind: 'file', mode: write ? 0o644 : 0o444, read: (ctx) => read(ctx) + '\n',
    write: write ? (d, ctx) => {
      const p = ctx.task as Proc | undefined;
      if (p && p.euid !== 0) throw new SysError(EPERM);
      write(dec.decode(d).replace(/\n$/, ''), ctx);
    } : undefined,
  };
}

function dir(children: Record<string, SynthEntry>): SynthDir { return { kind: 'dir', children }; }

export function sysDir(k: Kernel): SynthDir {
  const me = (ctx: FsContext): Proc => (ctx.task as Proc | undefined) ?? k.hostInit()!;
  const net = (ctx: FsContext) => me(ctx).ns.net;
  return dir({
    kernel: dir({
      hostname: value((c) => me(c).ns.uts.hostname, (v, c) => { if (v.length > 64) throw new SysError(EINVAL); me(c).ns.uts.hostname = v; }),
      domainname: value((c) => me(c).ns.uts.domainname, (v, c) => { me(c).ns.uts.domainname = v; }),
      ostype: value(() => 'Linux'),
      osrelease: value(() => k.release),
      version: value(() => k.version),
      pid_max: value(() => String(k.pidMax)),
      threads_max: value(() => '126906'),
      ngroups_max: value(() => '65536'),
      cap_last_cap: value(() => '40'),
      random: dir({ boot_id: value(() => k.bootId), uuid: value(() => bootId(k.rng)) }),
    }),
    net: dir({
      core: dir({ somaxconn: value(() => '4096') }),
      ipv4: dir({
        ip_forward: value((c) => (net(c).ipForward ? '1' : '0'), (v, c) => { net(c).ipForward = v.trim() === '1'; }),
        ip_local_port_range: value(() => '32768\t60999'),
        ping_group_range: value(() => '1\t0'),
        conf: dir({}),
      }),
      ipv6: dir({ conf: dir({}) }),
      unix: dir({ max_dgram_qlen: value(() => '512') }),
      netfilter: dir({}),
      // br_netfilter's switches (the module is loaded, as Docker makes sure)
      bridge: dir({
        'bridge-nf-call-iptables': value((c) => (net(c).brNfCallIptables ? '1' : '0'), (v, c) => { net(c).brNfCallIptables = v.trim() === '1'; }),
        'bridge-nf-call-ip6tables': value(() => '1'),
        'bridge-nf-call-arptables': value(() => '1'),
      }),
    }),
    vm: dir({ overcommit_memory: value(() => '0'), swappiness: value(() => '60'), max_map_count: value(() => '65530') }),
    fs: dir({ 'file-max': value(() => '9223372036854775807'), 'nr_open': value(() => '1048576'),
      inotify: dir({ max_user_watches: value(() => '65536'), max_user_instances: value(() => '128') }) }),
    user: dir({ max_user_namespaces: value(() => '63423') }),
  });
}
