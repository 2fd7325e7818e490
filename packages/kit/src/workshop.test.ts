// docs/workshop.md's agenda against the catalogue: a lesson's minutes in the table are the ones in
// its package.json ("lesson.minutes"), so the two cannot drift apart; and the start times add up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogue, repoRoot } from './lesson/catalogue.js';

interface Row {
  start: string;
  minutes: string;
  part: string;
}

/** The rows of the first table under "## Agenda". */
function agenda(markdown: string): Row[] {
  const section = markdown.split(/^## Agenda$/m)[1]?.split(/^## /m)[0] ?? '';
  const lines = section.split('\n').filter((line) => line.trim().startsWith('|'));
  return lines.slice(2).map((line) => {
    const [start = '', minutes = '', part = ''] = line
      .trim()
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    return { start, minutes, part };
  });
}

const clock = (text: string) => {
  const [hours, minutes] = text.split(':').map(Number);
  return hours! * 60 + minutes!;
};

describe('docs/workshop.md', () => {
  const rows = agenda(readFileSync(join(repoRoot(), 'docs', 'workshop.md'), 'utf8'));
  const lessons = readCatalogue();

  it('has an agenda table', () => {
    expect(rows.length).toBeGreaterThan(lessons.length);
    for (const row of rows) expect(row.start, JSON.stringify(row)).toMatch(/^\d+:\d\d$/);
  });

  it("gives each lesson, in order, the minutes of its package.json's lesson.minutes", () => {
    const inTable = rows.flatMap((row) => {
      const match = /^Lesson (\d+): `([a-z-]+)`/.exec(row.part);
      return match ? [{ order: Number(match[1]), name: match[2], minutes: Number(row.minutes) }] : [];
    });
    expect(inTable).toEqual(lessons.map(({ order, name, minutes }) => ({ order, name, minutes })));
  });

  it('follows each lesson with its exercise', () => {
    for (const lesson of lessons) {
      const at = rows.findIndex((row) => row.part.startsWith(`Lesson ${lesson.order}: \`${lesson.name}\``));
      expect(rows[at + 1]?.part, `the row after lesson ${lesson.name}`).toMatch(
        new RegExp(`^Exercise ${lesson.order}: \`${lesson.name}\``),
      );
    }
  });

  it('starts each part when the one before it ends', () => {
    for (let i = 1; i < rows.length; i++) {
      const before = rows[i - 1]!;
      expect(clock(rows[i]!.start), `${rows[i]!.part} starts when ${before.part} ends`).toBe(
        clock(before.start) + Number(before.minutes),
      );
    }
  });
});
