// strerror with the right libc's texts, and how each flavour of program
// quotes a name in its messages.

import { muslStrerror, glibcStrerror, isSysError } from '@dockersim/kernel';

/** busybox on musl (alpine, busybox images) or GNU on glibc (ubuntu, debian, the host). */
export type Flavour = 'busybox' | 'gnu';

export function strerror(flavour: Flavour, errno: number): string {
  const t = flavour === 'gnu' ? glibcStrerror : muslStrerror;
  return t[errno] ?? (flavour === 'gnu' ? `Unknown error ${errno}` : 'No error information');
}

/** The errno of a SysError; anything else (the kernel's exit/exec unwinding) is rethrown. */
export function errnoOf(e: unknown): number {
  if (isSysError(e)) return e.errno;
  throw e;
}

/**
 * GNU quote() in the C/POSIX locale, which containers run with: 'name', or
 * "name" when it holds a single quote.
 */
export function gnuQuote(s: string): string {
  if (!s.includes("'")) return `'${s}'`;
  if (!/["$`\\]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, "'\\''")}'`;
}
