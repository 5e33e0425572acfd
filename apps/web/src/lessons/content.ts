// The lessons' texts and steps, bundled from the top-level lessons/ folder as
// a chunk of their own that loads only when the learner opens the lessons.
import { parseLesson, type Lesson } from '@dockersim/lessons';

const files = import.meta.glob('../../../../lessons/*/{steps.json,ko.md,en.md}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function load(): Lesson[] {
  const byFolder = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const m = /lessons\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    const f = byFolder.get(m[1]!) ?? {};
    f[m[2]!] = text;
    byFolder.set(m[1]!, f);
  }
  const lessons: Lesson[] = [];
  for (const [folder, f] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
    if (!f['steps.json'] || !f['ko.md'] || !f['en.md']) continue;
    try {
      lessons.push(parseLesson({ steps: f['steps.json'], ko: f['ko.md'], en: f['en.md'] }, folder));
    } catch (e) {
      console.warn(`lesson ${folder}:`, (e as Error).message);
    }
  }
  return lessons;
}

export const lessons: Lesson[] = load();
