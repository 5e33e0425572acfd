// ctr, containerd's own client (containerd 1.7): containers, tasks, images,
// snapshots and namespaces of one namespace (-n/--namespace, default
// "default", or $CONTAINERD_NAMESPACE), asked over containerd's socket.
// Docker 28 with the overlay2 graph driver keeps images and layers itself,
// so in the "moby" namespace containerd knows containers and tasks only.

import { AF_UNIX, ECONNREFUSED, ENOENT, SOCK_SEQPACKET, isSysError, type ProcessContext, type Program, type Sys } from '@dockersim/kernel';
import { rfc3339Nano } from '@dockersim/image';
import { CONTAINERD_SOCKET, type RpcRequest, type RpcResponse } from '../api.ts';
import { CONTAINERD_VERSION } from '../daemon/main.ts';
import { tabwriter } from './tabwriter.ts';

class CtrError extends Error {}

async function rpc<T>(sys: Sys, address: string, namespace: string, service: string, method: string, req: unknown = {}): Promise<T> {
  const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
  try {
    try { await sys.connect(fd, { path: address }); } catch (e) {
      if (!isSysError(e)) throw e;
      throw new CtrError(`failed to dial "${address}": connection error: desc = "transport: error while dialing: dial unix://${address}: connect: ${e.errno === ENOENT ? 'no such file or directory' : e.errno === ECONNREFUSED ? 'connection refused' : 'permission denied'}"`);
    }
    await sys.sendmsg(fd, { service, method, namespace, req } satisfies RpcRequest);
    const res = (await sys.recvmsg(fd)) as RpcResponse | null;
    if (!res) throw new CtrError('rpc error: code = Unavailable desc = error reading from server: EOF');
    if (!res.ok) throw new CtrError(res.error.message);
    return res.res as T;
  } finally {
    try { sys.close(fd); } catch { /* closed */ }
  }
}

const GROUPS: Record<string, string> = {
  containers: 'containers', container: 'containers', c: 'containers',
  tasks: 'tasks', task: 'tasks', t: 'tasks',
  images: 'images', image: 'images', i: 'images',
  snapshots: 'snapshots', snapshot: 'snapshots',
  namespaces: 'namespaces', namespace: 'namespaces', ns: 'namespaces',
  version: 'version',
};

const HELP = `NAME:
   ctr - 
        __
  _____/ /______
 / ___/ __/ ___/
/ /__/ /_/ /
\\___/\\__/_/

containerd CLI


USAGE:
   ctr [global options] command [command options] [arguments...]

VERSION:
   ${CONTAINERD_VERSION}

DESCRIPTION:
   
ctr is an unsupported debug and administrative client for interacting
with the containerd daemon. Because it is unsupported, the commands,
options, and operations are not guaranteed to be backward compatible or
stable from release to release of the containerd project.

COMMANDS:
   containers, c, container    Manage containers
   images, image, i            Manage images
   namespaces, namespace, ns   Manage namespaces
   snapshots, snapshot         Manage snapshots
   tasks, t, task              Manage tasks
   version                     Print the client and server versions

GLOBAL OPTIONS:
   --address value, -a value    Address for containerd's GRPC server (default: "/run/containerd/containerd.sock") [$CONTAINERD_ADDRESS]
   --namespace value, -n value  Namespace to use with commands (default: "default") [$CONTAINERD_NAMESPACE]
   --help, -h                   show help
   --version, -v                print the version
`;

async function run(sys: Sys, argv: string[], env: string[]): Promise<string> {
  const getenv = (k: string): string | undefined => env.find((e) => e.startsWith(`${k}=`))?.slice(k.length + 1);
  let namespace = getenv('CONTAINERD_NAMESPACE') || 'default';
  let address = getenv('CONTAINERD_ADDRESS') || CONTAINERD_SOCKET;
  const args = argv.slice(1);
  while (args.length && args[0]!.startsWith('-')) {
    const a = args.shift()!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '-n' || flag === '--namespace') namespace = inline ?? args.shift() ?? '';
    else if (flag === '-a' || flag === '--address') address = inline ?? args.shift() ?? '';
    else if (flag === '-h' || flag === '--help') return HELP;
    else if (flag === '-v' || flag === '--version') return `ctr containerd.io ${CONTAINERD_VERSION}\n`;
    else throw new CtrError(`flag provided but not defined: ${flag.replace(/^-+/, '-')}`);
  }
  const group = GROUPS[args[0] ?? ''];
  if (!group) {
    if (!args.length) return HELP;
    throw new CtrError(`No help topic for '${args[0]}'`);
  }
  if (group === 'version') {
    return `Client:\n  Version:  ${CONTAINERD_VERSION}\n  Revision: 05044ec0a9a75232cad458027ca83437aae3f4da\n  Go version: go1.23.8\n\nServer:\n  Version:  ${CONTAINERD_VERSION}\n  Revision: 05044ec0a9a75232cad458027ca83437aae3f4da\n`;
  }
  const sub = args[1] ?? '';
  const rest = args.slice(2);
  const quiet = rest.includes('-q') || rest.includes('--quiet');
  const call = <T>(service: string, method: string, req: unknown = {}) => rpc<T>(sys, address, namespace, service, method, req);
  const isList = sub === 'ls' || sub === 'list';
  switch (`${group} ${isList ? 'ls' : sub}`) {
    case 'containers ls': {
      const { containers } = await call<{ containers: Array<{ id: string; image: string; runtime?: { name: string } }> }>('containers', 'List');
      if (quiet) return containers.map((c) => c.id + '\n').join('');
      return tabwriter('CONTAINER\tIMAGE\tRUNTIME\t\n' + containers.map((c) => `${c.id}\t${c.image || '-'}\t${c.runtime?.name ?? 'io.containerd.runc.v2'}\t\n`).join(''), 4, 4);
    }
    case 'containers info': {
      const id = rest.find((x) => !x.startsWith('-'));
      if (!id) throw new CtrError('container id must be provided: invalid argument');
      const { container: c } = await call<{ container: { id: string; image: string; labels: Record<string, string>; runtime: { name: string }; spec: unknown; createdAt: number } }>('containers', 'Get', { id });
      if (rest.includes('--spec')) return JSON.stringify(c.spec, null, 4) + '\n';
      const info = {
        ID: c.id, Labels: c.labels, Image: c.image, Runtime: { Name: c.runtime.name, Options: null },
        SnapshotKey: '', Snapshotter: '', CreatedAt: rfc3339Nano(Math.floor(c.createdAt)), UpdatedAt: rfc3339Nano(Math.floor(c.createdAt)), Extensions: null,
        Spec: c.spec, Sandbox: '',
      };
      return JSON.stringify(info, null, 4) + '\n';
    }
    case 'tasks ls': {
      const { tasks } = await call<{ tasks: Array<{ id: string; pid: number; status: string }> }>('tasks', 'List');
      if (quiet) return tasks.map((t) => t.id + '\n').join('');
      return tabwriter('TASK\tPID\tSTATUS\t\n' + tasks.map((t) => `${t.id}\t${t.pid}\t${t.status.toUpperCase()}\t\n`).join(''), 4, 4);
    }
    case 'tasks ps': {
      const id = rest.find((x) => !x.startsWith('-'));
      if (!id) throw new CtrError('container id must be provided: invalid argument');
      const { processes } = await call<{ processes: Array<{ pid: number }> }>('tasks', 'Pids', { containerId: id });
      return tabwriter('PID\tINFO\n' + processes.map((p) => `${p.pid}\t-\n`).join(''), 1, 4);
    }
    case 'images ls':
      // overlay2: dockerd's images are not in containerd's content store
      return quiet ? '' : tabwriter('REF\tTYPE\tDIGEST\tSIZE\tPLATFORMS\tLABELS\t\n', 1, 1);
    case 'snapshots ls':
      return tabwriter('KEY\tPARENT\tKIND\t\n', 1, 1);
    case 'namespaces ls': {
      const { namespaces } = await call<{ namespaces: Array<{ name: string }> }>('namespaces', 'List');
      if (quiet) return namespaces.map((n) => n.name + '\n').join('');
      return tabwriter('NAME\tLABELS\t\n' + namespaces.map((n) => `${n.name}\t\t\n`).join(''), 1, 1);
    }
    default:
      throw new CtrError(`No help topic for '${sub}'`);
  }
}

export const ctr: Program = async ({ sys, argv, env }: ProcessContext) => {
  try {
    const out = await run(sys, argv, env);
    if (out) await sys.write(1, out);
    return 0;
  } catch (e) {
    if (!(e instanceof CtrError)) throw e;
    await sys.write(2, `ctr: ${e.message}\n`);
    return 1;
  }
};
