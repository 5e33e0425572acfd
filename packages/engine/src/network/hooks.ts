// Where the container lifecycle meets libnetwork: dockerd calls these at
// create, before and after containerd creates the task, at exit and at
// removal, and for the network views of inspect and ps.

import type { ContainerInspect, ContainerSummary, EndpointSettings } from '@dockersim/engine-api';
import type { Container } from '../container.ts';
import type { NetController } from './controller.ts';
import { settingsView, summaryNetworks, summaryPorts } from './views.ts';

/** At create: the network mode and endpoint settings checked and kept; returns create's warnings. */
export function netAtCreate(net: NetController, c: Container, endpoints: Record<string, EndpointSettings> | undefined): string[] {
  return net.atCreate(c, endpoints);
}

/** Before containerd is asked for the task: addresses and published ports. */
export function netBeforeTask(net: NetController, c: Container): Promise<void> { return net.prepare(c); }

/** Once the task (and its network namespace) exists, before it starts. */
export function netAtTaskCreated(net: NetController, c: Container, pid: number): Promise<void> { return net.join(c, pid); }

/** When the task has exited (or failed to start). */
export function netAtExit(net: NetController, c: Container): Promise<void> { return net.release(c); }

export function netAtRemove(net: NetController, c: Container): void { net.forget(c); }

export function withNetworkSettings(net: NetController, c: Container, v: ContainerInspect): ContainerInspect {
  v.NetworkSettings = settingsView(net, c);
  return v;
}

export function withNetworkSummary(net: NetController, c: Container, s: ContainerSummary): ContainerSummary {
  s.Ports = summaryPorts(net, c);
  if (!(c.hostConfig.NetworkMode ?? '').startsWith('container:')) s.NetworkSettings = { Networks: summaryNetworks(net, c) };
  return s;
}
