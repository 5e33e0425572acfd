// A container as dockerd keeps it: its configuration, its state machine
// (created → running → exited, restarting, removing, dead) and the views the
// API gives of it (inspect, list summary, status string).

import type {
  ContainerConfig, ContainerInspect, ContainerState, ContainerSummary, HostConfig, Port,
} from '@dockersim/engine-api';
import { humanDuration } from '@dockersim/image';
import { rfc3339Nano } from './time.ts';
import type { StdioHub } from './stdio.ts';
import type { MountPoint } from './volumes/parse.ts';
import { mountViews } from './volumes/hooks.ts';
import { healthSuffix, healthView, type HealthState } from './health.ts';
import type { RestartState } from './restart.ts';

export interface Container {
  id: string;
  name: string;                 // without the leading slash
  created: number;              // epoch ms
  path: string;
  args: string[];
  config: ContainerConfig;
  hostConfig: HostConfig;
  imageId: string;              // sha256:...
  imageRef: string;             // what the user asked for ("alpine")
  state: ContainerState['Status'];
  pid: number;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  startedAt: number;
  finishedAt: number;
  restartCount: number;
  /** overlay2 directory id of the container's read-write layer */
  layerId: string;
  lowerDirs: string[];
  hostnamePath: string;
  hostsPath: string;
  resolvConfPath: string;
  logPath: string;
  stdio?: StdioHub;
  execIds: Set<string>;
  /** waiters for the next exit / removal */
  exitWaiters: ((code: number) => void)[];
  removeWaiters: (() => void)[];
  /** a stop in progress resolves these when the task exits */
  stopping?: Promise<void>;
  hasBeenStarted: boolean;
  /** tasks.Create/Start in flight; an exit seen meanwhile waits in pendingExit */
  starting?: boolean;
  pendingExit?: number;
  manualStop: boolean;
  /** Volumes, binds and tmpfs mounts (moby's container.MountPoints), set at create. */
  mountPoints: MountPoint[];
  /** State.Health, once a health check has run the container (health.ts). */
  health?: HealthState;
  /** The restart manager's back-off and cancel flag (restart.ts). */
  restartManager?: RestartState;
}

export function statusString(c: Container, now: number): string {
  switch (c.state) {
    case 'running': return `Up ${humanDuration(now - c.startedAt)}${healthSuffix(c)}`;
    case 'paused': return `Up ${humanDuration(now - c.startedAt)} (Paused)`;
    case 'restarting': return `Restarting (${c.exitCode}) ${humanDuration(now - c.finishedAt)} ago`;
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
    case 'created': return 'Created';
    case 'exited':
      return c.finishedAt ? `Exited (${c.exitCode}) ${humanDuration(now - c.finishedAt)} ago` : 'Created';
  }
}

function stateView(c: Container): ContainerState {
  return {
    Status: c.state,
    Running: c.state === 'running' || c.state === 'paused' || c.state === 'restarting',
    Paused: c.state === 'paused',
    Restarting: c.state === 'restarting',
    OOMKilled: c.oomKilled,
    Dead: c.state === 'dead',
    Pid: c.pid,
    ExitCode: c.exitCode,
    Error: c.error,
    StartedAt: rfc3339Nano(c.startedAt),
    FinishedAt: rfc3339Nano(c.finishedAt),
    ...(c.health ? { Health: healthView(c) } : {}),
  };
}

/** The daemon's "Command" column: path and args, args with spaces in single quotes. */
export function commandString(c: Container): string {
  if (!c.args.length) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

export function portsOf(c: Container): Port[] {
  const out: Port[] = [];
  for (const p of Object.keys(c.config.ExposedPorts ?? {})) {
    const [n, proto] = p.split('/');
    out.push({ PrivatePort: Number(n), Type: (proto || 'tcp') as Port['Type'] });
  }
  return out;
}

/** The networks `docker ps` names: the one NetworkMode joins (none of them for container:<id>). */
function summaryNetworks(c: Container): Record<string, object> {
  const mode = c.hostConfig.NetworkMode || 'bridge';
  return mode.startsWith('container:') ? {} : { [mode]: {} };
}

export function summaryOf(c: Container, now: number, imageName: string): ContainerSummary {
  return {
    Id: c.id,
    Names: ['/' + c.name],
    Image: imageName,
    ImageID: c.imageId,
    Command: commandString(c),
    Created: Math.floor(c.created / 1000),
    Ports: portsOf(c),
    Labels: c.config.Labels ?? {},
    State: c.state,
    Status: statusString(c, now),
    HostConfig: { NetworkMode: c.hostConfig.NetworkMode || 'bridge' },
    NetworkSettings: { Networks: summaryNetworks(c) },
    Mounts: mountViews(c),
  };
}

export function inspectOf(c: Container): ContainerInspect {
  const layer = `/var/lib/docker/overlay2/${c.layerId}`;
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created),
    Path: c.path,
    Args: c.args,
    State: stateView(c),
    Image: c.imageId,
    ResolvConfPath: c.resolvConfPath,
    HostnamePath: c.hostnamePath,
    HostsPath: c.hostsPath,
    LogPath: c.logPath,
    Name: '/' + c.name,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: c.execIds.size ? [...c.execIds] : null,
    HostConfig: c.hostConfig,
    GraphDriver: {
      Data: {
        LowerDir: [`${layer}-init/diff`, ...c.lowerDirs].join(':'),
        MergedDir: `${layer}/merged`,
        UpperDir: `${layer}/diff`,
        WorkDir: `${layer}/work`,
      },
      Name: 'overlay2',
    },
    Mounts: mountViews(c),
    Config: c.config,
    NetworkSettings: {
      Bridge: '', SandboxID: '', SandboxKey: '', Ports: {}, HairpinMode: false,
      LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null, EndpointID: '', Gateway: '', GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0, IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', MacAddress: '',
      Networks: {},
    },
  };
}
