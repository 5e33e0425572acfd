import type { VersionResponse } from '@dockersim/engine-api';
import { noArgs, StatusError, type Command } from '../../cobra/command.ts';
import { goStruct } from '../../format/gofmt.ts';
import { TabWriter } from '../../format/tabwriter.ts';
import { Template, TemplateError } from '../../template/index.ts';
import { BUILT, CLIENT_API_VERSION, CLIENT_VERSION, GIT_COMMIT, GO_VERSION } from '../../version.ts';
import { INSPECT_FORMAT_HELP } from '../help-texts.ts';

/** docker/cli's defaultVersionTemplate (system/version.go), executed as is. */
const DEFAULT_VERSION_TEMPLATE = `{{with .Client -}}
Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
 Version:	{{.Version}}
 API version:	{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
 Go version:	{{.GoVersion}}
 Git commit:	{{.GitCommit}}
 Built:	{{.BuildTime}}
 OS/Arch:	{{.Os}}/{{.Arch}}
 Context:	{{.Context}}
{{- end}}

{{- if ne .Server nil}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
 {{- range $component := .Components}}
 {{$component.Name}}:
  {{- if eq $component.Name "Engine" }}
  Version:	{{.Version}}
  API version:	{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:	{{index .Details "GoVersion"}}
  Git commit:	{{index .Details "GitCommit"}}
  Built:	{{index .Details "BuildTime"}}
  OS/Arch:	{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:	{{index .Details "Experimental"}}
  {{- else }}
  Version:	{{$component.Version}}
  {{- $detailsOrder := getDetailsOrder $component}}
  {{- range $key := $detailsOrder}}
  {{$key}}:	{{index $component.Details $key}}
   {{- end}}
  {{- end}}
 {{- end}}
 {{- end}}{{- end}}`;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** reformatDate: RFC 3339 → time.ANSIC ("Mon Jan _2 15:04:05 2006"); anything else unchanged. */
export function reformatDate(s: string): string {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s)) return s;
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function clientVersion(context: string) {
  const c = goStruct({
    Platform: null as null | { Name: string }, Version: CLIENT_VERSION, APIVersion: CLIENT_API_VERSION,
    DefaultAPIVersion: CLIENT_API_VERSION, GitCommit: GIT_COMMIT, GoVersion: GO_VERSION, Os: 'linux', Arch: 'amd64',
    BuildTime: BUILT, Context: context,
  });
  Object.defineProperty(c, 'marshalJSON', {
    enumerable: false,
    value: () => goStruct({ Version: c.Version, ApiVersion: c.APIVersion, DefaultAPIVersion: c.DefaultAPIVersion, GitCommit: c.GitCommit, GoVersion: c.GoVersion, Os: c.Os, Arch: c.Arch, BuildTime: c.BuildTime, Context: c.Context }),
  });
  return c;
}

function serverVersion(sv: VersionResponse) {
  const components = (sv.Components ?? []).map((c) => {
    const details = { ...(c.Details ?? {}) };
    if (c.Name === 'Engine' && details.BuildTime) details.BuildTime = reformatDate(details.BuildTime);
    return goStruct({ Name: c.Name, Version: c.Version, Details: details });
  });
  if (!components.some((c) => c.Name === 'Engine')) {
    components.push(goStruct({ Name: 'Engine', Version: sv.Version, Details: {
      ApiVersion: sv.ApiVersion, MinAPIVersion: sv.MinAPIVersion, GitCommit: sv.GitCommit, GoVersion: sv.GoVersion,
      Os: sv.Os, Arch: sv.Arch, BuildTime: reformatDate(sv.BuildTime), Experimental: String(!!sv.Experimental),
    } }));
  }
  const s = goStruct({
    Platform: goStruct({ Name: sv.Platform?.Name ?? '' }), Components: components, Version: sv.Version,
    APIVersion: sv.ApiVersion, MinAPIVersion: sv.MinAPIVersion, GitCommit: sv.GitCommit, GoVersion: sv.GoVersion,
    Os: sv.Os, Arch: sv.Arch, KernelVersion: sv.KernelVersion, Experimental: !!sv.Experimental, BuildTime: sv.BuildTime,
  });
  Object.defineProperty(s, 'marshalJSON', {
    enumerable: false,
    value: () => ({ ...sv, Components: components }),
  });
  return s;
}

/** newVersionTemplate: the default layout, "json", or the user's template (exit 64 when it does not parse). */
export function newVersionTemplate(format: string): Template {
  let src = format;
  if (src === '') src = DEFAULT_VERSION_TEMPLATE; else if (src === 'json') src = '{{json .}}';
  const getDetailsOrder = (c: { Details?: Record<string, string> }) => Object.keys(c.Details ?? {}).sort();
  try {
    return Template.parse(src, 'version', { getDetailsOrder: getDetailsOrder as (...a: unknown[]) => unknown });
  } catch (e) {
    if (e instanceof TemplateError) throw new StatusError(`template parsing error: ${e.message}`, 64);
    throw e;
  }
}

/** prettyPrintVersion: the template's output through a tabwriter (minwidth 20, padding 1). */
export function prettyPrintVersion(data: unknown, tmpl: Template): { text: string; error?: string } {
  const tw = new TabWriter(20, 1, 1, ' ');
  let error: string | undefined;
  try { tw.write(tmpl.execute(data)); } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    error = e.message;
  }
  tw.write('\n');
  return { text: tw.flush(), error };
}

/** docker version (system/version.go): the Client section even without a daemon. */
export const version: Command = {
  use: 'version [OPTIONS]',
  short: 'Show the Docker version information',
  categoryTop: 11,
  flags: { format: { type: 'string', short: 'f', usage: INSPECT_FORMAT_HELP } },
  args: noArgs,
  async run(cli, opts) {
    const tmpl = newVersionTemplate(opts.str('format'));
    let server: unknown = null;
    let err: string | undefined;
    try { server = serverVersion(await cli.client.serverVersion()); } catch (e) { err = cli.errorText(e); }
    const data = goStruct({ Client: clientVersion(cli.globals.context || 'default'), Server: server });
    const { text, error } = prettyPrintVersion(data, tmpl);
    await cli.out(text);
    if (err) throw new StatusError(err, 1);
    if (error) throw new StatusError(error, 1);
  },
};
