// Linux errno values, defined once. The kernel keeps number and name; whoever
// prints picks the text (musl's strerror for busybox programs, Go's lower-case
// text for runc/containerd/dockerd).

export const EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
  ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14,
  EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
  ENFILE = 23, EMFILE = 24, ENOTTY = 25, ETXTBSY = 26, EFBIG = 27, ENOSPC = 28, ESPIPE = 29,
  EROFS = 30, EMLINK = 31, EPIPE = 32, ERANGE = 34, EDEADLK = 35, ENAMETOOLONG = 36,
  ENOSYS = 38, ENOTEMPTY = 39, ELOOP = 40, ENOTSOCK = 88, EDESTADDRREQ = 89, EMSGSIZE = 90, EPROTOTYPE = 91, ENOPROTOOPT = 92, EPROTONOSUPPORT = 93,
  EOPNOTSUPP = 95, EAFNOSUPPORT = 97, EADDRINUSE = 98, EADDRNOTAVAIL = 99, ENETDOWN = 100, ENETUNREACH = 101, ECONNRESET = 104,
  EISCONN = 106, ENOTCONN = 107, ETIMEDOUT = 110, ECONNREFUSED = 111, EHOSTUNREACH = 113, EALREADY = 114, EINPROGRESS = 115;

export const errnoName: Record<number, string> = {
  1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 5: 'EIO', 6: 'ENXIO', 7: 'E2BIG', 8: 'ENOEXEC',
  9: 'EBADF', 10: 'ECHILD', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES', 14: 'EFAULT', 16: 'EBUSY',
  17: 'EEXIST', 18: 'EXDEV', 19: 'ENODEV', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL', 23: 'ENFILE',
  24: 'EMFILE', 25: 'ENOTTY', 26: 'ETXTBSY', 27: 'EFBIG', 28: 'ENOSPC', 29: 'ESPIPE', 30: 'EROFS',
  31: 'EMLINK', 32: 'EPIPE', 34: 'ERANGE', 35: 'EDEADLK', 36: 'ENAMETOOLONG', 38: 'ENOSYS',
  39: 'ENOTEMPTY', 40: 'ELOOP', 88: 'ENOTSOCK', 89: 'EDESTADDRREQ', 90: 'EMSGSIZE', 91: 'EPROTOTYPE', 92: 'ENOPROTOOPT', 93: 'EPROTONOSUPPORT',
  95: 'EOPNOTSUPP', 97: 'EAFNOSUPPORT', 98: 'EADDRINUSE', 99: 'EADDRNOTAVAIL', 100: 'ENETDOWN', 101: 'ENETUNREACH', 104: 'ECONNRESET',
  106: 'EISCONN', 107: 'ENOTCONN', 110: 'ETIMEDOUT', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH', 114: 'EALREADY', 115: 'EINPROGRESS',
};

/** musl's strerror texts (what busybox on alpine prints). */
export const muslStrerror: Record<number, string> = {
  1: 'Operation not permitted', 2: 'No such file or directory', 3: 'No such process',
  4: 'Interrupted system call', 5: 'I/O error', 6: 'No such device or address',
  7: 'Argument list too long', 8: 'Exec format error', 9: 'Bad file descriptor',
  10: 'No child process', 11: 'Resource temporarily unavailable', 12: 'Out of memory',
  13: 'Permission denied', 14: 'Bad address', 16: 'Resource busy', 17: 'File exists',
  18: 'Cross-device link', 19: 'No such device', 20: 'Not a directory', 21: 'Is a directory',
  22: 'Invalid argument', 23: 'Too many open files in system', 24: 'No file descriptors available',
  25: 'Not a tty', 26: 'Text file busy', 27: 'File too large', 28: 'No space left on device',
  29: 'Invalid seek', 30: 'Read-only file system', 31: 'Too many links', 32: 'Broken pipe',
  34: 'Result not representable', 35: 'Resource deadlock would occur', 36: 'Filename too long',
  38: 'Function not implemented', 39: 'Directory not empty', 40: 'Symbolic link loop',
  88: 'Not a socket', 89: 'Destination address required', 90: 'Message too large', 91: 'Protocol wrong type for socket', 92: 'Protocol not available', 93: 'Protocol not supported',
  95: 'Not supported', 97: 'Address family not supported by protocol', 98: 'Address in use', 99: 'Address not available',
  100: 'Network is down', 101: 'Network unreachable', 104: 'Connection reset by peer', 106: 'Socket is connected',
  107: 'Socket not connected', 110: 'Operation timed out', 111: 'Connection refused',
  113: 'Host is unreachable', 114: 'Operation already in progress', 115: 'Operation in progress',
};

/** glibc's strerror texts (what GNU programs on ubuntu/debian print). */
export const glibcStrerror: Record<number, string> = {
  ...muslStrerror,
  5: 'Input/output error', 10: 'No child processes', 12: 'Cannot allocate memory',
  16: 'Device or resource busy', 24: 'Too many open files', 25: 'Inappropriate ioctl for device',
  29: 'Illegal seek', 34: 'Numerical result out of range', 35: 'Resource deadlock avoided',
  36: 'File name too long', 40: 'Too many levels of symbolic links', 90: 'Message too long', 95: 'Operation not supported',
  98: 'Address already in use', 99: 'Cannot assign requested address',
  101: 'Network is unreachable', 106: 'Transport endpoint is already connected',
  107: 'Transport endpoint is not connected', 110: 'Connection timed out',
  113: 'No route to host', 115: 'Operation now in progress',
};

/** Go's syscall.Errno texts (what runc, containerd and dockerd print): lower case. */
export function goStrerror(errno: number): string {
  const s = glibcStrerror[errno] ?? `errno ${errno}`;
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Where the engine keeps its stack-trace depth (V8); other engines ignore it. */
const ErrorCtor = Error as unknown as { stackTraceLimit?: number };

/**
 * A failed system call. Compare by `e.errno === ENOENT`. Failing calls are
 * common (a PATH search is a run of ENOENTs), so no stack trace is captured
 * unless SysError.traces is set (for debugging).
 */
export class SysError extends Error {
  static traces = false;
  constructor(readonly errno: number, readonly detail?: string) {
    const limit = ErrorCtor.stackTraceLimit;
    if (!SysError.traces && limit !== undefined) ErrorCtor.stackTraceLimit = 0;
    super(`${errnoName[errno] ?? errno}${detail ? `: ${detail}` : ''}`);
    if (limit !== undefined) ErrorCtor.stackTraceLimit = limit;
    this.name = 'SysError';
  }
}

export function isSysError(e: unknown, errno?: number): e is SysError {
  return e instanceof SysError && (errno === undefined || e.errno === errno);
}
