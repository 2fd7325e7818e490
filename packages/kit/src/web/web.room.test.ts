// `pnpm lesson end-call --web` as a process: the page's address on a line of its own, the page
// served from it, and Ctrl+C ending everything (server, worker, job and synthesis processes).
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { descendants, gone, spawnLessonProcess, until } from '../testing/processes.js';

const describeRoom = inject('livekitServer') ? describe : describe.skip;

describeRoom('pnpm lesson end-call --web', { timeout: 90_000 }, () => {
  it('prints the address on a line of its own, serves the page there, and Ctrl+C ends it all', async () => {
    const { child, output, exited: code } = spawnLessonProcess(['end-call', '--web']);
    const address = () => /^\s*(http:\/\/127\.0\.0\.1:\d+\/)\s*$/m.exec(output())?.[1];
    await until(
      () => address() !== undefined,
      60_000,
      () => `the page address in:\n${output()}`,
    );
    const page = await fetch(address()!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('"lesson":"end-call"');
    const script = await fetch(new URL('/page.js', address()));
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(10_000); // livekit-client, bundled in
    // Another site's name pointed at this address gets nothing.
    // (fetch will not send another Host header: node:http will.)
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(address()!, { headers: { host: 'attacker.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end(),
    );
    expect(rebound).toBe(421);

    const family = descendants(child.pid!);
    expect(family.length).toBeGreaterThanOrEqual(1); // the server, at least
    const signalledAt = performance.now();
    child.kill('SIGINT');
    expect(await code).toBe(130);
    expect(performance.now() - signalledAt).toBeLessThan(5000);
    await until(() => family.every(gone), 2000, `processes ${family.filter((p) => !gone(p))} to end`);
    expect(output()).toMatch(/Ctrl\+C: stopping the page, the worker and the server/);
    expect(output()).not.toMatch(/\n\s+at /);
  });
});
