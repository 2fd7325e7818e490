// `pnpm lesson end-call --web` as a process: the page's address on a line of its own, the page
// served from it, and Ctrl+C ending everything (server, worker, job and synthesis processes).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../lesson/catalogue.js';
import { descendants, gone } from '../testing/processes.js';

const describeRoom = inject('livekitServer') ? describe : describe.skip;

describeRoom('pnpm lesson end-call --web', { timeout: 90_000 }, () => {
  it('prints the address on a line of its own, serves the page there, and Ctrl+C ends it all', async () => {
    const child = spawn('node', ['packages/kit/bin/lesson.mjs', 'end-call', '--web'], {
      cwd: repoRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    const address = () => /^\s*(http:\/\/127\.0\.0\.1:\d+\/)\s*$/m.exec(output)?.[1];
    for (const deadline = performance.now() + 60_000; !address();) {
      if (performance.now() > deadline) throw new Error(`no address printed:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
    for (const deadline = performance.now() + 2000; !family.every(gone);) {
      if (performance.now() > deadline) throw new Error(`left running: ${family.filter((p) => !gone(p))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(output).toMatch(/Ctrl\+C: stopping the page, the worker and the server/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
