// The applets' names without their code. The host's layout and the program
// registry need the names at boot; the code (registry.ts and all it imports)
// loads on first use, its own chunk in the web bundle. names.test.ts checks
// that these lists agree with the applet table: a new applet goes in both.

/** Every applet in registry.ts's table, sorted. */
export const APPLET_NAMES: readonly string[] = [
  '[', '[[', 'addgroup', 'adduser', 'awk', 'base64', 'basename', 'brctl', 'bridge', 'cat', 'chgrp', 'chmod',
  'chown', 'chroot', 'clear', 'cmp', 'cp', 'cut', 'date', 'dd', 'deluser', 'df', 'diff', 'dirname', 'du',
  'echo', 'egrep', 'env', 'expr', 'false', 'fgrep', 'find', 'free', 'grep', 'groupadd', 'groups', 'gunzip',
  'gzip', 'hd', 'head', 'hexdump', 'hostname', 'httpd', 'id', 'ifconfig', 'install', 'ip', 'iptables', 'kill',
  'killall', 'less', 'link', 'ln', 'ls', 'lsns', 'md5sum', 'mkdir', 'mkfifo', 'mknod', 'mktemp', 'more',
  'mount', 'mountpoint', 'mv', 'nc', 'netstat', 'nice', 'nl', 'nohup', 'nologin', 'nproc', 'nsenter',
  'nslookup', 'od', 'paste', 'pgrep', 'pidof', 'ping', 'pkill', 'printenv', 'printf', 'ps', 'pstree', 'pwd',
  'readlink', 'realpath', 'reset', 'rev', 'rm', 'rmdir', 'sed', 'seq', 'setsid', 'sha1sum', 'sha256sum',
  'sleep', 'sort', 'ss', 'stat', 'strings', 'stty', 'su', 'sync', 'tac', 'tail', 'tar', 'tcpdump', 'tee',
  'test', 'time', 'timeout', 'top', 'touch', 'tr', 'true', 'truncate', 'tty', 'umount', 'uname', 'uniq',
  'unlink', 'unshare', 'uptime', 'useradd', 'usleep', 'wc', 'wget', 'which', 'whoami', 'xargs', 'xxd', 'yes',
  'zcat',
];

/** Applets only the busybox flavour has (registry.ts: busyboxOnly). */
export const BUSYBOX_ONLY: readonly string[] = [
  '[[', 'addgroup', 'adduser', 'deluser', 'hd', 'httpd', 'ifconfig', 'nc', 'netstat', 'nslookup', 'wget',
];

/** Applets only the GNU flavour has (registry.ts: gnuOnly). */
export const GNU_ONLY: readonly string[] = [
  'bridge', 'groupadd', 'iptables', 'lsns', 'pstree', 'ss', 'tcpdump', 'useradd',
];

/** What busybox carries: registry.ts's busyboxApplets. */
export const busyboxApplets: string[] = [...APPLET_NAMES.filter((n) => !GNU_ONLY.includes(n)), 'sh', 'ash'].sort();
/** The GNU flavour's programs, one /usr/bin entry each: registry.ts's coreutilsApplets. */
export const coreutilsApplets: string[] = APPLET_NAMES.filter((n) => !BUSYBOX_ONLY.includes(n));
