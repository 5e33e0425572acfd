// What the layers, cgroups and network panels are sent (side/*.ts make it in
// the worker): plain data read from the world's state, small enough to cross
// postMessage every poll.

// --- layers: an image's layers and a container's overlay ---

export interface LayersRequest {
  /** A container's name or id; default: the newest running one (else the newest). */
  container?: string;
  /** An image when no container is asked for or there is none. */
  image?: string;
  /** A path inside the container (or image) to find the layer it comes from. */
  path?: string;
}

export interface LayerRow {
  /** upper: the container's read-write diff; init: the -init layer; image: a lowerdir from the image. */
  role: 'upper' | 'init' | 'image';
  /** The layer's directory under /var/lib/docker/overlay2 (its cache id). */
  dir: string;
  /** image layers: the uncompressed tar's digest (RootFS.Layers in docker inspect). */
  diffId?: string;
  /** Bytes of file content in the layer (the upper: what the container wrote). */
  size: number;
  /** The Dockerfile instruction that made it, from the image's history. */
  createdBy?: string;
}

export interface UpperEntry {
  path: string;
  kind: 'dir' | 'file' | 'link' | 'whiteout';
  size: number;
  /** Index in `layers` of the lower layer this entry hides (copy-up or whiteout); -1 when new. */
  shadows: number;
}

export interface LayersView {
  /** Every container (running first) and image, to choose from. */
  containers: { id: string; name: string; state: string }[];
  images: string[];
  subject: { kind: 'container'; id: string; name: string; image: string; state: string; merged: string; mounted: boolean;
    /** The overlay mount as mount(8) prints it, while mounted. */
    mount?: string; }
    | { kind: 'image'; id: string; name: string } | null;
  /** Top first: upper, init, then the image's layers from the newest down to the base. */
  layers: LayerRow[];
  /** The image's history entries that made no layer (ENV, CMD, ...). */
  emptyLayers: string[];
  /** What the container has written (its upperdir), paths from its root. */
  upper: UpperEntry[];
  upperTruncated: boolean;
  /** Where the asked path comes from: the index of the topmost layer holding it, -1 when none. */
  probe?: { path: string; from: number; whiteout: boolean; kind: UpperEntry['kind'] | ''; size: number; target?: string };
}

// --- cgroups: each running container's controllers ---

export interface CgroupRow {
  id: string;
  name: string;
  /** The cgroup's directory, as /proc/PID/cgroup names it. */
  path: string;
  memCurrent: number;
  /** null: "max" (no limit). */
  memMax: number | null;
  memPeak: number;
  oomKills: number;
  pidsCurrent: number;
  pidsMax: number | null;
  /** cpu.stat usage_usec. */
  cpuUsageUs: number;
  /** cpu.max: quota and period in µs; quota null for "max". */
  cpuQuotaUs: number | null;
  cpuPeriodUs: number;
}

export interface CgroupsView { uptime: number; ncpu: number; rows: CgroupRow[] }

// --- network: namespaces, devices, bridges, published ports ---

export interface NetDevRow {
  ifindex: number;
  name: string;
  kind: 'loopback' | 'veth' | 'bridge' | 'dummy';
  mac: string;
  addrs: string[];
  up: boolean;
  /** The bridge it is a port of. */
  master?: string;
  /** veth: the other end's namespace (its key in NetworkView.namespaces) and name. */
  peer?: { ns: number; name: string; ifindex: number };
  rxPackets: number;
  txPackets: number;
}

export interface NetNsRow {
  /** The namespace's inode, as /proc/PID/ns/net shows it. */
  inum: number;
  /** "host", or the container's name. */
  label: string;
  containerId?: string;
  pid: number;
  devs: NetDevRow[];
}

export interface PublishedPort {
  proto: string;
  hostIp: string;
  hostPort: number;
  /** Where the DNAT rule in nat/DOCKER sends it. */
  to: string;
  /** The bridge it enters the container through (the rule's `! -i`). */
  bridge: string;
  /** Packets the rule has translated. */
  packets: number;
  /** docker-proxy's host pid, when one listens for it. */
  proxyPid?: number;
}

export interface NetworkView {
  namespaces: NetNsRow[];
  /** Docker's networks by bridge device name. */
  networks: { name: string; bridge: string; subnet: string; gateway: string }[];
  ports: PublishedPort[];
}
