import { describe, expect, it } from 'vitest';
import { completion, markDone, readProgress, setCurrent } from './progress.ts';

describe('progress', () => {
  it('reads back what it stored and ignores garbage', () => {
    let p = readProgress(null);
    p = markDone(p, 'l1', 'a');
    p = setCurrent(p, 'l1', 1);
    expect(readProgress(JSON.stringify(p))).toEqual({ l1: { done: ['a'], current: 1 } });
    expect(readProgress('{not json')).toEqual({});
    expect(readProgress('[1,2]')).toEqual({});
  });

  it('counts only steps the lesson still has', () => {
    const p = markDone(markDone({}, 'l1', 'a'), 'l1', 'gone');
    expect(completion(p, 'l1', ['a', 'b'])).toEqual({ done: 1, total: 2 });
  });
});
