import type { SystemInfo } from '@dockersim/engine-api';
import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { goStruct, sprintln } from '../../format/gofmt.ts';
import { bytesSize } from '@dockersim/image';
import { Template, TemplateError } from '../../template/index.ts';
import { CLIENT_VERSION } from '../../version.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';

const ln = (...a: unknown[]) => sprintln(a);
const nonEmpty = (label: string, v: string | undefined) => (v ? ln(label, v) : '');

/** prettyPrintServerInfo (system/info.go) */
export function serverInfoText(info: SystemInfo): string {
  let o = '';
  o += ln(' Containers:', info.Containers) + ln('  Running:', info.ContainersRunning) + ln('  Paused:', info.ContainersPaused) + ln('  Stopped:', info.ContainersStopped);
  o += ln(' Images:', info.Images);
  o += nonEmpty(' Server Version:', info.ServerVersion) + nonEmpty(' Storage Driver:', info.Driver);
  for (const [k, v] of info.DriverStatus ?? []) o += `  ${k}: ${v}\n`;
  o += nonEmpty(' Logging Driver:', info.LoggingDriver) + nonEmpty(' Cgroup Driver:', info.CgroupDriver) + nonEmpty(' Cgroup Version:', info.CgroupVersion);
  o += ln(' Plugins:') + ln('  Volume:', (info.Plugins?.Volume ?? []).join(' ')) + ln('  Network:', (info.Plugins?.Network ?? []).join(' '));
  if (info.Plugins?.Authorization?.length) o += ln('  Authorization:', info.Plugins.Authorization.join(' '));
  o += ln('  Log:', (info.Plugins?.Log ?? []).join(' '));
  o += ln(' Swarm:', info.Swarm?.LocalNodeState ?? '');
  const sw = info.Swarm;
  if (sw && sw.LocalNodeState !== 'inactive' && sw.LocalNodeState !== 'locked') {
    o += ln('  NodeID:', sw.NodeID);
    if (sw.Error) o += ln('  Error:', sw.Error);
    o += ln('  Is Manager:', sw.ControlAvailable);
    o += ln('  Node Address:', sw.NodeAddr);
  }
  const runtimes = Object.keys(info.Runtimes ?? {});
  if (runtimes.length) o += ln(' Runtimes:', runtimes.join(' ')) + ln(' Default Runtime:', info.DefaultRuntime);
  if (info.OSType === 'linux') {
    o += ln(' Init Binary:', info.InitBinary) + ln(' containerd version:', info.ContainerdCommit?.ID ?? '');
    o += ln(' runc version:', info.RuncCommit?.ID ?? '') + ln(' init version:', info.InitCommit?.ID ?? '');
    if (info.SecurityOptions?.length) {
      o += ln(' Security Options:');
      for (const so of info.SecurityOptions) {
        const fields = so.split(',');
        const name = fields.find((f) => f.startsWith('name='))?.slice(5) ?? so;
        o += ln('  ' + name);
        const profile = fields.find((f) => f.startsWith('profile='));
        if (profile) o += ln('   Profile:', profile.slice(8));
      }
    }
  }
  o += nonEmpty(' Kernel Version:', info.KernelVersion) + nonEmpty(' Operating System:', info.OperatingSystem);
  o += nonEmpty(' OSType:', info.OSType) + nonEmpty(' Architecture:', info.Architecture);
  o += ln(' CPUs:', info.NCPU) + ln(' Total Memory:', bytesSize(info.MemTotal));
  o += nonEmpty(' Name:', info.Name) + nonEmpty(' ID:', info.ID);
  o += ln(' Docker Root Dir:', info.DockerRootDir) + ln(' Debug Mode:', info.Debug);
  if (info.Debug) {
    o += ln('  File Descriptors:', info.NFd) + ln('  Goroutines:', info.NGoroutines) + ln('  System Time:', info.SystemTime) + ln('  EventsListeners:', info.NEventsListener);
  }
  o += nonEmpty(' HTTP Proxy:', info.HttpProxy) + nonEmpty(' HTTPS Proxy:', info.HttpsProxy) + nonEmpty(' No Proxy:', info.NoProxy);
  if (info.Labels?.length) { o += ln(' Labels:'); for (const l of info.Labels) o += ln('  ' + l); }
  o += ln(' Experimental:', info.ExperimentalBuild);
  o += ln(' Live Restore Enabled:', info.LiveRestoreEnabled);
  return o + '\n';
}

/** docker info / docker system info (system/info.go) */
export const info: Command = {
  use: 'info [OPTIONS]',
  short: 'Display system-wide information',
  aliasesText: 'docker system info, docker info',
  categoryTop: 12,
  flags: { format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP } },
  args: noArgs,
  async run(cli, opts) {
    const format = opts.str('format');
    const client = goStruct({ Version: CLIENT_VERSION, Context: cli.globals.context || 'default', Debug: cli.globals.debug, Plugins: [] as unknown[], Warnings: null });
    if (format) {
      let tmpl: Template;
      try { tmpl = Template.parse(format === 'json' ? '{{json .}}' : format, 'info'); } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
        throw e;
      }
      let srv: SystemInfo | undefined;
      let err: string | undefined;
      try { srv = await cli.client.info(); } catch (e) { err = cli.errorText(e); }
      const data = { ...(srv ?? {}), ClientInfo: client, ClientErrors: null, ServerErrors: err ? [err] : null };
      try { await cli.out(tmpl.execute(data) + '\n'); } catch (e) {
        if (e instanceof TemplateError) throw new StatusError(`template: ${e.message}`, 1);
        throw e;
      }
      if (err) throw new StatusError('errors pretty printing info', 1);
      return;
    }
    await cli.out(`Client:\n Version:    ${client.Version}\n Context:    ${client.Context}\n Debug Mode: ${client.Debug}\n\nServer:\n`);
    let srv: SystemInfo;
    try { srv = await cli.client.info(); } catch (e) { throw new StatusError(cli.errorText(e), 1); }
    await cli.out(serverInfoText(srv));
    for (const w of srv.Warnings ?? []) await cli.err(w + '\n');
  },
};
