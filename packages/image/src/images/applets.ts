// Which applets the base images install, and where. This is image data: the
// directories come from busybox's applet table (BB_DIR_BIN, BB_DIR_SBIN,
// BB_DIR_USR_BIN, BB_DIR_USR_SBIN) for the applets Alpine's busybox build
// enables, as `busybox --install -s` lays them out in alpine:3.22; the
// coreutils list is GNU coreutils 9.4 as Ubuntu 24.04 ships it in /usr/bin.
//
// The userland package will export `busyboxApplets` and `coreutilsApplets`
// (the programs it implements). Until then these lists are the fallback; any
// applet userland adds beyond them is installed in /bin (busybox) or
// /usr/bin (coreutils).

/** Alpine 3.22 busybox symlinks, by directory. */
export const ALPINE_BUSYBOX_LAYOUT: Record<'bin' | 'sbin' | 'usr/bin' | 'usr/sbin', string[]> = {
  bin: [
    'arch', 'ash', 'base64', 'bbconfig', 'cat', 'chattr', 'chgrp', 'chmod', 'chown', 'cp', 'date', 'dd', 'df',
    'dmesg', 'dnsdomainname', 'dumpkmap', 'echo', 'egrep', 'false', 'fatattr', 'fdflush', 'fgrep', 'fsync',
    'getopt', 'grep', 'gunzip', 'gzip', 'hostname', 'ionice', 'iostat', 'ipcalc', 'kbd_mode', 'kill', 'link',
    'linux32', 'linux64', 'ln', 'login', 'ls', 'lsattr', 'lzop', 'makemime', 'mkdir', 'mknod', 'mktemp', 'more',
    'mount', 'mountpoint', 'mpstat', 'mv', 'netstat', 'nice', 'pidof', 'ping', 'ping6', 'pipe_progress',
    'printenv', 'ps', 'pwd', 'reformime', 'rev', 'rm', 'rmdir', 'run-parts', 'sed', 'setpriv', 'setserial',
    'sh', 'sleep', 'stat', 'stty', 'su', 'sync', 'tar', 'touch', 'true', 'umount', 'uname', 'usleep', 'watch',
    'zcat',
  ],
  sbin: [
    'acpid', 'adjtimex', 'arp', 'blkid', 'blockdev', 'depmod', 'fbsplash', 'fdisk', 'findfs', 'fsck', 'fstrim',
    'getty', 'halt', 'hwclock', 'ifconfig', 'ifdown', 'ifenslave', 'ifup', 'init', 'inotifyd', 'insmod', 'ip',
    'ipaddr', 'iplink', 'ipneigh', 'iproute', 'iprule', 'iptunnel', 'klogd', 'loadkmap', 'logread', 'losetup',
    'lsmod', 'mdev', 'mkdosfs', 'mkfs.vfat', 'mkswap', 'modinfo', 'modprobe', 'nameif', 'nologin', 'pivot_root',
    'poweroff', 'raidautorun', 'reboot', 'rmmod', 'route', 'setconsole', 'slattach', 'swapoff', 'swapon',
    'switch_root', 'sysctl', 'syslogd', 'tunctl', 'udhcpc', 'vconfig', 'watchdog',
  ],
  'usr/bin': [
    '[', '[[', 'awk', 'basename', 'bc', 'beep', 'blkdiscard', 'bunzip2', 'bzcat', 'bzip2', 'cal', 'chvt',
    'cksum', 'clear', 'cmp', 'comm', 'cpio', 'crontab', 'cryptpw', 'cut', 'dc', 'deallocvt', 'diff', 'dirname',
    'dos2unix', 'du', 'eject', 'env', 'expand', 'expr', 'factor', 'fallocate', 'find', 'flock', 'fold', 'free',
    'fuser', 'groups', 'hd', 'head', 'hexdump', 'hostid', 'id', 'install', 'ipcrm', 'ipcs', 'killall', 'last',
    'less', 'logger', 'lsof', 'lsusb', 'lzcat', 'lzma', 'lzopcat', 'md5sum', 'mesg', 'microcom', 'mkfifo',
    'mkpasswd', 'nc', 'nl', 'nmeter', 'nohup', 'nproc', 'nsenter', 'nslookup', 'od', 'openvt', 'passwd', 'paste',
    'pgrep', 'pkill', 'pmap', 'printf', 'pscan', 'pstree', 'pwdx', 'readlink', 'realpath', 'renice', 'reset',
    'resize', 'seq', 'setkeycodes', 'setsid', 'sha1sum', 'sha256sum', 'sha3sum', 'sha512sum', 'showkey', 'shred',
    'shuf', 'sort', 'split', 'strings', 'sum', 'tac', 'tail', 'tee', 'test', 'time', 'timeout', 'top', 'tr',
    'traceroute', 'traceroute6', 'tree', 'truncate', 'tty', 'ttysize', 'unexpand', 'uniq', 'unix2dos', 'unlink',
    'unlzma', 'unlzop', 'unshare', 'unxz', 'unzip', 'uptime', 'uudecode', 'uuencode', 'vi', 'vlock', 'volname',
    'wc', 'wget', 'which', 'who', 'whoami', 'whois', 'xargs', 'xxd', 'xzcat', 'yes',
  ],
  'usr/sbin': [
    'add-shell', 'addgroup', 'adduser', 'arping', 'brctl', 'chpasswd', 'chroot', 'crond', 'delgroup', 'deluser',
    'ether-wake', 'fbset', 'killall5', 'loadfont', 'nanddump', 'nandwrite', 'nbd-client', 'ntpd', 'partprobe',
    'rdate', 'rdev', 'readahead', 'remove-shell', 'rfkill', 'sendmail', 'setfont', 'setlogcons',
  ],
};

/** The busybox image (busybox:latest, uclibc/glibc static build) puts every applet in /bin. */
export const BUSYBOX_IMAGE_APPLETS: string[] = [
  ...new Set([
    ...ALPINE_BUSYBOX_LAYOUT.bin, ...ALPINE_BUSYBOX_LAYOUT.sbin, ...ALPINE_BUSYBOX_LAYOUT['usr/bin'],
    ...ALPINE_BUSYBOX_LAYOUT['usr/sbin'], 'busybox', 'httpd', 'telnet', 'tftp', 'ftpget', 'ftpput', 'sh', 'hush',
  ]),
].filter((a) => a !== 'bbconfig' && a !== 'busybox').sort();

/** GNU coreutils 9.4 programs in Ubuntu 24.04 / Debian (all in /usr/bin). */
export const COREUTILS_PROGRAMS: string[] = [
  '[', 'arch', 'b2sum', 'base32', 'base64', 'basename', 'basenc', 'cat', 'chcon', 'chgrp', 'chmod', 'chown',
  'chroot', 'cksum', 'comm', 'cp', 'csplit', 'cut', 'date', 'dd', 'df', 'dir', 'dircolors', 'dirname', 'du',
  'echo', 'env', 'expand', 'expr', 'factor', 'false', 'fmt', 'fold', 'groups', 'head', 'hostid', 'id', 'install',
  'join', 'link', 'ln', 'logname', 'ls', 'md5sum', 'mkdir', 'mkfifo', 'mknod', 'mktemp', 'mv', 'nice', 'nl',
  'nohup', 'nproc', 'numfmt', 'od', 'paste', 'pathchk', 'pinky', 'pr', 'printenv', 'printf', 'ptx', 'pwd',
  'readlink', 'realpath', 'rm', 'rmdir', 'runcon', 'seq', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum',
  'sha512sum', 'shred', 'shuf', 'sleep', 'sort', 'split', 'stat', 'stdbuf', 'stty', 'sum', 'sync', 'tac', 'tail',
  'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'truncate', 'tsort', 'tty', 'uname', 'unexpand', 'uniq',
  'unlink', 'users', 'vdir', 'wc', 'who', 'whoami', 'yes',
];

/** Applets userland implements beyond the lists above (empty until userland provides its lists). */
export function extraApplets(known: readonly string[], implemented: readonly string[] | undefined): string[] {
  if (!implemented) return [];
  const have = new Set(known);
  return implemented.filter((a) => !have.has(a) && /^[\w.[\]-]+$/.test(a));
}
