// The playground's HTTP server: the page (bundled from packages/playground by esbuild as it
// starts, so there is no build step to remember and nothing comes from a CDN), a token for one
// fresh room at a time and the agent's dispatch into it, and the page's trace back to the terminal.
// Loopback only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventSink, LessonEvent } from '../trace/events.js';
import type { RoomLesson } from '../room/room-lesson.js';
import { learnerToken } from '../room/learner.js';

export interface PlaygroundOptions {
  roomLesson: Pick<RoomLesson, 'server' | 'newRoom' | 'dispatch'>;
  lesson: { name: string; title: string };
  user: string;
  scenes: { id?: string; title: string }[];
  /** Where the page's events go: the terminal's trace. */
  sink: EventSink;
}

export interface Playground {
  url: string;
  /** Tell open pages the lesson stopped, and stop serving. */
  close(): Promise<void>;
}

/** The page's files: HTML with the lesson's settings in it, the bundled script, the style sheet. */
export async function bundlePage(config: object): Promise<Record<string, { type: string; body: string }>> {
  const dir = join(
    dirname(createRequire(import.meta.url).resolve('@lessons/playground/package.json')),
    'src',
  );
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: [join(dir, 'page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  // Inside a <script type="application/json">, "<" is the one character that could end it early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return {
    '/': {
      type: 'text/html',
      body: readFileSync(join(dir, 'index.html'), 'utf8').replace('__LESSON_CONFIG__', json),
    },
    '/page.js': { type: 'text/javascript', body: outputFiles[0]!.text },
    '/style.css': { type: 'text/css', body: readFileSync(join(dir, 'style.css'), 'utf8') },
  };
}

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > 100_000) throw new Error('request too large');
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { roomLesson, lesson, user, scenes, sink } = options;
  const files = await bundlePage({ lesson: lesson.name, title: lesson.title, user, scenes });
  const listeners = new Set<ServerResponse>();
  const server = createServer((request, response) =>
    answer(request, response, { host, files, listeners, api: pageApi(roomLesson, user, sink) }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}/`,
    async close() {
      // Ending the page's event stream is how it learns that the lesson stopped.
      for (const listener of listeners) listener.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

type PageApi = Record<string, (body: Record<string, unknown>) => Promise<unknown>>;

/** What the page asks of the kit: a room to join (with its agent on the way), and its events for the trace. */
function pageApi(
  roomLesson: PlaygroundOptions['roomLesson'],
  user: string,
  sink: PlaygroundOptions['sink'],
): PageApi {
  return {
    async '/api/room'({ scene }) {
      const roomName = await roomLesson.newRoom();
      // A token for this room alone; the same identity each time, so a reload is the same learner.
      // The agent is dispatched now, while the page connects (every lesson's entry waits for the
      // learner before it starts its session, so the page still hears the greeting from the start).
      const [{ jwt }] = await Promise.all([
        learnerToken(roomLesson.server, roomName, user),
        roomLesson.dispatch(roomName, { id: typeof scene === 'string' ? scene : undefined }),
      ]);
      return { url: roomLesson.server.url, token: jwt, roomName };
    },
    async '/api/events'(event) {
      sink(event as LessonEvent);
      return {};
    },
  };
}

/** One request: the page's files, its API, and the stream whose end tells it the lesson stopped. */
function answer(
  request: IncomingMessage,
  response: ServerResponse,
  {
    host,
    files,
    listeners,
    api,
  }: {
    host: string;
    files: Awaited<ReturnType<typeof bundlePage>>;
    listeners: Set<ServerResponse>;
    api: PageApi;
  },
): void {
  const path = (request.url ?? '/').split('?')[0]!;
  // Only this machine's pages, by their own address (not a site that rebinds a name to 127.0.0.1).
  if (request.headers.host !== host) return void response.writeHead(421).end('wrong host');
  if (path === '/api/alive') {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write(': the lesson is running\n\n');
    listeners.add(response);
    request.on('close', () => listeners.delete(response));
    return;
  }
  const handler = api[path];
  if (handler && request.method === 'POST') {
    bodyOf(request)
      .then(handler)
      .then(
        (result) =>
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
        (error: Error) => response.writeHead(400).end(error.message),
      );
    return;
  }
  const file = files[path];
  if (file && request.method === 'GET') {
    response.writeHead(200, { 'content-type': `${file.type}; charset=utf-8`, 'cache-control': 'no-store' });
    return void response.end(file.body);
  }
  if (path === '/favicon.ico') return void response.writeHead(204).end();
  response.writeHead(404).end('not found');
}
