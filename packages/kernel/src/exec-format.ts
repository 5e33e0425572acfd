// The executable format of simulated binaries. A real ELF file starts with
// "\x7fELF"; ours continues with the name of the program in the userland
// registry, so `file`, `cat` and `sha256sum` see bytes and execve can find the
// program. Scripts starting with "#!" go through their interpreter as usual.

const MAGIC = '\x7fELF\x02\x01\x01\x00dockersim:';

/** The bytes of an executable that runs the registered program `name`. */
export function executable(name: string): Uint8Array {
  return new TextEncoder().encode(`${MAGIC}${name}\n`);
}

const MAGIC_BYTES = new TextEncoder().encode(MAGIC);
const dec = new TextDecoder();

/** The program name inside an executable's bytes, or undefined when it is not one. */
export function programName(bytes: Uint8Array): string | undefined {
  const m = MAGIC_BYTES, n = m.length;
  if (bytes.length < n + 2) return undefined;
  for (let i = 0; i < n; i++) if (bytes[i] !== m[i]) return undefined;
  const lim = Math.min(bytes.length, 128);
  let end = n;
  while (end < lim && bytes[end] !== 10) end++;
  return end > n && end < lim ? dec.decode(bytes.subarray(n, end)) : undefined;
}
