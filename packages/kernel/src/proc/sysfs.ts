// sysfs, just enough: /sys/fs/cgroup as the cgroup2 mount point and
// /sys/class/net for the network devices of the mounter's network namespace
// (one instance per network namespace, as Linux's sysfs is).

import type { Kernel } from '../kernel.ts';
import type { FilesystemType } from '../vfs/filesystem.ts';
import type { Proc } from '../process/proc.ts';
import type { NetDev, NetNs } from '../ns/namespaces.ts';
import { synthFilesystem, type SynthDir, type SynthEntry } from '../fs/synth.ts';

const ro = (v: () => string): SynthEntry => ({ kind: 'file', read: () => v() + '\n' });

function netDevDir(d: NetDev): SynthDir {
  return {
    kind: 'dir', mode: 0o755,
    children: {
      address: ro(() => d.mac), addr_len: ro(() => '6'), broadcast: ro(() => '00:00:00:00:00:00'),
      ifindex: ro(() => String(d.ifindex)), iflink: ro(() => String(d.ifindex)), mtu: ro(() => String(d.mtu)),
      operstate: ro(() => (d.name === 'lo' ? 'unknown' : 'up')), carrier: ro(() => '1'),
      flags: ro(() => '0x' + (d.flags & 0xffff).toString(16)), type: ro(() => (d.name === 'lo' ? '772' : '1')),
      tx_queue_len: ro(() => '1000'),
      statistics: { kind: 'dir', mode: 0o755, children: {
        rx_bytes: ro(() => String(d.rxBytes)), tx_bytes: ro(() => String(d.txBytes)),
        rx_packets: ro(() => String(d.rxPackets)), tx_packets: ro(() => String(d.txPackets)),
      } },
    },
  };
}

function netDir(net: NetNs): SynthDir {
  return {
    kind: 'dir', mode: 0o755,
    list: () => net.devs.map((d) => d.name),
    get: (name) => {
      const d = net.devs.find((x) => x.name === name);
      return d ? { kind: 'link', target: () => `../../devices/virtual/net/${d.name}` } : undefined;
    },
  };
}

const d = (children: Record<string, SynthEntry> = {}): SynthDir => ({ kind: 'dir', mode: 0o755, children });
/** What does not depend on the network namespace: one spec shared by every instance (a container each). */
const FS = d({ cgroup: d(), fuse: d(), bpf: d() });
const KERNEL = d({ mm: d(), security: d() });
const EMPTY_DIR = d();

export function sysfsType(k: Kernel): FilesystemType {
  return synthFilesystem('sysfs', (req) => {
    const p = req.ctx?.task as Proc | undefined;
    const net = p ? p.ns.net : k.initNs.net;
    return d({
      fs: FS,
      class: d({ net: netDir(net) }),
      devices: d({ virtual: d({ net: { kind: 'dir', mode: 0o755, list: () => net.devs.map((x) => x.name),
        get: (name) => { const x = net.devs.find((y) => y.name === name); return x ? netDevDir(x) : undefined; } } }) }),
      kernel: KERNEL,
      module: EMPTY_DIR, block: EMPTY_DIR, bus: EMPTY_DIR, dev: EMPTY_DIR, firmware: EMPTY_DIR, hypervisor: EMPTY_DIR, power: EMPTY_DIR,
    });
  }, { source: 'sysfs', instanceKey: (req) => ((req.ctx?.task as Proc | undefined)?.ns.net ?? k.initNs.net) });
}
