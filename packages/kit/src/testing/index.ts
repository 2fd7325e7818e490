// What the lessons' tests share: play a lesson offline in-process, then read what happened.
import { typeTurns } from '../lesson/turns.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TimedEvent } from '../trace/events.js';
import {
  type OfflineSession,
  type OfflineSessionOptions,
  runOfflineSession,
} from '../run/offline-session.js';
import { createReporter } from '../trace/reporter.js';
import type { ProvidedServer } from './global-setup.js';
import type { Learner } from '../room/learner.js';
import { type RoomLesson, startRoomLesson } from '../room/room-lesson.js';
import type { LessonScript, Scene } from '../lesson/script.js';
import { afterAll, beforeAll, describe, inject } from 'vitest';

export interface LessonModules<UserData = unknown> {
  agentModule: Record<string, unknown>;
  script: LessonScript<UserData>;
}

export interface StartedLesson extends OfflineSession {
  /** Every event so far, as `--json` would print them. */
  events: TimedEvent[];
}

/** Start a lesson's offline session (its first agent has entered once this resolves and goes quiet). */
export async function startLesson<UserData>(
  { agentModule, script }: LessonModules<UserData>,
  {
    user = 'Ada',
    scene,
    llm,
  }: { user?: string; scene?: Scene<UserData>; llm?: OfflineSessionOptions['llm'] } = {},
): Promise<StartedLesson> {
  const reporter = createReporter({ json: true, write: () => {}, startedAt: performance.now() });
  const run = await runOfflineSession({
    agentModule,
    script: script as LessonScript<unknown>,
    scene: scene as Scene<unknown> | undefined,
    userName: user,
    sink: reporter.sink,
    msPerWord: 5,
    llm,
  });
  return Object.assign(run, { events: reporter.events });
}

/**
 * Type each turn as the user, waiting for the agent to go quiet in between; then close (or, with
 * `waitForEnd`, first wait up to 30 s for the agent to end the call itself).
 */
export async function playTurns(
  run: StartedLesson,
  turns: string[],
  { waitForEnd = false }: { waitForEnd?: boolean } = {},
): Promise<StartedLesson> {
  await typeTurns(run, turns, () => run.isClosed);
  if (waitForEnd) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run.closed, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
    clearTimeout(timer);
  }
  await run.close();
  return run;
}

/** Play one scene of an exercise's own script (its stand-in, made for that exercise) to its end. */
export async function playExerciseScene<Exercise extends Record<string, unknown>, UserData>(
  exercise: Exercise,
  exerciseScript: (exercise: Exercise) => LessonScript<UserData>,
  sceneIndex: number,
): Promise<StartedLesson> {
  const script = exerciseScript(exercise);
  const scene = script.scenes![sceneIndex]!;
  return playTurns(await startLesson({ agentModule: exercise, script }, { scene }), scene.turns);
}

/** The hooks in the order they fired, as "Agent.hook". */
export function hookOrder(events: TimedEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'hook' ? [`${e.agent}.${e.hook}`] : []));
}

/** Events of one type, typed. */
export function eventsOf<T extends TimedEvent['type']>(
  events: TimedEvent[],
  type: T,
): Extract<TimedEvent, { type: T }>[] {
  return events.filter((e): e is Extract<TimedEvent, { type: T }> => e.type === type);
}

// ---- Exercise checks: which file they test.

export interface ExerciseUnderTest {
  /** The module's path from the lesson's src, without .ts: `solution`, `exercise`, `cheats/<name>`. */
  file: string;
  /** What the checks' titles call it. */
  title: string;
}

/**
 * The files an exercise's checks run against, from LESSON_CHECKED_FILE (which --check sets):
 * unset, the reference solution (`pnpm test`); `exercise`, the learner's; `cheats/<name>`, one of
 * the cheats that the checks must catch; `cheats`, every cheat in `cheatsDir` (the kit's test).
 */
export function exercisesUnderTest(
  cheatsDir: string,
  env: NodeJS.ProcessEnv = process.env,
): ExerciseUnderTest[] {
  const wanted = env.LESSON_CHECKED_FILE ?? 'solution';
  const cheat = (name: string) => ({ file: `cheats/${name}`, title: `cheat ${name}` });
  if (wanted === 'solution') return [{ file: 'solution', title: 'reference solution' }];
  if (wanted === 'exercise') return [{ file: 'exercise', title: 'your exercise' }];
  if (wanted === 'cheats') {
    return readdirSync(cheatsDir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => cheat(name.slice(0, -3)));
  }
  if (/^cheats\/[\w-]+$/.test(wanted)) return [cheat(wanted.slice('cheats/'.length))];
  throw new Error(`LESSON_CHECKED_FILE=${wanted}: expected solution, exercise, cheats or cheats/<name>`);
}

/**
 * The modules an exercise's checks run against (see exercisesUnderTest), loaded by the test file
 * itself (`load` imports relative to it): `{ file, title, exercise }` for each.
 */
export async function loadExercisesUnderTest<Exercise>(
  testDir: string,
  load: (file: string) => Promise<Exercise>,
): Promise<(ExerciseUnderTest & { exercise: Exercise })[]> {
  return Promise.all(
    exercisesUnderTest(join(testDir, 'cheats')).map(async (u) => ({ ...u, exercise: await load(u.file) })),
  );
}

// ---- Room tests: the lesson's agent in a real room on the livekit-server the global setup started.

export interface RoomRun {
  events: TimedEvent[];
  roomName: string;
  learner: Learner;
}

export interface RoomTestLesson {
  /** Open a fresh room (for a scene, if given), play the turns as the learner, and settle. */
  play(options: {
    turns: string[];
    user?: string;
    scene?: Scene<unknown>;
    /** Then leave the room (if still in it) and wait for the job's after-the-call events. */
    afterCall?: boolean;
  }): Promise<RoomRun>;
  rooms: RoomLesson['rooms'];
  stop(): Promise<void>;
}

/** Start a worker for `lessonName` against the test server. `undefined` when room tests are skipped. */
export async function startRoomTestLesson(
  lessonName: string,
  { build, server }: { build: string; server: ProvidedServer | null },
): Promise<RoomTestLesson | undefined> {
  if (!server) return undefined;
  const roomLesson = await startRoomLesson({
    server,
    lessonName,
    agentModule: `${build}/examples/${lessonName}/src/main.mjs`,
    jobEntry: `${build}/packages/kit/src/room/job-entry.mjs`,
  });
  return {
    rooms: roomLesson.rooms,
    async play({ turns, user = 'Ada', scene, afterCall = false }) {
      const reporter = createReporter({ json: true, write: () => {}, startedAt: performance.now() });
      const { roomName, learner } = await roomLesson.open(user, reporter.sink, scene);
      // Generous: on a busy 2-core machine a job process takes a while to fork and load (more
      // than 60 s once, at load 30 with a lesson loop beside the suite; see worker.ts).
      await learner.agentJoined(120_000);
      await typeTurns(learner, turns, () => !learner.room.isConnected || !learner.agentPresent);
      await learner.settle(scene?.waitForEnd ? 60_000 : 3000);
      await roomLesson.check(roomName, reporter.sink);
      if (afterCall) {
        await learner.leave();
        await roomLesson.afterCall(roomName, 60_000);
      }
      return { events: reporter.events, roomName, learner };
    },
    stop: () => roomLesson.stop(),
  };
}

/**
 * A lesson's room tests: skipped (loudly, by the global setup) when there is no livekit-server;
 * its tests run at once and share one worker, started before them and stopped after them.
 */
export function describeRoomLesson(
  lessonName: string,
  title: string,
  tests: (lesson: RoomTestLesson) => void,
): void {
  const server = inject('livekitServer');
  let started: RoomTestLesson | undefined;
  const lesson: RoomTestLesson = {
    play: (options) => started!.play(options),
    get rooms() {
      return started!.rooms;
    },
    stop: async () => started?.stop(),
  };
  (server ? describe.concurrent : describe.skip)(title, { timeout: 180_000 }, () => {
    beforeAll(async () => {
      started = await startRoomTestLesson(lessonName, { build: inject('lessonsBuild'), server });
    }, 120_000); // generous: a worker registering on a loaded machine (vitest's default is 10 s)
    afterAll(() => started?.stop(), 60_000);
    tests(lesson);
  });
}
