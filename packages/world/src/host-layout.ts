// The root filesystem of a simulated Docker host: an Ubuntu 24.04 server with
// Docker Engine installed, laid out before boot as an installer would.

import { executable, type HostFs } from '@dockersim/kernel';
import { UBUNTU_OS_RELEASE } from '@dockersim/image';
import { unitFiles } from './systemd-units.ts';

export interface HostLayoutOptions { hostname: string; coreutils: string[] }

const passwd = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash
`;

const group = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:ubuntu
tty:x:5:
disk:x:6:
sudo:x:27:ubuntu
users:x:100:ubuntu
nogroup:x:65534:
ubuntu:x:1000:
docker:x:988:ubuntu
`;

export function layoutHost(fs: HostFs, o: HostLayoutOptions): void {
  for (const d of ['/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local/bin', '/etc', '/home', '/opt',
    '/proc', '/sys', '/dev', '/dev/pts', '/dev/shm', '/run', '/srv', '/mnt', '/media', '/var', '/var/lib', '/var/log', '/var/cache',
    '/var/lib/docker', '/var/lib/containerd', '/etc/docker', '/etc/containerd']) fs.mkdirp(d, 0o755);
  fs.mkdirp('/root', 0o700);
  fs.mkdirp('/tmp', 0o1777);
  fs.mkdirp('/var/tmp', 0o1777);
  fs.mkdirp('/home/ubuntu', 0o750, 1000, 1000);
  fs.symlink('/run', '/var/run');
  // merged /usr, as on every Ubuntu since 20.04
  fs.symlink('usr/bin', '/bin');
  fs.symlink('usr/sbin', '/sbin');
  fs.symlink('usr/lib', '/lib');
  fs.symlink('usr/lib64', '/lib64');
  fs.mkdirp('/usr/lib64', 0o755);
  fs.mkdirp('/usr/lib/systemd', 0o755);

  const bin = (path: string, program: string) => fs.writeFile(path, executable(program), 0o755, 0, 0, true);
  bin('/usr/bin/bash', 'bash');
  bin('/usr/bin/dash', 'dash');
  fs.symlink('dash', '/usr/bin/sh');
  for (const a of o.coreutils) {
    if (a === 'sh' || a === 'bash') continue;
    bin(`/usr/bin/${a}`, 'coreutils');
  }
  bin('/usr/bin/curl', 'curl');
  bin('/usr/bin/getent', 'getent');
  bin('/usr/bin/docker', 'docker');
  bin('/usr/bin/dockerd', 'dockerd');
  bin('/usr/bin/docker-proxy', 'docker-proxy');
  bin('/usr/bin/docker-init', 'docker-init');
  bin('/usr/bin/containerd', 'containerd');
  bin('/usr/bin/containerd-shim-runc-v2', 'containerd-shim-runc-v2');
  bin('/usr/bin/runc', 'runc');
  bin('/usr/bin/ctr', 'ctr');
  bin('/lib/systemd/systemd', 'systemd');
  fs.symlink('/lib/systemd/systemd', '/sbin/init');
  bin('/usr/bin/systemctl', 'systemctl');
  bin('/usr/bin/journalctl', 'journalctl');
  fs.mkdirp('/usr/lib/systemd/system', 0o755);
  for (const u of unitFiles()) fs.writeFile(u.path, u.text);

  fs.writeFile('/etc/hostname', `${o.hostname}\n`);
  fs.writeFile('/etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${o.hostname}\n\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`);
  fs.writeFile('/etc/passwd', passwd);
  fs.writeFile('/etc/group', group);
  fs.writeFile('/etc/shadow', 'root:*:20000:0:99999:7:::\n', 0o640, 0, 42);
  fs.writeFile('/etc/os-release', UBUNTU_OS_RELEASE);
  fs.writeFile('/etc/issue', 'Ubuntu 24.04.3 LTS \\n \\l\n\n');
  fs.writeFile('/etc/resolv.conf', 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n');
  // netbase's services database, the lines the simulated services use
  fs.writeFile('/etc/services', [
    '# Network services, Internet style', '#',
    'ftp\t\t21/tcp', 'ssh\t\t22/tcp\t\t\t\t# SSH Remote Login Protocol', 'telnet\t\t23/tcp',
    'smtp\t\t25/tcp\t\tmail', 'domain\t\t53/tcp\t\t\t\t# Domain Name Server', 'domain\t\t53/udp',
    'http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP', 'https\t\t443/tcp\t\t\t\t# http protocol over TLS/SSL',
    'https\t\t443/udp\t\t\t\t# HTTP/3', 'mysql\t\t3306/tcp', 'postgresql\t5432/tcp\tpostgres\t# PostgreSQL Database',
    'redis\t\t6379/tcp', 'http-alt\t8080/tcp\twebcache\t# WWW caching service', '',
  ].join('\n'));
  fs.writeFile('/etc/shells', '/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n');
  fs.writeFile('/etc/docker/daemon.json', '{}\n');
  fs.writeFile('/root/.bashrc', '');
  fs.writeFile('/etc/profile', 'if [ "$PS1" ]; then PS1=\'\\u@\\h:\\w\\$ \'; fi\n');
}

