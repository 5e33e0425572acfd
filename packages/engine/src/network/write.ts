// Writing a whole file in place (O_TRUNC keeps the inode, so a file already
// bind-mounted into a container shows the new text).

import { O_CREAT, O_TRUNC, O_WRONLY, type Sys } from '@dockersim/kernel';

export async function writeText(sys: Sys, path: string, text: string): Promise<void> {
  const fd = sys.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  try { await sys.write(fd, text); } finally { sys.close(fd); }
}
