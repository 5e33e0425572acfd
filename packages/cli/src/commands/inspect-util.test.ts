import { describe, expect, it } from 'vitest';
import { Template } from '../template/index.ts';
import { typedView } from './inspect-util.ts';

const run = (tmpl: string, obj: unknown) => Template.parse(tmpl).execute(typedView(obj));

describe('typedView: JSON null as Go typed it', () => {
  const container = {
    Id: 'abc', State: { Status: 'running', Health: null },
    Config: { Cmd: ['sh'], Entrypoint: null, Env: ['PATH=/bin'], Volumes: null, Labels: {} },
    HostConfig: { Binds: null, LogConfig: { Type: 'json-file', Config: null }, PortBindings: {} },
  };
  it('prints a nil slice as [] and a nil map as map[], as docker inspect -f does', () => {
    expect(run('{{.Config.Entrypoint}}|{{.Config.Volumes}}|{{.HostConfig.Binds}}|{{.HostConfig.LogConfig.Config}}', container))
      .toBe('[]|map[]|[]|map[]');
  });
  it('keeps a nil pointer as <nil>', () => {
    expect(run('{{.State.Health}}', container)).toBe('<nil>');
  });
  it('encodes nil slices and maps as null with json', () => {
    expect(run('{{json .Config.Entrypoint}} {{json .Config.Volumes}} {{json .Config.Labels}}', container)).toBe('null null {}');
  });
  it('treats nil slices as empty in if, len and range', () => {
    expect(run('{{if .Config.Entrypoint}}set{{else}}unset{{end}} {{len .Config.Entrypoint}} {{range .HostConfig.Binds}}x{{end}}.', container))
      .toBe('unset 0 .');
  });
  it("types a volume's top-level Status as a map", () => {
    expect(run('{{.Status}}', { Name: 'v', Status: null })).toBe('map[]');
  });
});

describe('typedView: fields the API omits when empty', () => {
  const c = {
    Id: 'abc', State: { Status: 'running', Running: true },
    Mounts: [{ Type: 'bind', Source: '/tmp', Destination: '/data', Mode: '', RW: true, Propagation: 'rprivate' }],
    Config: { Hostname: 'abc', Env: null, Cmd: ['sh'], Image: 'alpine', Labels: {} },
  };
  it('reads them as zero values, as the Go structs do', () => {
    expect(run('{{range .Mounts}}[{{.Name}}|{{.Driver}}|{{.Source}}]{{end}} {{.State.Health}} {{.Config.Healthcheck}} {{.Config.StopSignal}}|{{.Config.ExposedPorts}}', c))
      .toBe('[||/tmp] <nil> <nil> |map[]');
  });
  it('prints a whole struct in field order', () => {
    expect(run('{{range .Mounts}}{{.}}{{end}}', c)).toBe('{bind  /tmp /data   true rprivate}');
  });
});

describe('typedView: omitted fields stay omitted in json', () => {
  it('encodes a bind mount without Name and Driver, as Go does with omitempty', () => {
    const c = { Mounts: [{ Type: 'bind', Source: '/s', Destination: '/d', Mode: 'ro', RW: false, Propagation: 'rprivate' }], State: { Status: 'running' } };
    expect(run('{{json .Mounts}} {{json .State}}', c))
      .toBe('[{"Type":"bind","Source":"/s","Destination":"/d","Mode":"ro","RW":false,"Propagation":"rprivate"}] {"Status":"running"}');
  });
});
