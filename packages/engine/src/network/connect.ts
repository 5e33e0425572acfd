// docker network connect / disconnect (daemon ConnectToNetwork,
// DisconnectFromNetwork): a stopped container only has its settings changed;
// a running one gets the endpoint at once, a new ethN hot-plugged into its
// namespace, its /etc/hosts and resolv.conf rebuilt and, on its first
// user-defined network, the embedded DNS server started.

import { EngineError, conflict, type NetworkConnectRequest } from '@dockersim/engine-api';
import type { Container } from '../container.ts';
import { endpointErrors, type NetController } from './controller.ts';
import { noSuchNetwork, type Network } from './store.ts';

const ERR_SHARED = 'container sharing network namespace with another container or host cannot be connected to any other network';
const ERR_NONE = 'container cannot be connected to multiple networks with one of the networks in private (none) mode';
const ERR_TO_HOST = 'cannot connect container to host network - container must be created in host network mode';
const ERR_FROM_HOST = 'cannot disconnect container from host network - container was created in host network mode';

const running = (c: Container) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting';

export async function connect(ctl: NetController, netRef: string, req: NetworkConnectRequest): Promise<void> {
  const c = ctl.d.get(req.Container ?? '');
  const n = ctl.store.find(netRef);
  if (c.state === 'removing' || c.state === 'dead') throw conflict(`Container ${c.id} is marked for removal and cannot be connected or disconnected to the network`);
  if ((c.hostConfig.NetworkMode ?? '').startsWith('container:')) throw new EngineError('InvalidParameter', ERR_SHARED);
  const cn = ctl.netOf(c);
  const es = req.EndpointConfig ?? {};
  if (n.driver === 'host' && c.hostConfig.NetworkMode !== 'host') throw new EngineError('InvalidParameter', ERR_TO_HOST);
  for (const otherId of cn.eps.keys()) {
    const o = ctl.store.networks.get(otherId);
    if (!o) continue;
    if (o.id === n.id) {
      if (running(c)) throw new EngineError('Forbidden', `endpoint with name ${c.name} already exists in network ${n.name}`);
      return;
    }
    if (o.driver === 'host' || n.driver === 'host') throw new EngineError('InvalidParameter', ERR_SHARED);
    if (o.name === 'none' || n.name === 'none') throw new EngineError('InvalidParameter', ERR_NONE);
  }
  const bad = endpointErrors(n, n.name, es);
  if (bad) throw new EngineError('InvalidParameter', bad);
  const cfg = {
    aliases: es.Aliases ?? [], ipv4: es.IPAMConfig?.IPv4Address ?? '', links: es.Links ?? null, driverOpts: es.DriverOpts ?? null,
    gwPriority: es.GwPriority ?? 0,
    dnsNames: ctl.isUserDefined(n) ? [...new Set([c.name, ...(es.Aliases ?? []), c.id.slice(0, 12), ...(c.config.Hostname ? [c.config.Hostname] : [])])] : null,
  };
  cn.eps.set(n.id, cfg);
  if (!running(c) || !cn.run) return;
  try {
    await ctl.joinRunning(c, n);
  } catch (e) {
    cn.eps.delete(n.id);
    throw e;
  }
}

export async function disconnect(ctl: NetController, netRef: string, ref: string, force: boolean): Promise<void> {
  const c = ctl.d.get(ref);
  let n: Network | undefined;
  try { n = ctl.store.find(netRef); } catch (e) { if (!force || running(c)) throw e; }
  const cn = ctl.netOf(c);
  if (!running(c) || !cn.run) {
    if (c.state === 'removing' || c.state === 'dead') throw conflict(`Container ${c.id} is marked for removal and cannot be connected or disconnected to the network`);
    const id = n?.id ?? [...cn.eps.keys()].find((k) => k.startsWith(netRef));
    if (!id || !cn.eps.has(id)) throw new Error(`container ${c.id} is not connected to the network ${n?.name ?? netRef}`);
    cn.eps.delete(id);
    return;
  }
  if (!n) throw noSuchNetwork(netRef);
  if (c.hostConfig.NetworkMode === 'host' && n.driver === 'host') throw new EngineError('InvalidParameter', ERR_FROM_HOST);
  if (!cn.eps.has(n.id)) throw new Error(`container ${c.id} is not connected to network ${n.name}`);
  await ctl.leaveRunning(c, n);
}
