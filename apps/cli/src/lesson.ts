// dockersim lesson: the guided lessons from a terminal.
//   dockersim lesson list              the lessons and their steps
//   dockersim lesson run LESSON...     runs each lesson's reference solution headless and reports each check
//   dockersim lesson run --all         every lesson (what CI runs)

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorld } from '@dockersim/world';
import { lessonHost, parseLesson, runLesson, type Lesson } from '@dockersim/lessons';

const hostYield = () => new Promise<void>((r) => setImmediate(r));

const usage = `Usage:  dockersim lesson COMMAND

Commands:
  list                 List the lessons
  run LESSON...        Run lessons' reference solutions and report each step's check
  run --all            Run every lesson

LESSON is a folder under lessons/ (01-containers-are-processes), its number (1), or a path.
The lessons are looked for in $DOCKERSIM_LESSONS, ./lessons, then beside the program.
`;

/** Where the lesson folders are: $DOCKERSIM_LESSONS, ./lessons, or the repository's beside the program. */
function lessonsRoot(): string {
  const candidates = [
    process.env.DOCKERSIM_LESSONS,
    join(process.cwd(), 'lessons'),
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../lessons'),
  ];
  for (const c of candidates) if (c && existsSync(c) && statSync(c).isDirectory()) return c;
  throw new Error('no lessons directory found (set DOCKERSIM_LESSONS)');
}

function lessonFolders(root: string): string[] {
  return readdirSync(root)
    .filter((n) => /^\d\d-/.test(n) && existsSync(join(root, n, 'steps.json')))
    .sort()
    .map((n) => join(root, n));
}

function findFolder(root: string, name: string): string {
  if (existsSync(join(name, 'steps.json'))) return name;
  const folders = lessonFolders(root);
  const n = /^\d+$/.test(name) ? Number(name) : NaN;
  const hit = folders.find((f) => basename(f) === name || (!Number.isNaN(n) && Number(basename(f).slice(0, 2)) === n));
  if (!hit) throw new Error(`no lesson "${name}" in ${root} (have: ${folders.map((f) => basename(f)).join(', ')})`);
  return hit;
}

export function loadLesson(folder: string): Lesson {
  const read = (f: string) => readFileSync(join(folder, f), 'utf8');
  return parseLesson({ steps: read('steps.json'), ko: read('ko.md'), en: read('en.md') }, basename(folder));
}

async function runOne(folder: string): Promise<{ passed: number; failed: number }> {
  const lesson = loadLesson(folder);
  console.log(`# lesson ${lesson.id}: ${lesson.text.en.title}`);
  let passed = 0, failed = 0;
  await runLesson(lesson, {
    newHost: async () => lessonHost(await createWorld({ hostYield })),
    onResult(r) {
      if (r.ok) passed++; else failed++;
      console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name}`);
      if (!r.ok) for (const line of r.detail.trimEnd().split('\n')) console.log(`  # ${line}`);
    },
  });
  return { passed, failed };
}

export async function lessonCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'list') {
      for (const f of lessonFolders(lessonsRoot())) {
        const l = loadLesson(f);
        console.log(`${basename(f)}  ${l.text.en.title} / ${l.text.ko.title} (${l.steps.length} steps)`);
      }
      return 0;
    }
    if (sub === 'run' && rest.length) {
      const root = lessonsRoot();
      const folders = rest.includes('--all') ? lessonFolders(root) : rest.map((n) => findFolder(root, n));
      let passed = 0, failed = 0;
      for (const f of folders) {
        const r = await runOne(f);
        passed += r.passed; failed += r.failed;
      }
      console.log(`${passed} passed, ${failed} failed`);
      return failed ? 1 : 0;
    }
    if (sub === undefined || sub === '--help' || sub === '-h') { process.stdout.write(usage); return sub ? 0 : 1; }
    process.stderr.write(`dockersim lesson: unknown command: ${[sub, ...rest].join(' ')}\n\n${usage}`);
    return 1;
  } catch (e) {
    process.stderr.write(`dockersim lesson: ${(e as Error).message}\n`);
    return 1;
  }
}
