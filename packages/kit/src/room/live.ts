// Live mode: the lesson's worker registered with your LiveKit server (LiveKit Cloud, say), running
// OpenAI's STT, LLM and TTS. You talk to it from any LiveKit frontend; the hook trace prints here.
import type { AgentServer } from '@livekit/agents';
import { pc } from '../colors.js';
import type { LiveSettings } from '../live-probe.js';
import type { PlayOptions } from '../play.js';
import type { Reporter } from '../reporter.js';
import { lessonWorkerOptions, startWorker } from './worker.js';
import { LESSON_AGENT_ENV } from './topics.js';
import { StopRequest } from '../signals.js';

/** Live mode, once `liveSettings` (run before the header) has found a server that takes the keys. */
export async function playLive(
  options: PlayOptions,
  reporter: Reporter,
  settings: LiveSettings,
): Promise<number> {
  // Ctrl+C, SIGTERM or SIGHUP at any stage. Before the worker is up nothing needs stopping: the
  // launcher ends every process this one started when it exits.
  const stop = new StopRequest();
  const up = { worker: false };
  const running = runLive(options, reporter, settings, stop, up);
  running.catch(() => {});
  // Once the worker is up, a stop waits for it to close; before, it ends the lesson at once.
  const code = await Promise.race([running, stop.requested.then(() => (up.worker ? running : 130))]);
  stop.dispose();
  return code;
}

async function runLive(
  { lesson, json, host }: PlayOptions,
  { say }: Reporter,
  { env, wsUrl: wsURL, host: serverHost, apiKey, apiSecret }: LiveSettings,
  stop: StopRequest,
  up: { worker: boolean },
): Promise<number> {
  const where = { host: serverHost };
  // The job processes inherit this environment: live models, the lesson, and the trace on stdout.
  Object.assign(process.env, env, { LESSON_MODE: 'live', LESSON_TRACE_STDOUT: json ? 'json' : 'text' });
  const files = await host.lessonFiles(lesson);
  process.env[LESSON_AGENT_ENV] = files.agentModule;
  let worker: AgentServer;
  try {
    worker = await startWorker(
      await lessonWorkerOptions(
        { url: wsURL, apiKey, apiSecret },
        // No agent name: the server dispatches this agent to every new room of the project.
        { agent: files.jobEntry, agentName: '' },
      ),
    );
  } catch (error) {
    process.stderr.write(
      `${pc.red('error:')} the worker could not register with ${where.host} (${(error as Error).message}). ` +
        'Check LIVEKIT_API_KEY and LIVEKIT_API_SECRET.\n',
    );
    return 1;
  }
  up.worker = true;
  say(
    `Worker registered with ${where.host}. Open a LiveKit frontend on that project (the Agents Playground, ` +
      'say) and join a room: the agent joins, and its hooks print here. Ctrl+C stops.',
  );
  const why = await stop.requested;
  say(pc.dim(`${why}: stopping the worker…`));
  // The job and inference processes ignore SIGTERM (the framework drains them); when this process
  // exits the launcher kills them with the rest of the lesson's process group.
  await Promise.race([worker.close(), new Promise((resolve) => setTimeout(resolve, 4000).unref())]);
  return 130;
}
