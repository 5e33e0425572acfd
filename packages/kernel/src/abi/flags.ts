// Flag constants of the Linux ABI that programs pass to system calls.

// open(2)
export const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_ACCMODE = 3, O_CREAT = 0o100,
  O_EXCL = 0o200, O_NOCTTY = 0o400, O_TRUNC = 0o1000, O_APPEND = 0o2000, O_NONBLOCK = 0o4000,
  O_DIRECTORY = 0o200000, O_NOFOLLOW = 0o400000, O_CLOEXEC = 0o2000000;

// stat(2) st_mode
export const S_IFMT = 0o170000, S_IFSOCK = 0o140000, S_IFLNK = 0o120000, S_IFREG = 0o100000,
  S_IFBLK = 0o060000, S_IFDIR = 0o040000, S_IFCHR = 0o020000, S_IFIFO = 0o010000,
  S_ISUID = 0o4000, S_ISGID = 0o2000, S_ISVTX = 0o1000;

// access(2)
export const F_OK = 0, X_OK = 1, W_OK = 2, R_OK = 4;

// lseek(2)
export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

// clone(2) / unshare(2) / setns(2)
export const CLONE_NEWNS = 0x00020000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000,
  CLONE_NEWIPC = 0x08000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000,
  CLONE_NEWNET = 0x40000000;

// mount(2)
export const MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
  MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19,
  MS_SHARED = 1 << 20;
// umount2(2)
export const MNT_FORCE = 1, MNT_DETACH = 2;

// wait4(2)
export const WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8;

// prctl(2)
export const PR_SET_NAME = 15, PR_SET_CHILD_SUBREAPER = 36, PR_SET_PDEATHSIG = 1;

// sigaction(2) sa_flags
export const SA_RESTART = 0x10000000;

// shutdown(2)
export const SHUT_RD = 0, SHUT_WR = 1, SHUT_RDWR = 2;

// socket(2)
export const AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_PACKET = 17;
export const SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;
export const SOCK_NONBLOCK = 0o4000, SOCK_CLOEXEC = 0o2000000;
export const IPPROTO_IP = 0, IPPROTO_ICMP = 1, IPPROTO_TCP = 6, IPPROTO_UDP = 17;
// setsockopt(2) levels and names
export const SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ERROR = 4, SO_BROADCAST = 6,
  SO_KEEPALIVE = 9, SO_REUSEPORT = 15, SO_RCVTIMEO = 20;
export const IP_TTL = 2, TCP_NODELAY = 1;

// termios c_lflag / c_iflag / c_oflag bits used by the line discipline
export const ISIG = 0o1, ICANON = 0o2, ECHO = 0o10, ECHOE = 0o20, ECHOK = 0o40, ECHONL = 0o100,
  IEXTEN = 0o100000, ICRNL = 0o400, IXON = 0o2000, OPOST = 0o1, ONLCR = 0o4;

// more termios bits (Linux values)
export const ECHOCTL = 0o1000, ECHOPRT = 0o2000, ECHOKE = 0o4000, NOFLSH = 0o200, TOSTOP = 0o400,
  ISTRIP = 0o40, INLCR = 0o100, IGNCR = 0o200, IUTF8 = 0o40000, IXANY = 0o4000, OCRNL = 0o10;
