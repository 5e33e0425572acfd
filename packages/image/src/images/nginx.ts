// nginx:1.29.1 (mainline) on debian:bookworm-slim, and nginx:1.29.1-alpine on
// alpine:3.22, with the layers, config and history docker-nginx's
// Dockerfiles produce.

import { RootfsBuilder } from '../build/rootfs.ts';
import { buildImage, epochSeconds, PLATFORMS, type Arch, type BuildStep, type BuiltImage } from '../build/image.ts';
import type { ContainerConfig } from '../oci/types.ts';
import { alpineBaseLayer, ALPINE_GROUP, ALPINE_PASSWD, ALPINE_VERSION, ARCH_ALPINE } from './alpine-shared.ts';
import { buildDebian } from './debian.ts';
import { DEBIAN_BOOKWORM_GROUP, DEBIAN_BOOKWORM_PASSWD } from './debian-family.ts';
import {
  DEFAULT_CONF, DOCKER_ENTRYPOINT, ENVSUBST_TEMPLATES, ERROR_50X_HTML, INDEX_HTML, LISTEN_IPV6, LOCAL_RESOLVERS,
  MIME_TYPES, NGINX_CONF, TUNE_WORKERS,
} from './nginx-files.ts';

export const NGINX_VERSION = '1.29.1';
export const NGINX_CREATED = '2025-10-21T01:51:22Z';
const MAINTAINER = 'NGINX Docker Maintainers <docker-maint@nginx.com>';
const BK = 'buildkit.dockerfile.v0';

const RUN_DEBIAN_SIZE: Record<Arch, number> = { amd64: 117_196_820, arm64: 113_880_004 };
const RUN_ALPINE_SLIM_SIZE: Record<Arch, number> = { amd64: 3_627_430, arm64: 3_854_210 };
const RUN_ALPINE_NJS_SIZE: Record<Arch, number> = { amd64: 40_528_812, arm64: 41_106_344 };

function nginxFiles(fs: RootfsBuilder, passwd: string, group: string, nginxUser: string, nginxGroup: string): void {
  fs.file('etc/passwd', passwd + nginxUser).file('etc/group', group + nginxGroup);
  fs.file('etc/nginx/nginx.conf', NGINX_CONF);
  fs.file('etc/nginx/conf.d/default.conf', DEFAULT_CONF);
  fs.file('etc/nginx/mime.types', MIME_TYPES);
  for (const p of ['fastcgi_params', 'scgi_params', 'uwsgi_params']) fs.file(`etc/nginx/${p}`, `# ${p}\n`);
  fs.symlink('etc/nginx/modules', '../../usr/lib/nginx/modules');
  fs.dirs('usr/lib/nginx/modules', 'var/cache/nginx');
  fs.file('usr/share/nginx/html/index.html', INDEX_HTML);
  fs.file('usr/share/nginx/html/50x.html', ERROR_50X_HTML);
  fs.symlink('var/log/nginx/access.log', '/dev/stdout');
  fs.symlink('var/log/nginx/error.log', '/dev/stderr');
  fs.dir('docker-entrypoint.d');
  fs.exe('usr/sbin/nginx', 'nginx', 1_310_000);
  fs.exe('usr/sbin/nginx-debug', 'nginx', 1_380_000);
  fs.exe('usr/bin/envsubst', 'envsubst', 35_344);
}

function entrypointSteps(mtime: number): BuildStep[] {
  const one = (path: string, content: string) => {
    const fs = new RootfsBuilder(mtime);
    fs.file(path, content, 0o755);
    return fs.entries();
  };
  return [
    { createdBy: 'COPY docker-entrypoint.sh / # buildkit', comment: BK, layer: one('docker-entrypoint.sh', DOCKER_ENTRYPOINT) },
    { createdBy: 'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', comment: BK,
      layer: one('docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', LISTEN_IPV6) },
    { createdBy: 'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', comment: BK,
      layer: one('docker-entrypoint.d/15-local-resolvers.envsh', LOCAL_RESOLVERS) },
    { createdBy: 'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', comment: BK,
      layer: one('docker-entrypoint.d/20-envsubst-on-templates.sh', ENVSUBST_TEMPLATES) },
    { createdBy: 'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', comment: BK,
      layer: one('docker-entrypoint.d/30-tune-worker-processes.sh', TUNE_WORKERS) },
    { createdBy: 'ENTRYPOINT ["/docker-entrypoint.sh"]', comment: BK },
    { createdBy: 'EXPOSE map[80/tcp:{}]', comment: BK },
    { createdBy: 'STOPSIGNAL SIGQUIT', comment: BK },
    { createdBy: 'CMD ["nginx" "-g" "daemon off;"]', comment: BK },
  ];
}

function nginxConfig(env: string[]): ContainerConfig {
  return {
    ExposedPorts: { '80/tcp': {} },
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...env],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: ['nginx', '-g', 'daemon off;'],
    Labels: { maintainer: MAINTAINER },
    StopSignal: 'SIGQUIT',
  };
}

export function buildNginx(arch: Arch): BuiltImage {
  const mtime = epochSeconds(NGINX_CREATED);
  const run = new RootfsBuilder(mtime);
  nginxFiles(run, DEBIAN_BOOKWORM_PASSWD, DEBIAN_BOOKWORM_GROUP,
    'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n', 'nginx:x:101:\n');
  run.exe('usr/bin/curl', 'curl-bookworm', 239_848);
  run.blob('var/lib/dpkg/status', 90_312);
  run.blob(`usr/lib/${arch === 'amd64' ? 'x86_64' : 'aarch64'}-linux-gnu/libcrypto.so.3`, 4_000_000);
  run.padTo(`usr/lib/${arch === 'amd64' ? 'x86_64' : 'aarch64'}-linux-gnu/libcrypto.so.3`, RUN_DEBIAN_SIZE[arch]);
  const env = ['NGINX_VERSION=1.29.1', 'NJS_VERSION=0.9.1', 'NJS_RELEASE=1~bookworm', 'PKG_RELEASE=1~bookworm',
    'DYNPKG_RELEASE=1~bookworm'];
  return buildImage({
    platform: PLATFORMS[arch],
    created: NGINX_CREATED,
    base: buildDebian(arch, true),
    config: nginxConfig(env),
    steps: [
      { createdBy: `LABEL maintainer=${MAINTAINER}`, comment: BK },
      ...env.map((e) => ({ createdBy: `ENV ${e}`, comment: BK })),
      { createdBy: 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx     && apt-get update     && apt-get install --no-install-recommends --no-install-suggests -y gnupg1 ca-certificates     && apt-get install --no-install-recommends --no-install-suggests -y $nginxPackages gettext-base curl     && apt-get remove --purge --auto-remove -y && rm -rf /var/lib/apt/lists/* /etc/apt/sources.list.d/nginx.list     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit',
        comment: BK, layer: run.entries() },
      ...entrypointSteps(mtime),
    ],
  });
}

/** nginx:alpine-slim's and nginx:alpine's layers on top of alpine. */
export function buildNginxAlpine(arch: Arch, slim = false): BuiltImage {
  const mtime = epochSeconds(NGINX_CREATED);
  const run = new RootfsBuilder(mtime);
  nginxFiles(run, ALPINE_PASSWD, ALPINE_GROUP,
    'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n', 'nginx:x:101:nginx\n');
  run.blob('lib/apk/db/installed', 120_000);
  run.padTo('lib/apk/db/installed', RUN_ALPINE_SLIM_SIZE[arch]);
  const slimEnv = ['NGINX_VERSION=1.29.1', 'PKG_RELEASE=1', 'DYNPKG_RELEASE=1'];
  const steps: BuildStep[] = [
    { createdBy: `ADD alpine-minirootfs-${ALPINE_VERSION}-${ARCH_ALPINE[arch]}.tar.gz / # buildkit`, comment: BK,
      layer: alpineBaseLayer(arch) },
    { createdBy: 'CMD ["/bin/sh"]', comment: BK },
    { createdBy: `LABEL maintainer=${MAINTAINER}`, comment: BK },
    ...slimEnv.map((e) => ({ createdBy: `ENV ${e}`, comment: BK })),
    { createdBy: 'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx     && apk add --no-cache --virtual .nginx-rundeps $nginxPackages     && ln -sf /dev/stdout /var/log/nginx/access.log     && ln -sf /dev/stderr /var/log/nginx/error.log     && mkdir /docker-entrypoint.d # buildkit',
      comment: BK, layer: run.entries() },
    ...entrypointSteps(mtime),
  ];
  let env = slimEnv;
  if (!slim) {
    const njsEnv = ['NJS_VERSION=0.9.1', 'NJS_RELEASE=1'];
    const njs = new RootfsBuilder(mtime);
    njs.blob('usr/lib/nginx/modules/ngx_http_js_module.so', 6_000_000, 0o755);
    njs.blob('usr/lib/nginx/modules/ngx_stream_js_module.so', 6_000_000, 0o755);
    njs.padTo('usr/lib/nginx/modules/ngx_stream_js_module.so', RUN_ALPINE_NJS_SIZE[arch]);
    steps.push(...njsEnv.map((e) => ({ createdBy: `ENV ${e}`, comment: BK })));
    steps.push({ createdBy: 'RUN /bin/sh -c set -x     && apk add --no-cache --virtual .nginx-rundeps $nginxPackages     && apk add --no-cache curl ca-certificates # buildkit',
      comment: BK, layer: njs.entries() });
    env = [...slimEnv, ...njsEnv];
  }
  return buildImage({ platform: PLATFORMS[arch], created: NGINX_CREATED, config: nginxConfig(env), steps });
}
