// Files between the learner's computer and the simulated host: an upload
// button writes the chosen files into a directory of node1 (through the
// host's own base64 -d, so nothing but the simulation's file system is
// touched) and a download button fetches one file back (base64 on the host,
// decoded here into a Blob).
import type { Remote } from 'comlink';
import type { WorkerApi } from './protocol.ts';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Writes bytes to path on the host (creating its directory). Resolves with the shell's error text, or ''. */
export async function uploadFile(world: Remote<WorkerApi>, path: string, bytes: Uint8Array): Promise<string> {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const r = await world.exec(`mkdir -p ${quote(dir)} && base64 -d > ${quote(path)}`, { stdin: toBase64(bytes) + '\n' });
  return r.exitCode === 0 ? '' : r.stderr.trim() || `exit ${r.exitCode}`;
}

/** Reads a host file's bytes; throws the shell's error text. */
export async function downloadFile(world: Remote<WorkerApi>, path: string): Promise<Uint8Array> {
  const r = await world.exec(`base64 ${quote(path)}`);
  if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
  return fromBase64(r.stdout);
}

/** Adds "Upload" and "Download" to the page's bar. */
export function mountFiles(opts: { world: Remote<WorkerApi>; bar: HTMLElement; say: (text: string) => void }): void {
  const { world, bar, say } = opts;
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.hidden = true;
  input.id = 'upload-input';
  const up = document.createElement('button');
  up.textContent = 'Upload';
  up.id = 'upload';
  up.title = 'Copy files from your computer into the simulated host';
  const down = document.createElement('button');
  down.textContent = 'Download';
  down.id = 'download';
  down.title = 'Save a file of the simulated host on your computer';
  up.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const dir = (prompt('Upload into which directory of node1?', '/root') ?? '').replace(/\/+$/, '');
    if (!dir && dir !== '') return;
    for (const f of Array.from(input.files ?? [])) {
      const err = await uploadFile(world, `${dir || ''}/${f.name}`, new Uint8Array(await f.arrayBuffer()));
      say(err ? `upload of ${f.name} failed: ${err}` : `uploaded ${dir || ''}/${f.name}`);
    }
    input.value = '';
  });
  down.addEventListener('click', async () => {
    const path = prompt('Download which file of node1?', '/root/');
    if (!path) return;
    try {
      const bytes = await downloadFile(world, path);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([bytes as BlobPart]));
      a.download = path.slice(path.lastIndexOf('/') + 1) || 'download';
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      say(`downloaded ${path}`);
    } catch (e) { say(`download of ${path} failed: ${(e as Error).message}`); }
  });
  bar.append(up, down, input);
}
