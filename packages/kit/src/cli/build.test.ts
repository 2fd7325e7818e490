// The lesson build in a folder it cannot write (a read-only checkout): one line, and what to do.
import { describe, expect, it } from 'vitest';
import { build } from '../../bin/build.mjs';

describe('the lesson build', () => {
  it('says in one line that it cannot write its folder, and what to do', async () => {
    const failed = await (build({ buildRoot: '/dev/null/lessons-build' }) as Promise<unknown>).then(
      () => undefined,
      (error: Error & { code?: string }) => error,
    );
    expect(failed).toMatchObject({ code: 'LESSON_BUILD_UNWRITABLE' });
    expect((failed as Error).message).toMatch(
      /^cannot write \/dev\/null\/lessons-build \(ENOTDIR\), where pnpm lesson compiles the lessons\. Make it writable/,
    );
    expect((failed as Error).message).not.toContain('\n');
  });
});
