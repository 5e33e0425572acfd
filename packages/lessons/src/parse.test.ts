import { describe, expect, it } from 'vitest';
import { LessonFormatError, parseLesson, parseLessonText, parseStepsFile } from './parse.ts';

const steps = (n: number) => JSON.stringify({
  id: '99-demo',
  steps: Array.from({ length: n }, (_, i) => ({
    id: `s${i}`, check: { image: 'alpine' }, solution: ['docker pull alpine'],
    hints: { ko: ['힌트'], en: ['hint'] },
  })),
});

describe('parseLessonText', () => {
  it('splits the title, the introduction and one section per ## heading', () => {
    const t = parseLessonText('# Title\n\nIntro text.\n\n## One\n\nFirst.\n\n## Two\nSecond.\n');
    expect(t.title).toBe('Title');
    expect(t.intro).toBe('Intro text.');
    expect(t.steps).toEqual([{ title: 'One', body: 'First.' }, { title: 'Two', body: 'Second.' }]);
  });

  it('does not split at a ## inside a fenced block', () => {
    const t = parseLessonText('# T\n## A\n```\n## not a step\n```\n');
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]!.body).toContain('## not a step');
  });

  it('needs a title', () => {
    expect(() => parseLessonText('## A\n', 'x/en.md')).toThrow('x/en.md: no `# Title` line');
  });
});

describe('parseStepsFile', () => {
  it('rejects a check with two kinds or none', () => {
    const bad = JSON.stringify({ id: 'x', steps: [{ id: 'a', check: { image: 'a', hostFile: { path: '/x' } }, solution: ['x'], hints: { ko: ['a'], en: ['a'] } }] });
    expect(() => parseStepsFile(bad)).toThrow(/exactly one of/);
  });

  it('rejects a step without hints in both languages', () => {
    const bad = JSON.stringify({ id: 'x', steps: [{ id: 'a', check: { image: 'a' }, solution: ['x'], hints: { en: ['a'] } }] });
    expect(() => parseStepsFile(bad)).toThrow('"hints.ko" is a non-empty list');
  });

  it('rejects duplicate step ids', () => {
    const s = JSON.parse(steps(2));
    s.steps[1].id = 's0';
    expect(() => parseStepsFile(JSON.stringify(s))).toThrow('duplicate id "s0"');
  });
});

describe('parseLesson', () => {
  it('pairs the steps with the sections of both texts', () => {
    const l = parseLesson({ steps: steps(2), ko: '# 제목\n## 하나\n## 둘\n', en: '# Title\n## One\n## Two\n' });
    expect(l.id).toBe('99-demo');
    expect(l.text.ko.steps.map((s) => s.title)).toEqual(['하나', '둘']);
  });

  it('fails when a text has a different number of steps', () => {
    expect(() => parseLesson({ steps: steps(2), ko: '# 제목\n## 하나\n', en: '# Title\n## One\n## Two\n' }, '99-demo'))
      .toThrow(new LessonFormatError('99-demo/ko.md', '1 step sections (## ...) for 2 steps in steps.json'));
  });
});
