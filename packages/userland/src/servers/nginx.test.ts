import { beforeAll, describe, expect, it } from 'vitest';
import { executable } from '@dockersim/kernel';
import { makeWorld } from '../testing/world.ts';
import { preloadServers } from './index.ts';
import { specialPage } from './nginx-http.ts';

const hostYield = (): Promise<void> => new Promise((r) => setImmediate(r));
beforeAll(() => preloadServers());

const NGINX_CONF = `user  nginx;
worker_processes  1;
error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;
events { worker_connections  1024; }
http {
    types { text/html html htm; text/plain txt; }
    default_type  application/octet-stream;
    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';
    access_log  /var/log/nginx/access.log  main;
    include /etc/nginx/conf.d/*.conf;
}
`;
const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
    location /api/ { proxy_pass http://127.0.0.1:9000/; }
    location = /moved { return 301 /; }
}
`;

function world() {
  const w = makeWorld('alpine', hostYield);
  const fs = w.k.fs;
  for (const d of ['/etc/nginx/conf.d', '/usr/share/nginx/html/sub', '/var/log/nginx', '/run', '/usr/sbin']) fs.mkdirp(d);
  fs.writeFile('/etc/nginx/nginx.conf', NGINX_CONF);
  fs.writeFile('/etc/nginx/conf.d/default.conf', DEFAULT_CONF);
  fs.writeFile('/usr/share/nginx/html/index.html', '<h1>hello</h1>\n');
  fs.writeFile('/usr/sbin/nginx', executable('nginx'), 0o755);
  // as the image links them (to /dev/stdout and /dev/stderr, which lead here)
  fs.symlink('/proc/self/fd/1', '/var/log/nginx/access.log');
  fs.symlink('/proc/self/fd/2', '/var/log/nginx/error.log');
  fs.writeFile('/usr/bin/curl', executable('curl'), 0o755);
  fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n');
  return w;
}

describe('nginx', () => {
  it('serves the index over loopback to wget, logs in the main format, and shuts down on SIGQUIT', async () => {
    const w = world();
    const r = await w.sh(`mount -t proc proc /proc
nginx -g 'daemon off;' 2>/tmp/err >/tmp/out &
sleep 1
ps -o pid,user,args | grep [n]ginx
wget -qO- http://localhost/
wget -q -O- localhost/nope; echo "rc=$?"
kill -QUIT $(cat /run/nginx.pid)
wait
cat /tmp/out /tmp/err`);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /nginx: master process nginx -g daemon off;$/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^\s+\d+ nginx\s+nginx: worker process$/.test(l))).toHaveLength(1);
    expect(r.out).toContain('<h1>hello</h1>\n');
    expect(r.err).toContain('wget: server returned error: HTTP/1.1 404 Not Found\n');
    expect(r.out).toContain('rc=1\n');
    expect(r.out).toMatch(/^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 15 "-" "Wget" "-"$/m);
    expect(r.out).toMatch(/"GET \/nope HTTP\/1\.1" 404 153 "-" "Wget" "-"$/m);
    expect(r.out).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[error\] \d+#\d+: \*2 open\(\) "\/usr\/share\/nginx\/html\/nope" failed \(2: No such file or directory\), client: 127\.0\.0\.1, server: localhost, request: "GET \/nope HTTP\/1\.1", host: "localhost"$/m);
    const notices = r.out.split('\n').filter((l) => l.includes('[notice]')).map((l) => l.replace(/^.*?\[notice\] \d+#\d+: /, ''));
    expect(notices.slice(0, 2)).toEqual(['using the "epoll" event method', 'nginx/1.29.1']);
    expect(notices).toContain('signal 3 (SIGQUIT) received, shutting down');
    expect(notices.slice(-4)).toEqual(['exit', expect.stringMatching(/^signal 17 \(SIGCHLD\) received from \d+$/), expect.stringMatching(/^worker process \d+ exited with code 0$/), 'exit']);
  });

  it('answers curl with its headers, a 301 for a directory, and 502 when the upstream refuses', async () => {
    const w = world();
    const r = await w.sh(`mount -t proc proc /proc
nginx -g 'daemon off;' 2>/dev/null >/dev/null &
sleep 1
curl -si localhost/sub
curl -s -o /dev/null -w '%{http_code}\\n' localhost/api/x
curl -sI localhost/
kill -TERM $(cat /run/nginx.pid); wait`);
    expect(r.out).toContain('HTTP/1.1 301 Moved Permanently\r\nServer: nginx/1.29.1\r\n');
    expect(r.out).toContain('Location: http://localhost/sub/\r\n');
    expect(r.out).toContain('502\n');
    expect(r.out).toMatch(/HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.29\.1\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nContent-Type: text\/html\r\nContent-Length: 15\r\nLast-Modified: [^\r]+\r\nConnection: keep-alive\r\nETag: "[0-9a-f]+-f"\r\nAccept-Ranges: bytes\r\n\r\n/);
  });

  it('error pages are the 153-byte 404 page nginx builds', () => {
    expect(specialPage(404)).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.29.1</center>\r\n</body>\r\n</html>\r\n');
    expect(specialPage(404).length).toBe(153);
  });

  it('refuses to start when the port is taken, as nginx says', async () => {
    const w = world();
    const r = await w.sh(`mount -t proc proc /proc
nc -l -p 80 >/dev/null &
sleep 1
nginx -g 'daemon off;'; echo "rc=$?"`);
    expect(r.err).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
    expect(r.err).toContain('nginx: [emerg] still could not bind()\n');
    expect(r.out).toContain('rc=1');
  });
});
