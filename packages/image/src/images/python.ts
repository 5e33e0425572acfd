// python:3.13.9-slim on debian:bookworm-slim: the interpreter in
// /usr/local/bin, python3 as the command.

import type { Arch, BuiltImage } from '../build/image.ts';
import { officialImage } from './official.ts';

const CREATED = '2025-10-15T02:06:14Z';

export function buildPython(arch: Arch): BuiltImage {
  return officialImage({
    arch, created: CREATED, base: 'bookworm-slim',
    env: ['PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG=C.UTF-8',
      'GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305', 'PYTHON_VERSION=3.13.9'],
    run: {
      createdBy: 'set -eux; savedAptMark="$(apt-mark showmanual)"; apt-get update; apt-get install -y --no-install-recommends dpkg-dev gcc libssl-dev make; ./configure --enable-optimizations --enable-shared; make -j "$nproc"; make install; for src in idle3 pip3 pydoc3 python3 python3-config; do dst="$(echo "$src" | tr -d 3)"; ln -svT "$src" "/usr/local/bin/$dst"; done',
      files: (fs) => {
        fs.exe('usr/local/bin/python3.13', 'python3', 14_336);
        fs.symlink('usr/local/bin/python3', 'python3.13');
        fs.symlink('usr/local/bin/python', 'python3');
        fs.dirs('usr/local/lib/python3.13/http');
        fs.file('usr/local/lib/python3.13/http/server.py', '"""HTTP server classes."""\n');
        fs.blob('usr/local/lib/libpython3.13.so.1.0', 30_000_000);
        fs.padTo('usr/local/lib/libpython3.13.so.1.0', 41_000_000);
      },
    },
    config: { Cmd: ['python3'] },
    tail: ['CMD ["python3"]'],
  });
}
