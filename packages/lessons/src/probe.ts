// What one evaluation of a check reads from the world, read once: the
// containers' inspect data, the kernel's process table, images, volumes,
// logs and the daemon's events. Every read goes through the Engine API or the
// kernel, as the product's own views do.

import { ApiError, Demuxer, type ContainerInspect, type ImageInspect, type Volume } from '@dockersim/engine-api';
import type { ProcessInfo } from '@dockersim/kernel';
import type { FileStat, LessonHost } from './host.ts';

const dec = new TextDecoder();

/** undefined for a 404 (no such object), the error otherwise. */
function orMissing<T>(p: Promise<T>): Promise<T | undefined> {
  return p.catch((e) => {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  });
}

export class Probe {
  private _inspects?: Promise<ContainerInspect[]>;
  private _procs?: ProcessInfo[];
  private readonly _images = new Map<string, Promise<ImageInspect | undefined>>();
  private readonly _volumes = new Map<string, Promise<Volume | undefined>>();
  constructor(readonly host: LessonHost) {}

  containers(): Promise<ContainerInspect[]> {
    return this._inspects ??= (async () => {
      const list = await this.host.engine.containerList({ all: true });
      const out: ContainerInspect[] = [];
      for (const c of list) {
        try { out.push(await this.host.engine.containerInspect(c.Id)); } catch { /* removed meanwhile */ }
      }
      return out;
    })();
  }

  processes(): ProcessInfo[] { return this._procs ??= this.host.processes(); }

  /** The image a reference names locally, or undefined. */
  image(ref: string): Promise<ImageInspect | undefined> {
    let p = this._images.get(ref);
    if (!p) this._images.set(ref, p = orMissing(this.host.engine.imageInspect(ref)));
    return p;
  }

  /** The image id a reference names locally, or undefined. */
  async imageId(ref: string): Promise<string | undefined> { return (await this.image(ref))?.Id; }

  volume(name: string): Promise<Volume | undefined> {
    let p = this._volumes.get(name);
    if (!p) this._volumes.set(name, p = orMissing(this.host.engine.volumeInspect(name)));
    return p;
  }

  async logs(c: ContainerInspect): Promise<string> {
    const stream = await this.host.engine.containerLogs(c.Id, { stdout: true, stderr: true });
    const parts: string[] = [];
    const demux = new Demuxer((_s, payload) => parts.push(dec.decode(payload)));
    for (;;) {
      const chunk = await stream.read();
      if (!chunk) break;
      if (c.Config.Tty) parts.push(dec.decode(chunk)); else demux.push(chunk);
    }
    return parts.join('');
  }

  /** The processes in a running container: those in its cgroup, PID 1 first. */
  containerProcesses(c: ContainerInspect): ProcessInfo[] {
    const procs = this.processes();
    const init = procs.find((p) => p.pid === c.State.Pid);
    if (!init) return [];
    return [init, ...procs.filter((p) => p !== init && p.cgroup === init.cgroup)];
  }

  /** The signals the daemon sent a container, from its event history. */
  async signalsSent(c: ContainerInspect): Promise<number[]> {
    const now = Date.parse((await this.host.engine.info()).SystemTime);
    const stream = await this.host.engine.events({ since: '0', until: String(Math.floor(now / 1000)), filters: { container: [c.Id], event: ['kill'] } });
    let text = '';
    for (;;) {
      const chunk = await stream.read();
      if (!chunk) break;
      text += dec.decode(chunk);
    }
    return text.split('\n').filter(Boolean).map((l) => Number((JSON.parse(l) as { Actor: { Attributes: Record<string, string> } }).Actor.Attributes.signal));
  }

  readFile(path: string): string | undefined {
    const b = this.host.readFile(path);
    return b && dec.decode(b);
  }

  stat(path: string): FileStat | undefined { return this.host.stat(path); }
}
