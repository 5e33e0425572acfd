// The executable format of simulated binaries. A real ELF file starts with
// "\x7fELF"; ours continues with the name of the program in the userland
// registry, so `file`, `cat` and `sha256sum` see bytes and execve can find the
// program. Scripts starting with "#!" go through their interpreter as usual.

const MAGIC = '\x7fELF\x02\x01\x01\x00dockersim:';

/** The bytes of an executable that runs the registered program `name`. */
export function executable(name: string): Uint8Array {
  return new TextEncoder().encode(`${MAGIC}${name}\n`);
}

/** The program name inside an executable's bytes, or undefined when it is not one. */
export function programName(bytes: Uint8Array): string | undefined {
  if (bytes.length < MAGIC.length + 2 || bytes[0] !== 0x7f || bytes[1] !== 0x45) return undefined;
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 128)));
  if (!head.startsWith(MAGIC)) return undefined;
  const end = head.indexOf('\n', MAGIC.length);
  return end > MAGIC.length ? head.slice(MAGIC.length, end) : undefined;
}
