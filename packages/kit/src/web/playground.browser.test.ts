// The playground in a real browser (Debian's Chromium, driven by playwright-core) against the
// real local livekit-server the room tests share: each lesson's page greets the learner by name
// after onEnter stands on its timeline, and speech (audio with energy, not just samples) arrives;
// in end-call, the goodbye arrives to its end before the room is deleted, and in the hasty scene
// it does not. Skipped loudly without Chromium or a server; LESSON_REQUIRE_BROWSER=1 (and
// LESSON_REQUIRE_ROOM_TESTS=1) make that a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readCatalogue } from '../lesson/catalogue.js';
import type { TimedEvent } from '../trace/events.js';
import { type RoomLesson, startRoomLesson } from '../room/room-lesson.js';
import { FLITE_SAMPLE_RATE, FLITE_VOICE, SynthesisProcess } from '../voice/synthesis-process.js';
import { type Playground, startPlayground } from './playground-server.js';
import { processStat } from '../testing/processes.js';

const server = inject('livekitServer');
const build = inject('lessonsBuild');
const chromiumPath = process.env.LESSON_CHROMIUM || '/usr/bin/chromium';
const skippedOnPurpose = Boolean(process.env.LESSON_SKIP_BROWSER);
const browserMissing = skippedOnPurpose || !existsSync(chromiumPath);
const missing = skippedOnPurpose
  ? 'LESSON_SKIP_BROWSER is set'
  : `no Chromium at ${chromiumPath} (apt-get install chromium, or set LESSON_CHROMIUM)`;
if (browserMissing && process.env.LESSON_REQUIRE_BROWSER && !skippedOnPurpose) {
  throw new Error(`LESSON_REQUIRE_BROWSER is set, but there is ${missing}`);
}
if (browserMissing || !server) {
  console.warn(
    `\n⚠ SKIPPED packages/kit/src/web/playground.browser.test.ts (the playground in a browser): ${browserMissing ? missing : 'no livekit-server'}.\n`,
  );
}
const describeBrowser = browserMissing || !server ? describe.skip : describe;

const USER = 'Grace';
/** A 100 ms stretch counts as speech when its mean audio level is above this (0..1, about -40 dBFS). */
const SPEECH_LEVEL = 0.01;

interface Seen {
  events: TimedEvent[];
  agentState: string;
  energy: { t: number; energy: number }[];
}

/** Seconds of speech in the samples the page took of the inbound audio's total energy. */
export function speechSeconds(samples: Seen['energy'], from = 0, to = Infinity): number {
  let seconds = 0;
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1]!, samples[i]!];
    if (a.t < from || b.t > to || b.t <= a.t) continue;
    // totalAudioEnergy adds level² × duration: its slope is the mean level² over the stretch.
    const power = (b.energy - a.energy) / ((b.t - a.t) / 1000);
    if (power > 0 && Math.sqrt(power) > SPEECH_LEVEL) seconds += (b.t - a.t) / 1000;
  }
  return seconds;
}

/** Seconds of speech in synthesised samples, by the same measure. */
function synthesisedSpeechSeconds(samples: Int16Array): number {
  const window = FLITE_SAMPLE_RATE / 10;
  let seconds = 0;
  for (let at = 0; at + window <= samples.length; at += window) {
    let sum = 0;
    for (let i = at; i < at + window; i++) sum += (samples[i]! / 32768) ** 2;
    if (Math.sqrt(sum / window) > SPEECH_LEVEL) seconds += 0.1;
  }
  return seconds;
}

/** Pids of the Flite synthesis processes among this process's descendants (Linux's /proc). */
function synthesisChildren(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = processStat(Number(entry));
    if (stat) parents.set(Number(entry), stat.ppid);
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid); p && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmdline.includes(FLITE_VOICE) && cmdline.includes('--input-type=module') && ours(pid);
    } catch {
      return false;
    }
  });
}

describeBrowser('the playground in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let context: BrowserContext;
  const lessons = readCatalogue();

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Headless Chromium counts inbound audio only while it plays; let it play unprompted.
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    context = await browser.newContext();
  }, 60_000);
  afterAll(() => browser?.close());

  /** The lesson as `pnpm lesson <name> --web` runs it, on the shared server, with its page open. */
  async function openPlayground(name: string) {
    const lesson = lessons.find((l) => l.name === name)!;
    const base = `${build}/examples/${name}/src`;
    const script = (await import(`${base}/script.mjs`)).default as {
      scenes?: { id?: string; title: string }[];
    };
    const roomLesson: RoomLesson = await startRoomLesson({
      server: server!,
      lessonName: `${name}-web`,
      agentModule: `${base}/main.mjs`,
      jobEntry: `${build}/packages/kit/src/room/job-entry.mjs`,
    });
    const scenes = (script.scenes ?? []).map(({ id, title }) => ({ id, title }));
    const terminal: unknown[] = [];
    const playground: Playground = await startPlayground({
      roomLesson,
      lesson,
      user: USER,
      scenes,
      sink: (event) => terminal.push(event),
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(playground.url);
    let stopped: Promise<unknown> | undefined;
    // What Ctrl+C does to the kit's side: the page's server and the worker end.
    const stop = () => (stopped ??= Promise.all([playground.close(), roomLesson.stop()]));
    const close = async () => {
      await page.close();
      await stop();
    };
    return { page, problems, terminal, close, stop };
  }

  // The kit compiles without the DOM's types: the page's globals are reached through globalThis.
  const seen = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { playground: Seen }).playground);
  /** Wait for a condition on what the page has seen; if it never comes, say what the page did see. */
  const waitFor = (page: Page, condition: string, timeout = 45_000) =>
    page
      .waitForFunction(`(() => { const p = window.playground; return ${condition}; })()`, undefined, {
        timeout,
        polling: 100,
      })
      .catch(async (error: Error) => {
        const { events, agentState } = await seen(page).catch(() => ({ events: [], agentState: '?' }));
        const trace = events.map((e) => `${e.t} ${e.type} ${JSON.stringify(e).slice(0, 120)}`).join('\n');
        throw new Error(
          `${error.message}\nwaiting for ${condition}; agent state ${agentState}; the page saw:\n${trace}`,
        );
      });

  for (const name of ['greeting', 'farewell', 'turn-context', 'shutdown-vs-delete', 'end-call']) {
    it(`${name}: onEnter on the timeline, then the greeting to ${USER}, spoken aloud`, async () => {
      const { page, problems, terminal, close } = await openPlayground(name);
      try {
        await waitFor(page, `p.events.some((e) => e.type === 'message' && e.role === 'assistant')`);
        // The agent's words finish streaming as its audio does: a moment more for the last samples.
        await page.waitForTimeout(500);
        const { events, energy } = await seen(page);
        const onEnter = events.find((e) => e.type === 'hook' && e.hook === 'onEnter');
        const greeting = events.find((e) => e.type === 'message' && e.role === 'assistant');
        expect(onEnter).toBeDefined();
        expect(greeting && 'text' in greeting && greeting.text).toContain(USER);
        expect(onEnter!.t).toBeLessThan(greeting!.t);
        // Drawn: the timeline on the page names the hook.
        expect(await page.locator('#timeline svg').textContent()).toContain('onEnter');
        // Heard: seconds of speech, not a blip and not silence.
        expect(speechSeconds(energy)).toBeGreaterThan(0.5);
        // The terminal got the same trace.
        expect(terminal).toContainEqual(expect.objectContaining({ type: 'hook', hook: 'onEnter' }));
        expect(problems).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('greeting: a line typed while the agent speaks cuts its speech, and the agent answers the line', async () => {
    const full = `Hi ${USER}, welcome! How can I help you today?`;
    const synthesis = new SynthesisProcess();
    const fullSeconds = (await synthesis.synthesize(full)).length / FLITE_SAMPLE_RATE;
    synthesis.stop();
    const { page, problems, close } = await openPlayground('greeting');
    try {
      await waitFor(page, `p.agentState === 'speaking'`);
      await page.waitForTimeout(500);
      await page.fill('#say-text', 'What are your opening hours?');
      await page.press('#say-text', 'Enter');
      await waitFor(
        page,
        `p.events.filter((e) => e.type === 'message' && e.role === 'assistant').length >= 2`,
      );
      const { events } = await seen(page);
      const speaking = events.find((e) => e.type === 'agent_state' && e.state === 'speaking')!;
      const typed = events.find((e) => e.type === 'input')!;
      const greetingSpeech = events.find((e) => e.type === 'speech' && e.event === 'created')!;
      const greetingDone = events.find(
        (e) =>
          e.type === 'speech' && e.event === 'done' && 'id' in greetingSpeech && e.id === greetingSpeech.id,
      )!;
      const [greeting, answer] = events.filter((e) => e.type === 'message' && e.role === 'assistant') as {
        text: string;
      }[];
      // Cut: the greeting's speech ended well before its words would have, and not all of them arrived.
      const naturalEnd = speaking.t + fullSeconds * 1000;
      expect(greetingDone.t).toBeLessThan(naturalEnd - 500);
      expect(greeting!.text.length).toBeLessThan(full.length);
      expect(greetingDone.t).toBeGreaterThan(typed.t - 100);
      expect(answer!.text).toMatch(/nine to five/);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('greeting: the synthesis process killed while the agent speaks: the lesson goes on (its replies arrive, in silence) and the learner is told once', async () => {
    const { page, problems, terminal, close } = await openPlayground('greeting');
    const lost = /The stand-in voice stopped: the synthesis process killed by SIGKILL/;
    try {
      await waitFor(page, `p.agentState === 'speaking'`);
      // This test's job is speaking now: its Flite child is one of this process's descendants
      // running kal16 (the worker's idle job process has warmed one of its own: killed too).
      const flites = synthesisChildren();
      expect(flites.length, 'a synthesis process under this test').toBeGreaterThan(0);
      for (const pid of flites) process.kill(pid, 'SIGKILL');
      await waitFor(page, `p.agentState === 'listening'`);
      for (const [turn, answer, count] of [
        ['What are your opening hours?', /nine to five/, 2],
        ['Thanks, that is all.', /lovely day/, 3],
      ] as const) {
        await page.fill('#say-text', turn);
        await page.press('#say-text', 'Enter');
        await waitFor(
          page,
          `p.events.filter((e) => e.type === 'message' && e.role === 'assistant').length >= ${count}`,
        );
        await waitFor(page, `p.agentState === 'listening'`);
        const { events } = await seen(page);
        const said = events.filter((e) => e.type === 'message' && e.role === 'assistant').at(-1);
        expect(said && 'text' in said && said.text).toMatch(answer);
      }
      const { events, energy } = await seen(page);
      const notes = events.filter((e) => e.type === 'note' && lost.test(e.text));
      expect(notes).toHaveLength(1);
      // In silence, paced like speech: no speech after the first typed turn.
      const firstTurn = events.find((e) => e.type === 'input')!;
      expect(speechSeconds(energy, firstTurn.t)).toBeLessThan(0.3);
      // The terminal was told once too.
      expect(
        terminal.filter(
          (e) => (e as { type: string }).type === 'note' && lost.test((e as { text: string }).text),
        ),
      ).toHaveLength(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('one tab is the learner: a second tab says so, a reload rejoins, the end of the lesson shows', async () => {
    const { page, close, stop } = await openPlayground('greeting');
    try {
      await waitFor(page, `p.agentState === 'listening'`);
      const second = await context.newPage();
      await second.goto(page.url());
      await second.waitForFunction(
        `/open in another tab/.test(document.getElementById('status').textContent)`,
      );
      await second.close();
      // A reload is the same learner, in a fresh room, greeted again.
      await page.reload();
      await waitFor(page, `p.events.some((e) => e.type === 'message' && e.role === 'assistant')`);
      const { events } = await seen(page);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'room', event: 'connected', identity: 'learner-grace' }),
      );
      // Ctrl+C in the terminal stops the kit: the page says so.
      await stop();
      await page.waitForFunction(
        `/lesson stopped/.test(document.getElementById('status').textContent)`,
        undefined,
        {
          timeout: 15_000,
        },
      );
    } finally {
      await close();
    }
  });

  it('end-call: the line answers aloud; the goodbye arrives to its end before the room is deleted; in the hasty scene it does not', async () => {
    const goodbye = 'Glad I could help. Your prescription will be ready at four. Goodbye, and take care!';
    const answer = `Hello ${USER}, you've reached the pharmacy. How can I help?`;
    const synthesis = new SynthesisProcess();
    const goodbyeSeconds = synthesisedSpeechSeconds(await synthesis.synthesize(goodbye));
    const answerSeconds = synthesisedSpeechSeconds(await synthesis.synthesize(answer));
    synthesis.stop();
    expect(goodbyeSeconds).toBeGreaterThan(2);
    expect(answerSeconds).toBeGreaterThan(1.5);

    const { page, problems, close } = await openPlayground('end-call');
    const said = (n: number) =>
      `p.events.filter((e) => e.type === 'message' && e.role === 'assistant').length >= ${n}`;
    /**
     * Play the scene's two turns after the line's answer; the seconds of speech before the first
     * typed turn, and between the goodbye turn and the room's deletion.
     */
    const playScene = async () => {
      // The answer, spoken to its end before the learner types (typing would cut it).
      await waitFor(page, said(1));
      await waitFor(page, `p.agentState === 'listening'`);
      await page.fill('#say-text', 'Is my prescription ready?');
      await page.press('#say-text', 'Enter');
      await waitFor(page, said(2));
      await waitFor(page, `p.agentState === 'listening'`);
      await page.fill('#say-text', "Great, that's all. Bye!");
      await page.press('#say-text', 'Enter');
      await waitFor(page, `p.events.some((e) => e.type === 'room' && e.event === 'room_deleted')`);
      const { events, energy } = await seen(page);
      const [first, bye] = events.filter((e) => e.type === 'input');
      const deleted = events.find((e) => e.type === 'room' && e.event === 'room_deleted')!;
      const [answered] = events.filter((e) => e.type === 'message' && e.role === 'assistant');
      expect(answered && 'text' in answered && answered.text).toBe(answer);
      return {
        answered: speechSeconds(energy, 0, first!.t),
        goodbye: speechSeconds(energy, bye!.t, deleted.t),
      };
    };
    try {
      const waited = await playScene();
      expect(await page.textContent('#status')).toMatch(/room was deleted/);
      await page.getByRole('button', { name: /without the wait/ }).click();
      const hasty = await playScene();
      // Loosely: most of the answer in each scene, heard before the first typed turn.
      expect(waited.answered).toBeGreaterThan(answerSeconds * 0.7);
      expect(hasty.answered).toBeGreaterThan(answerSeconds * 0.7);
      // Most of the goodbye against hardly any (network and codec blur the edges).
      expect(waited.goodbye).toBeGreaterThan(goodbyeSeconds * 0.7);
      expect(hasty.goodbye).toBeLessThan(goodbyeSeconds * 0.3);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
