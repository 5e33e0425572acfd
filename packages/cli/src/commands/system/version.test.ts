// Ported from docker/cli cli/command/system/version_test.go (TestVersionFormat)
// with its golden testdata/docker-client-version.golden.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goStruct } from '../../format/gofmt.ts';
import { runDocker } from '../../docker.ts';
import { bufferIO, fakeClient } from '../../testing.ts';
import { newVersionTemplate, prettyPrintVersion } from './version.ts';

const comp = (Name: string, Version: string, Details: Record<string, string>) => goStruct({ Name, Version, Details });

describe('docker version', () => {
  it('renders the default template like docker (docker-client-version.golden)', () => {
    const vi = goStruct({
      Client: goStruct({ Platform: null, Version: '18.99.5-ce', APIVersion: '1.38', DefaultAPIVersion: '1.38', GitCommit: 'deadbeef', GoVersion: 'go1.10.2', Os: 'linux', Arch: 'amd64', BuildTime: 'Wed May 30 22:21:05 2018', Context: 'my-context' }),
      Server: goStruct({
        Platform: goStruct({ Name: 'Docker Enterprise Edition (EE) 2.0' }),
        Components: [
          comp('Engine', '17.06.2-ee-15', { ApiVersion: '1.30', MinAPIVersion: '1.12', GitCommit: '64ddfa6', GoVersion: 'go1.8.7', Os: 'linux', Arch: 'amd64', BuildTime: 'Mon Jul  9 23:38:38 2018', Experimental: 'false' }),
          comp('Universal Control Plane', '17.06.2-ee-15', { Version: '3.0.3-tp2', ApiVersion: '1.30', Arch: 'amd64', BuildTime: 'Mon Jul  2 21:24:07 UTC 2018', GitCommit: '4513922', GoVersion: 'go1.9.4', MinApiVersion: '1.20', Os: 'linux' }),
          comp('Kubernetes', '1.8+', { buildDate: '2018-04-26T16:51:21Z', compiler: 'gc', gitCommit: '8d637aedf46b9c21dde723e29c645b9f27106fa5', gitTreeState: 'clean', gitVersion: 'v1.8.11-docker-8d637ae', goVersion: 'go1.8.3', major: '1', minor: '8+', platform: 'linux/amd64' }),
          comp('Calico', 'v3.0.8', { cni: 'v2.0.6', 'kube-controllers': 'v2.0.5', node: 'v3.0.8' }),
        ],
      }),
    });
    const golden = readFileSync(new URL('./testdata/docker-client-version.golden', import.meta.url), 'utf8');
    expect(prettyPrintVersion(vi, newVersionTemplate('')).text).toBe(golden);
  });

  it('prints the client section and the connection error without a daemon (as the real client does)', async () => {
    const io = bufferIO();
    const err = Object.assign(new Error('ECONNREFUSED'), { errno: 111 });
    const code = await runDocker(io, ['version'], fakeClient({ serverVersion: async () => { throw err; } }));
    expect(io.stdout).toBe('Client:\n Version:           28.2.2\n API version:       1.50\n Go version:        go1.24.3\n Git commit:        e6534b4\n Built:             Fri May 30 12:07:14 2025\n OS/Arch:           linux/amd64\n Context:           default\n');
    expect(io.stderr).toBe('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
    expect(code).toBe(1);
  });
});
