// `pnpm lesson <name> --web`: what local mode starts (a livekit-server on loopback, a worker),
// with the playground page as the learner instead of the terminal. The terminal prints the
// trace the page sees, and Ctrl+C ends everything (the page says the lesson stopped).
import { spawn } from 'node:child_process';
import { pc } from '../term/colors.js';
import type { PlayOptions } from '../run/play.js';
import type { Reporter } from '../trace/reporter.js';
import { type RoomLesson, startRoomLesson } from '../room/room-lesson.js';
import type { LearnerDesk } from '../workshop/live-desk.js';
import { StopRequest } from '../term/signals.js';
import type { PreparedRoom } from '../run/prepare.js';
import { startPlayground } from './playground-server.js';

const CLOSE_DEADLINE_MS = 4000;

/** The playground, once `prepareMode` (run before the header) has found or built the server binary. */
export async function playWeb(
  { lesson, user, json, host, open, learner }: PlayOptions & { open?: boolean },
  { sink, print }: Reporter,
  prepared: PreparedRoom,
): Promise<number> {
  // Ctrl+C, SIGTERM or a closed terminal from here on; before the server is up, the launcher ends
  // whatever this process started when it exits.
  const stop = new StopRequest();
  const [loaded, files] = await Promise.all([host.loadLesson(lesson), host.lessonFiles(lesson)]);
  const { roomLesson, taken } = await startServerAndWorker(prepared, { lesson, learner, files, print });
  const scenes = (loaded.script.scenes ?? []).map(({ id, title }) => ({ id, title }));
  const playground = await startPlayground({ roomLesson, lesson, user, scenes, sink }).catch(
    async (error) => {
      await roomLesson.stop();
      throw error;
    },
  );

  // The address on a line of its own, even with --json (on stderr then, so stdout stays JSON).
  if (json) process.stderr.write(`${playground.url}\n`);
  else process.stdout.write(`\n  ${pc.bold(playground.url)}\n\n`);
  print(
    pc.dim(
      'Open it in a browser: the page is you in the room. Type there; this terminal shows the trace. Ctrl+C ends.',
    ),
  );
  if (open) openInBrowser(playground.url, print);

  const signal = await Promise.race([stop.requested, taken, serverExit(roomLesson)]);
  stop.dispose();
  print(pc.dim(`\n${signal}: stopping the page, the worker and the server…`));
  const deadline = new Promise((resolve) => setTimeout(resolve, CLOSE_DEADLINE_MS).unref());
  await Promise.race([Promise.all([playground.close(), roomLesson.stop()]), deadline]);
  if (prepared.room === 'remote') await prepared.learnerDesk?.desk.release();
  return signal.startsWith('livekit-server') || signal.startsWith('learner id') ? 1 : 130;
}

/** The server (local, started here; or yours) and the lesson's worker; `taken` resolves if the learner's id is taken over. */
async function startServerAndWorker(
  prepared: PreparedRoom,
  {
    lesson,
    learner,
    files,
    print,
  }: {
    lesson: PlayOptions['lesson'];
    learner?: string;
    files: { agentModule: string; jobEntry: string };
    print: Reporter['print'];
  },
): Promise<{ roomLesson: RoomLesson; taken: Promise<string> }> {
  const { mode, openai } = prepared;
  const common = {
    lessonName: lesson.name,
    agentModule: files.agentModule,
    jobEntry: files.jobEntry,
    job: { model: mode.model, ...(openai && { openai }) },
  };
  if (prepared.room === 'local') {
    print(
      pc.dim(
        `Starting livekit-server (${prepared.binary}) on loopback, a worker for ${lesson.name}, and the page…`,
      ),
    );
    const roomLesson = await startRoomLesson({ serverBinary: prepared.binary, ...common });
    return { roomLesson, taken: new Promise(() => {}) };
  }
  // A shared server (--mode live): the learner's own agent name and rooms (workshop/).
  const { wsUrl: url, httpUrl, apiKey, apiSecret, host: at } = prepared.settings;
  print(pc.dim(`Registering a worker for ${lesson.name} with ${at} as learner ${learner}, and the page…`));
  const roomLesson = await startRoomLesson({
    server: { url, httpUrl, apiKey, apiSecret },
    learner,
    ...common,
  });
  return { roomLesson, taken: shareWithDesk(roomLesson, prepared.learnerDesk) };
}

/** Resolves with a line if the lesson's own livekit-server stops. */
function serverExit(roomLesson: RoomLesson): Promise<string> {
  return new Promise((resolve) =>
    roomLesson.server.process?.once('exit', (code, sig) =>
      resolve(`livekit-server stopped (${sig ?? `exit ${code}`})`),
    ),
  );
}

/** Keep the learner's desk told which room the page is in; resolves if another run takes the id. */
function shareWithDesk(roomLesson: RoomLesson, learnerDesk: LearnerDesk | undefined): Promise<string> {
  if (!learnerDesk) return new Promise(() => {});
  const newRoom = roomLesson.newRoom;
  roomLesson.newRoom = async () => {
    const room = await newRoom();
    void learnerDesk.desk.update({ room });
    return room;
  };
  return new Promise((resolve) => learnerDesk.whenTaken(resolve));
}

/** The default browser, detached: it is not ours to end when the lesson ends. */
function openInBrowser(url: string, print: (line: string) => void): void {
  const [command, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(command!, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => print(`Could not open a browser (${command} failed): open ${url} yourself.`));
  child.unref();
}
