import { describe, expect, it } from 'vitest';
import { readCatalogue } from './catalogue.js';

describe('catalogue', () => {
  it('lists the six lessons from their package.json, in order, with their metadata', () => {
    const lessons = readCatalogue();
    expect(lessons.map((l) => l.name)).toEqual([
      'greeting',
      'farewell',
      'turn-context',
      'shutdown-vs-delete',
      'end-call',
      'after-the-call',
    ]);
    expect(lessons.map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const lesson of lessons) {
      expect(lesson.title.length).toBeGreaterThan(10);
      expect(lesson.hooks.length).toBeGreaterThan(0);
      expect(lesson.minutes).toBeGreaterThan(0);
    }
    expect(lessons.filter((l) => l.needsRoom).map((l) => l.name)).toEqual([
      'shutdown-vs-delete',
      'end-call',
      'after-the-call',
    ]);
  });
});
