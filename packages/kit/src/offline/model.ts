// The offline model: a deterministic stand-in for an LLM, driven by a lesson's script.
// It is a teaching aid, never presented as an AI: every unmatched turn says what it is.
import { type APIConnectOptions, DEFAULT_API_CONNECT_OPTIONS, llm } from '@livekit/agents';
import type { LessonScript, ModelRequest, ScriptedReply } from '../script.js';

/** What the model was asked: kept so tests can inspect the context a hook edited. */
export interface RecordedRequest extends ModelRequest {
  reply?: ScriptedReply;
}

export class OfflineModel extends llm.LLM {
  readonly requests: RecordedRequest[] = [];
  readonly #answeredUserIds = new Set<string>();

  constructor(readonly script: LessonScript<unknown>) {
    super();
  }

  label(): string {
    return 'offline-model';
  }

  override get model(): string {
    return 'offline-stand-in';
  }

  chat({
    chatCtx,
    toolCtx,
    connOptions = DEFAULT_API_CONNECT_OPTIONS,
  }: {
    chatCtx: llm.ChatContext;
    toolCtx?: llm.ToolContextLike;
    connOptions?: APIConnectOptions;
  }): llm.LLMStream {
    const recorded = readRequest(chatCtx, this.script, this.#answeredUserIds);
    this.requests.push(recorded);
    return new OfflineModelStream(this, recorded, { chatCtx, toolCtx, connOptions });
  }
}

/**
 * Read a chat context the way the script sees it, and pick the scripted reply.
 *
 * `generateReply({ instructions })` appends its instructions to the agent's own, in the first
 * system message, for that one reply: so a request whose instructions match a scripted
 * `instructions` reply is answered as one, whatever else is in the context. Otherwise the
 * request answers a tool's output, or the newest user message (each one once).
 */
export function readRequest(
  chatCtx: llm.ChatContext,
  script: LessonScript<unknown>,
  answeredUserIds: Set<string>,
): RecordedRequest {
  const items = chatCtx.items;
  const messages = items.filter((item): item is llm.ChatMessage => item.type === 'message');
  const systemTexts = messages.filter((m) => m.role === 'system').map((m) => m.textContent ?? '');
  const userMessages = messages.filter((m) => m.role === 'user');
  const latestUser = userMessages.at(-1);
  const lastNonSystem = items.findLast((item) => !(item.type === 'message' && item.role === 'system'));
  const base = { systemTexts, userTexts: userMessages.map((m) => m.textContent ?? '') };
  const instructions = systemTexts[0] ?? '';

  const candidates: ModelRequest[] = [{ ...base, kind: 'instructions', text: instructions }];
  if (lastNonSystem?.type === 'function_call_output') {
    candidates.push({ ...base, kind: 'tool_output', text: `${lastNonSystem.name}: ${lastNonSystem.output}` });
  } else if (latestUser && lastNonSystem === latestUser && !answeredUserIds.has(latestUser.id)) {
    candidates.push({ ...base, kind: 'user', text: latestUser.textContent ?? '' });
  }
  for (const request of candidates) {
    const reply = answer(script, request);
    if (reply) return markAnswered({ ...request, reply });
  }
  return markAnswered(candidates.at(-1)!);

  function markAnswered(request: RecordedRequest): RecordedRequest {
    if (request.kind === 'user' && latestUser) answeredUserIds.add(latestUser.id);
    return request;
  }
}

function answer(script: LessonScript<unknown>, request: ModelRequest): ScriptedReply | undefined {
  return script.replies.find(
    (reply) =>
      reply.on === request.kind &&
      (typeof reply.when === 'string' ? request.text.includes(reply.when) : reply.when.test(request.text)),
  );
}

class OfflineModelStream extends llm.LLMStream {
  constructor(
    model: OfflineModel,
    private readonly request: RecordedRequest,
    params: { chatCtx: llm.ChatContext; toolCtx?: llm.ToolContextLike; connOptions: APIConnectOptions },
  ) {
    super(model, params);
  }

  protected async run(): Promise<void> {
    const { reply } = this.request;
    if (!reply) {
      if (this.request.kind !== 'user') return; // nothing scripted: stay quiet
      this.put(
        "(offline stand-in) That line is not in this lesson's script, so I have no answer. " +
          'Type one of the suggested lines, or use a real model: --mode live with OPENAI_API_KEY.',
      );
      return;
    }
    const text = typeof reply.say === 'function' ? reply.say(this.request) : reply.say;
    if (text) this.put(text);
    if (reply.toolCalls?.length) {
      const toolCalls = reply.toolCalls.map((call, index) =>
        llm.FunctionCall.create({
          callId: `offline_call_${Date.now()}_${index}`,
          name: call.name,
          args: JSON.stringify(call.args ?? {}),
        }),
      );
      this.queue.put({ id: 'offline', delta: { role: 'assistant', toolCalls } });
    }
  }

  private put(text: string): void {
    // Word by word, as a streaming model would.
    for (const word of text.match(/\S+\s*/g) ?? []) {
      this.queue.put({ id: 'offline', delta: { role: 'assistant', content: word } });
    }
  }
}
