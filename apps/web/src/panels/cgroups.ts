// Each running container's cgroup as gauges, read from its cgroup v2 files:
// memory.current against memory.max (with memory.peak marked and OOM kills
// counted), pids.current against pids.max, and the CPU it used since the
// last look (cpu.stat's usage_usec over the time passed) against cpu.max or
// the machine's CPUs. The gauges move as a `-m` container allocates or forks.
import type { LessonsContext } from '../lessons/entry.ts';
import type { CgroupRow, CgroupsView } from './side/views.ts';
import { el, pollView } from './poll.ts';
import { binBytes, short } from './side/units.ts';
import './panels.css';
import './side/inside.css';

interface Gauge { wrap: HTMLElement; fill: HTMLElement; peak: HTMLElement; text: HTMLElement }

function gauge(name: string): Gauge {
  const wrap = el('div', 'ic-gauge');
  wrap.dataset.gauge = name;
  const bar = el('div', 'ic-bar');
  const fill = el('div', 'ic-fill');
  const peak = el('div', 'ic-peak');
  peak.hidden = true;
  bar.append(fill, peak);
  const text = el('div', 'ic-text');
  wrap.append(el('span', 'ic-name', name), bar, text);
  return { wrap, fill, peak, text };
}

function set(g: Gauge, frac: number, text: string, peak?: number): void {
  const f = Math.max(0, Math.min(1, frac));
  g.fill.style.width = `${(f * 100).toFixed(1)}%`;
  g.wrap.classList.toggle('ic-warn', f >= 0.75 && f < 0.95);
  g.wrap.classList.toggle('ic-full', f >= 0.95);
  g.wrap.dataset.frac = f.toFixed(4);
  if (peak !== undefined) { g.peak.hidden = false; g.peak.style.left = `${(Math.min(1, peak) * 100).toFixed(1)}%`; }
  g.text.textContent = text;
}

interface Card { el: HTMLElement; mem: Gauge; pids: Gauge; cpu: Gauge; lastUs: number; lastT: number }

/** A scale for a gauge without a limit: the next power of two above the value, so it still moves. */
const scale = (v: number, min: number): number => { let s = min; while (s < v) s *= 2; return s; };

export function mount(box: HTMLElement, ctx: LessonsContext): () => void {
  box.classList.add('ip');
  box.dataset.view = 'cgroups';
  const title = el('h3', '', 'cgroups');
  const list = el('div');
  const empty = el('div', 'ip-empty', 'No running container. Try: docker run -d -m 32m --pids-limit 20 --name m alpine sleep 1000');
  box.replaceChildren(title, list, empty);
  const cards = new Map<string, Card>();
  let busy = false;

  const update = (v: CgroupsView, row: CgroupRow): void => {
    let c = cards.get(row.id);
    if (!c) {
      const card = el('div', 'ic-card');
      card.dataset.container = row.name;
      const head = el('div', 'ic-title');
      head.append(el('b', '', row.name), el('span', 'ic-path', row.path.replace(/[0-9a-f]{64}/, (id) => short(id) + '…')));
      head.title = `/sys/fs/cgroup${row.path}`;
      c = { el: card, mem: gauge('memory'), pids: gauge('pids'), cpu: gauge('cpu'), lastUs: row.cpuUsageUs, lastT: v.uptime };
      card.append(head, c.mem.wrap, c.pids.wrap, c.cpu.wrap);
      cards.set(row.id, c);
    }
    list.append(c.el);
    const memMax = row.memMax ?? scale(row.memCurrent, 64 << 20);
    const oom = row.oomKills ? ` · oom_kill ${row.oomKills}` : '';
    set(c.mem, row.memCurrent / memMax, `memory.current ${binBytes(row.memCurrent)} / memory.max ${row.memMax === null ? 'max' : binBytes(row.memMax)} · peak ${binBytes(row.memPeak)}${oom}`, row.memPeak / memMax);
    c.mem.text.classList.toggle('ic-oom', row.oomKills > 0);
    const pidsMax = row.pidsMax ?? scale(row.pidsCurrent, 16);
    set(c.pids, row.pidsCurrent / pidsMax, `pids.current ${row.pidsCurrent} / pids.max ${row.pidsMax ?? 'max'}`);
    // CPU: usage since the last look, as a share of what cpu.max (or the machine) allows
    const dt = (v.uptime - c.lastT) * 1000;
    const used = dt > 0 ? (row.cpuUsageUs - c.lastUs) / dt : 0;
    const allowed = row.cpuQuotaUs !== null ? row.cpuQuotaUs / row.cpuPeriodUs : v.ncpu;
    if (dt > 0 || row.cpuUsageUs !== c.lastUs) { c.lastUs = row.cpuUsageUs; c.lastT = v.uptime; }
    if (used > 0) busy = true;
    const limit = row.cpuQuotaUs === null ? `cpu.max max (${v.ncpu} CPUs)` : `cpu.max ${row.cpuQuotaUs} ${row.cpuPeriodUs}`;
    set(c.cpu, used / allowed, `${(used * 100).toFixed(0)}% · usage_usec ${row.cpuUsageUs} · ${limit}`);
  };

  const poll = pollView(ctx, () => ({ cgroups: true }),
    // redrawn when a file changed, and on every look while the CPU is busy (its rate falls back to 0)
    (r) => JSON.stringify(r.cgroups?.rows) + (busy ? r.uptime : ''),
    (r) => {
      const v = r.cgroups;
      if (!v) return;
      busy = false;
      const ids = new Set(v.rows.map((row) => row.id));
      for (const [id, c] of cards) if (!ids.has(id)) { c.el.remove(); cards.delete(id); }
      for (const row of v.rows) update(v, row);
      title.textContent = `cgroups · ${v.rows.length} running container${v.rows.length === 1 ? '' : 's'}`;
      empty.hidden = v.rows.length > 0;
    });
  return () => poll.stop();
}
