// The OCI runtime spec (config.json) as runc reads it: only the fields the
// simulation gives meaning to. Names and shapes follow
// opencontainers/runtime-spec's specs-go, so a bundle written by containerd
// reads the same here.

export type OciNamespaceType = 'pid' | 'network' | 'mount' | 'ipc' | 'uts' | 'user' | 'cgroup';

export interface OciMount { destination: string; type?: string; source?: string; options?: string[] }

export interface OciDevice { path: string; type: 'c' | 'b' | 'u' | 'p'; major?: number; minor?: number; fileMode?: number; uid?: number; gid?: number }

export interface OciSpec {
  ociVersion: string;
  process: OciProcess;
  root: { path: string; readonly?: boolean };
  hostname?: string;
  domainname?: string;
  mounts: OciMount[];
  linux: {
    namespaces: { type: OciNamespaceType; path?: string }[];
    cgroupsPath: string;
    resources?: {
      memory?: { limit?: number; swap?: number; reservation?: number };
      pids?: { limit: number };
      cpu?: { quota?: number; period?: number; shares?: number; cpus?: string };
    };
    devices?: OciDevice[];
    maskedPaths?: string[];
    readonlyPaths?: string[];
    sysctl?: Record<string, string>;
  };
  annotations?: Record<string, string>;
}

export interface OciProcess {
  terminal: boolean;
  consoleSize?: { height: number; width: number };
  user: { uid: number; gid: number; additionalGids?: number[]; umask?: number; username?: string };
  args: string[];
  env: string[];
  cwd: string;
  capabilities?: Record<string, string[]>;
  rlimits?: { type: string; hard: number; soft: number }[];
  noNewPrivileges?: boolean;
  oomScoreAdj?: number;
}

/** The runtime state of the OCI spec ("runc state" prints it, with owner and rootfs added). */
export type OciStatus = 'creating' | 'created' | 'running' | 'stopped' | 'paused';
