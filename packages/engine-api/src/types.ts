// Engine API v1.50 (Docker 28.2) data types: the JSON that crosses the API,
// with Docker's field names. Only fields the emulator fills are listed; every
// one of them means what Docker's API reference says it means.

export const API_VERSION = '1.50';
export const MIN_API_VERSION = '1.24';

export type Labels = Record<string, string>;

export interface HealthConfig {
  Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number;
  StartInterval?: number; Retries?: number;
}

/** Container configuration that is portable between hosts (POST /containers/create body). */
export interface ContainerConfig {
  Hostname?: string; Domainname?: string; User?: string;
  AttachStdin?: boolean; AttachStdout?: boolean; AttachStderr?: boolean;
  ExposedPorts?: Record<string, object>;
  Tty?: boolean; OpenStdin?: boolean; StdinOnce?: boolean;
  Env?: string[]; Cmd?: string[] | null; Healthcheck?: HealthConfig;
  ArgsEscaped?: boolean; Image?: string; Volumes?: Record<string, object> | null;
  WorkingDir?: string; Entrypoint?: string[] | null; NetworkDisabled?: boolean;
  OnBuild?: string[] | null; Labels?: Labels; StopSignal?: string; StopTimeout?: number;
  Shell?: string[];
}

export interface RestartPolicy { Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure'; MaximumRetryCount?: number }
export interface PortBinding { HostIp: string; HostPort: string }
export interface Mount {
  Type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster'; Source?: string; Target: string;
  ReadOnly?: boolean; Consistency?: string;
  BindOptions?: { Propagation?: string; NonRecursive?: boolean; CreateMountpoint?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Labels; DriverConfig?: { Name?: string; Options?: Record<string, string> }; Subpath?: string };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number; Options?: string[][] };
}

export interface HostConfig {
  Binds?: string[] | null; ContainerIDFile?: string;
  LogConfig?: { Type: string; Config: Record<string, string> };
  NetworkMode?: string; PortBindings?: Record<string, PortBinding[]> | null;
  RestartPolicy?: RestartPolicy; AutoRemove?: boolean; VolumeDriver?: string;
  VolumesFrom?: string[] | null; Mounts?: Mount[]; ConsoleSize?: [number, number];
  Annotations?: Record<string, string> | null;
  CapAdd?: string[] | null; CapDrop?: string[] | null; CgroupnsMode?: string;
  Dns?: string[] | null; DnsOptions?: string[] | null; DnsSearch?: string[] | null;
  ExtraHosts?: string[] | null; GroupAdd?: string[] | null; IpcMode?: string; Cgroup?: string;
  Links?: string[] | null; OomScoreAdj?: number; PidMode?: string; Privileged?: boolean;
  PublishAllPorts?: boolean; ReadonlyRootfs?: boolean; SecurityOpt?: string[] | null;
  UTSMode?: string; UsernsMode?: string; ShmSize?: number; Runtime?: string; Isolation?: string;
  Tmpfs?: Record<string, string>; Init?: boolean | null;
  // resources
  CpuShares?: number; Memory?: number; NanoCpus?: number; CgroupParent?: string;
  BlkioWeight?: number; CpuPeriod?: number; CpuQuota?: number; CpusetCpus?: string; CpusetMems?: string;
  MemoryReservation?: number; MemorySwap?: number; MemorySwappiness?: number | null;
  OomKillDisable?: boolean | null; PidsLimit?: number | null;
  BlkioWeightDevice?: unknown[] | null; BlkioDeviceReadBps?: unknown[] | null; BlkioDeviceWriteBps?: unknown[] | null;
  BlkioDeviceReadIOps?: unknown[] | null; BlkioDeviceWriteIOps?: unknown[] | null;
  CpuRealtimePeriod?: number; CpuRealtimeRuntime?: number;
  Devices?: unknown[] | null; DeviceCgroupRules?: string[] | null; DeviceRequests?: unknown[] | null;
  Ulimits?: { Name: string; Hard: number; Soft: number }[] | null;
  CpuCount?: number; CpuPercent?: number; IOMaximumIOps?: number; IOMaximumBandwidth?: number;
  StorageOpt?: Record<string, string>; Sysctls?: Record<string, string>;
  MaskedPaths?: string[] | null; ReadonlyPaths?: string[] | null;
}

export interface EndpointSettings {
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string } | null;
  Links?: string[] | null; Aliases?: string[] | null; MacAddress?: string;
  DriverOpts?: Record<string, string> | null; GwPriority?: number;
  NetworkID?: string; EndpointID?: string; Gateway?: string; IPAddress?: string;
  IPPrefixLen?: number; IPv6Gateway?: string; GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number; DNSNames?: string[] | null;
}

export interface NetworkingConfig { EndpointsConfig?: Record<string, EndpointSettings> }

/** POST /containers/create: Config with HostConfig and NetworkingConfig beside it. */
export interface ContainerCreateBody extends ContainerConfig {
  HostConfig?: HostConfig;
  NetworkingConfig?: NetworkingConfig;
}
export interface ContainerCreateResponse { Id: string; Warnings: string[] }

export interface ContainerState {
  Status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  Running: boolean; Paused: boolean; Restarting: boolean; OOMKilled: boolean; Dead: boolean;
  Pid: number; ExitCode: number; Error: string; StartedAt: string; FinishedAt: string;
  Health?: { Status: 'none' | 'starting' | 'healthy' | 'unhealthy'; FailingStreak: number;
    Log: { Start: string; End: string; ExitCode: number; Output: string }[] };
}

export interface MountPoint {
  Type: string; Name?: string; Source: string; Destination: string; Driver?: string;
  Mode: string; RW: boolean; Propagation: string;
}

/** GET /containers/{id}/json */
export interface ContainerInspect {
  Id: string; Created: string; Path: string; Args: string[]; State: ContainerState;
  Image: string; ResolvConfPath: string; HostnamePath: string; HostsPath: string; LogPath: string;
  Name: string; RestartCount: number; Driver: string; Platform: string; MountLabel: string;
  ProcessLabel: string; AppArmorProfile: string; ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: {
    Bridge: string; SandboxID: string; SandboxKey: string;
    Ports: Record<string, PortBinding[] | null>; HairpinMode: boolean;
    LinkLocalIPv6Address: string; LinkLocalIPv6PrefixLen: number;
    SecondaryIPAddresses: null; SecondaryIPv6Addresses: null;
    EndpointID: string; Gateway: string; GlobalIPv6Address: string; GlobalIPv6PrefixLen: number;
    IPAddress: string; IPPrefixLen: number; IPv6Gateway: string; MacAddress: string;
    Networks: Record<string, EndpointSettings>;
  };
  SizeRw?: number; SizeRootFs?: number;
}

export interface Port { IP?: string; PrivatePort: number; PublicPort?: number; Type: 'tcp' | 'udp' | 'sctp' }

/** GET /containers/json entries */
export interface ContainerSummary {
  Id: string; Names: string[]; Image: string; ImageID: string; Command: string; Created: number;
  Ports: Port[]; SizeRw?: number; SizeRootFs?: number; Labels: Labels; State: string; Status: string;
  HostConfig: { NetworkMode: string; Annotations?: Record<string, string> };
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

export interface ContainerWaitResponse { StatusCode: number; Error?: { Message: string } | null }
export interface ContainerTopResponse { Titles: string[]; Processes: string[][] }

export interface ExecConfig {
  AttachStdin?: boolean; AttachStdout?: boolean; AttachStderr?: boolean; ConsoleSize?: [number, number] | null;
  DetachKeys?: string; Tty?: boolean; Env?: string[] | null; Cmd: string[]; Privileged?: boolean;
  User?: string; WorkingDir?: string;
}
export interface ExecInspect {
  CanRemove: boolean; ContainerID: string; DetachKeys: string; ExitCode: number | null; ID: string;
  OpenStderr: boolean; OpenStdin: boolean; OpenStdout: boolean; Running: boolean; Pid: number;
  ProcessConfig: { arguments: string[]; entrypoint: string; privileged: boolean; tty: boolean; user: string };
}

/** GET /images/json entries */
export interface ImageSummary {
  Containers: number; Created: number; Id: string; Labels: Labels | null; ParentId: string;
  RepoDigests: string[]; RepoTags: string[]; SharedSize: number; Size: number;
}

/** GET /images/{name}/json */
export interface ImageInspect {
  Id: string; RepoTags: string[]; RepoDigests: string[]; Parent: string; Comment: string;
  Created: string; DockerVersion: string; Author: string; Config: ContainerConfig;
  Architecture: string; Variant?: string; Os: string; Size: number;
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** POST /build query parameters. version "1" is the classic builder, "2" BuildKit. */
export interface BuildQuery {
  dockerfile: string; t: string[]; buildargs: Record<string, string | null>; labels: Record<string, string>;
  target: string; nocache: boolean; pull: boolean; q: boolean; rm: boolean; forcerm: boolean; version: '1' | '2';
}
export interface BuildCachePruneResponse { CachesDeleted: string[] | null; SpaceReclaimed: number }
export interface ImagePruneResponse { ImagesDeleted: ImageDeleteItem[] | null; SpaceReclaimed: number }

export interface ImageHistoryEntry { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }
export interface ImageDeleteItem { Untagged?: string; Deleted?: string }

/** One line of a pull/push/build progress stream (application/json, one object per line). */
export interface ProgressMessage {
  status?: string; id?: string; progress?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string; error?: string; errorDetail?: { message: string; code?: number };
  aux?: unknown;
}

export interface VersionResponse {
  Platform: { Name: string };
  Components: { Name: string; Version: string; Details?: Record<string, string> }[];
  Version: string; ApiVersion: string; MinAPIVersion: string; GitCommit: string; GoVersion: string;
  Os: string; Arch: string; KernelVersion: string; BuildTime: string; Experimental?: boolean;
}

/** GET /info: the fields `docker info` prints. */
export interface SystemInfo {
  ID: string; Containers: number; ContainersRunning: number; ContainersPaused: number;
  ContainersStopped: number; Images: number; Driver: string; DriverStatus: [string, string][];
  Plugins: { Volume: string[]; Network: string[]; Authorization: string[] | null; Log: string[] };
  MemoryLimit: boolean; SwapLimit: boolean; CpuCfsPeriod: boolean; CpuCfsQuota: boolean;
  CPUShares: boolean; CPUSet: boolean; PidsLimit: boolean; IPv4Forwarding: boolean;
  Debug: boolean; NFd: number; OomKillDisable: boolean; NGoroutines: number; SystemTime: string;
  LoggingDriver: string; CgroupDriver: string; CgroupVersion: string; NEventsListener: number;
  KernelVersion: string; OperatingSystem: string; OSVersion: string; OSType: string;
  Architecture: string; IndexServerAddress: string; NCPU: number; MemTotal: number;
  DockerRootDir: string; Name: string; Labels: string[]; ExperimentalBuild: boolean;
  ServerVersion: string; Runtimes: Record<string, { path: string }>; DefaultRuntime: string;
  Swarm: { NodeID: string; NodeAddr: string; LocalNodeState: string; ControlAvailable: boolean; Error: string; RemoteManagers: null | { NodeID: string; Addr: string }[] };
  LiveRestoreEnabled: boolean; Isolation: string; InitBinary: string;
  ContainerdCommit: { ID: string }; RuncCommit: { ID: string }; InitCommit: { ID: string };
  SecurityOptions: string[]; Warnings: string[] | null;
  RegistryConfig?: unknown; HttpProxy: string; HttpsProxy: string; NoProxy: string;
}

/** GET /events entries */
export interface EventMessage {
  Type: 'container' | 'image' | 'network' | 'volume' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config';
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local' | 'swarm';
  time: number; timeNano: number;
  status?: string; id?: string; from?: string;
}

/** An error body: {"message": "..."}. */
export interface ErrorBody { message: string }
