// httpd:2.4.65 (Apache) on debian:bookworm-slim: /usr/local/apache2 with
// "It works!", httpd-foreground as the command, SIGWINCH to stop gracefully.

import type { Arch, BuiltImage } from '../build/image.ts';
import { officialImage } from './official.ts';

const CREATED = '2025-10-20T18:25:03Z';

const FOREGROUND = `#!/bin/sh
set -e

# Apache refuses to start over a stale PID file
rm -f /usr/local/apache2/logs/httpd.pid

exec httpd -DFOREGROUND "$@"
`;

const HTTPD_CONF = `ServerRoot "/usr/local/apache2"
Listen 80
LoadModule mpm_event_module modules/mod_mpm_event.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule mime_module modules/mod_mime.so
LoadModule log_config_module modules/mod_log_config.so
LoadModule dir_module modules/mod_dir.so
LoadModule unixd_module modules/mod_unixd.so
User www-data
Group www-data
ServerAdmin you@example.com
DocumentRoot "/usr/local/apache2/htdocs"
<Directory "/usr/local/apache2/htdocs">
    Options Indexes FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>
<IfModule dir_module>
    DirectoryIndex index.html
</IfModule>
ErrorLog /proc/self/fd/2
LogLevel warn
<IfModule log_config_module>
    LogFormat "%h %l %u %t \\"%r\\" %>s %b" common
    CustomLog /proc/self/fd/1 common
</IfModule>
TypesConfig conf/mime.types
`;

export function buildHttpd(arch: Arch): BuiltImage {
  return officialImage({
    arch, created: CREATED, base: 'bookworm-slim',
    env: ['HTTPD_PREFIX=/usr/local/apache2', 'PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HTTPD_VERSION=2.4.65', 'HTTPD_PATCHES='],
    run: {
      createdBy: 'set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates libaprutil1-ldap libldap-common; ./configure --prefix="$HTTPD_PREFIX" --enable-mods-shared=reallyall --enable-mpms-shared=all; make -j "$(nproc)"; make install',
      files: (fs) => {
        fs.dirs('usr/local/apache2/logs', 'usr/local/apache2/modules', 'usr/local/apache2/cgi-bin');
        fs.exe('usr/local/apache2/bin/httpd', 'apache-httpd', 2_400_000);
        fs.file('usr/local/apache2/conf/httpd.conf', HTTPD_CONF);
        fs.file('usr/local/apache2/conf/mime.types', '# mime.types\ntext/html\t\t\t\t\thtml htm\n');
        fs.file('usr/local/apache2/htdocs/index.html', '<html><body><h1>It works!</h1></body></html>\n');
        fs.padTo('usr/local/apache2/bin/httpd', 42_000_000);
      },
    },
    copies: [['usr/local/bin/httpd-foreground', FOREGROUND, 0o755]],
    config: {
      Cmd: ['httpd-foreground'], ExposedPorts: { '80/tcp': {} }, WorkingDir: '/usr/local/apache2', StopSignal: 'SIGWINCH',
    },
    tail: ['STOPSIGNAL SIGWINCH', 'EXPOSE map[80/tcp:{}]', 'CMD ["httpd-foreground"]'],
  });
}
