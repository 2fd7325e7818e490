// For tests: a local OpenAI-compatible server answering what @livekit/agents-plugin-openai 1.9.0
// calls in a lesson: chat completions (streamed), the model list (the LLM's warm-up), speech (raw
// PCM, as its TTS asks for), transcriptions, and the realtime transcription socket its STT opens
// when the session starts (accepted and left silent: in a text-only room nobody speaks). Every
// request is recorded. Its reply quotes what it was asked, so a test can see
// that the lesson's instructions (the learner's name, say) reached the model.
import { createHash } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
  tools?: { type: string; function: { name: string } }[];
}

export interface OpenAIStub {
  /** The base URL to give the plugin (OPENAI_BASE_URL). */
  baseURL: string;
  chats: ChatRequest[];
  /** Every request, as "METHOD path". */
  calls: string[];
  close(): Promise<void>;
}

export const messageText = (content: ChatRequest['messages'][number]['content']) =>
  typeof content === 'string' ? content : content.map((c) => c.text ?? '').join('');

function chunk(delta: object, finish: string | null = null) {
  const body = {
    id: 'stub',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const part of req) body += part;
  return body;
}

/** The stub's answer: "Stub reply." and the last thing the model was asked, on one line. */
function replyTo(request: ChatRequest): string {
  const last = request.messages.at(-1);
  const asked = last ? messageText(last.content).replace(/\s+/g, ' ').trim().slice(0, 200) : '';
  return asked ? `Stub reply to: ${asked}` : 'Stub reply.';
}

/**
 * The STT's realtime socket: the WebSocket handshake (RFC 6455), then silence. What it sends
 * (the session settings, audio) is read and dropped. Returns the open sockets.
 */
function acceptSilentSockets(server: Server, calls: string[]): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    calls.push(`WEBSOCKET ${(req.url ?? '').split('?')[0]}`);
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

export async function startOpenAIStub(): Promise<OpenAIStub> {
  const chats: ChatRequest[] = [];
  const calls: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    calls.push(`${req.method} ${path}`);
    const body = await readBody(req);
    if (req.method === 'POST' && path.endsWith('/chat/completions')) {
      const request = JSON.parse(body) as ChatRequest;
      chats.push(request);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: replyTo(request) }));
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
      return;
    }
    if (req.method === 'POST' && path.endsWith('/audio/speech')) {
      // 24 kHz mono 16-bit PCM, as the plugin's TTS asks for: a tenth of a second of silence.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(4800));
      return;
    }
    if (req.method === 'GET' && path.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model' }] }));
      return;
    }
    if (req.method === 'POST' && path.endsWith('/audio/transcriptions')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ text: '' }));
      return;
    }
    res.writeHead(404).end();
  });
  const sockets = acceptSilentSockets(server, calls);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    chats,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
