// An open file description (Linux's struct file): what a file descriptor points
// at. fds made by dup, by clone and by passing share one description, and so
// its offset and status flags. Regular files, directories, pipes, terminals,
// sockets and devices all implement it.

import type { Stat } from '../sys.ts';

export type FileKind = 'file' | 'dir' | 'pipe' | 'tty' | 'ptmx' | 'socket' | 'device' | 'proc';

/** Whom an operation acts for: the kernel checks waits and signals through it. */
export interface Waiter {
  /** Resolves a blocked call; the kernel drops it if the process died meanwhile. */
  readonly pid: number;
}

export interface OpenFile {
  readonly kind: FileKind;
  /** O_* status flags as opened (access mode, O_APPEND, O_NONBLOCK). */
  flags: number;
  /** Number of fds (in all processes) that refer to this description. */
  refs: number;
  /**
   * Reads up to n bytes. Returns the bytes at once when it need not wait (an
   * empty array is EOF), or a promise when it must block until data arrives.
   * @throws EAGAIN when it would block and O_NONBLOCK is set; EBADF if not readable.
   */
  read(n: number): Uint8Array | Promise<Uint8Array>;
  /**
   * Writes all of data; returns the count, or a promise while it must wait for room.
   * @throws EPIPE with no reader (the caller then raises SIGPIPE); EBADF if not writable.
   */
  write(data: Uint8Array): number | Promise<number>;
  stat(): Stat;
  /** @throws ESPIPE on pipes, ttys and sockets. */
  seek(offset: number, whence: number): number;
  /** Called once, when the last fd referring to it is closed. */
  release(): void;
}
