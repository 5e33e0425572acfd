// Volume and network records on disk. The volume service keeps its metadata
// in /var/lib/docker/volumes/metadata.db and libnetwork its user-defined
// networks in /var/lib/docker/network/files/local-kv.db (both bolt databases
// in Docker; JSON documents here). The predefined networks (bridge, host,
// none) are made afresh at each start, as libnetwork does.

import type { Sys } from '@dockersim/kernel';
import type { VolumeStore } from '../volumes/store.ts';
import type { NetController } from '../network/controller.ts';
import { createNetwork } from '../network/api.ts';
import { mkdirAll, readJson, writeJson } from './disk.ts';

const VOLUMES_DB = '/var/lib/docker/volumes/metadata.db';
const NETWORK_DB = '/var/lib/docker/network/files/local-kv.db';

interface SavedVolume { Name: string; Driver: string; CreatedAt: number; Labels: Record<string, string> | null; Options: Record<string, string> | null }

export async function saveVolumes(sys: Sys, vols: VolumeStore): Promise<void> {
  const out: SavedVolume[] = [...vols.volumes.values()].map((v) => ({ Name: v.name, Driver: v.driver, CreatedAt: v.createdAt, Labels: v.labels, Options: v.options }));
  await writeJson(sys, VOLUMES_DB, { volumes: out });
}

export async function loadVolumes(sys: Sys, vols: VolumeStore): Promise<void> {
  const db = await readJson<{ volumes: SavedVolume[] }>(sys, VOLUMES_DB);
  for (const v of db?.volumes ?? []) {
    try { sys.stat(`/var/lib/docker/volumes/${v.Name}/_data`); } catch { continue; }
    if (!vols.volumes.has(v.Name)) vols.volumes.set(v.Name, { name: v.Name, driver: v.Driver, createdAt: v.CreatedAt, labels: v.Labels, options: v.Options, refs: new Set(), active: 0 });
  }
}

interface SavedNetwork {
  Id: string; Name: string; Created: number; Internal: boolean; Attachable: boolean; Bridge: string;
  Options: Record<string, string>; Labels: Record<string, string>;
  IPAM: { Config: { Subnet?: string; IPRange?: string; Gateway?: string }[] | null; Options: Record<string, string> | null; User: boolean };
}

export async function saveNetworks(sys: Sys, net: NetController): Promise<void> {
  const out: SavedNetwork[] = net.store.list().filter((n) => !n.predefined).sort((a, b) => a.created - b.created).map((n) => ({
    Id: n.id, Name: n.name, Created: n.created, Internal: n.internal, Attachable: n.attachable, Bridge: n.bridge,
    Options: n.options, Labels: n.labels, IPAM: { Config: n.ipamConfig, Options: n.ipamOptions, User: n.userSubnet },
  }));
  mkdirAll(sys, '/var/lib/docker/network/files');
  await writeJson(sys, NETWORK_DB, { networks: out });
}

/** Recreates the user-defined networks in creation order (so unspecified subnets come back the same), with their ids. */
export async function loadNetworks(sys: Sys, net: NetController): Promise<void> {
  const db = await readJson<{ networks: SavedNetwork[] }>(sys, NETWORK_DB);
  for (const s of db?.networks ?? []) {
    if (net.store.byName(s.Name)) continue;
    try {
      createNetwork(net, {
        Name: s.Name, Driver: 'bridge', Internal: s.Internal, Attachable: s.Attachable, Labels: s.Labels,
        Options: { ...s.Options, 'com.docker.network.bridge.name': s.Bridge },
        IPAM: { Driver: 'default', Config: s.IPAM.User ? s.IPAM.Config ?? [] : [], Options: s.IPAM.Options ?? undefined },
      });
    } catch { continue; }
    const n = net.store.byName(s.Name)!;
    net.store.delete(n);
    n.id = s.Id;
    n.created = s.Created;
    n.options = s.Options;
    net.store.add(n);
  }
}
