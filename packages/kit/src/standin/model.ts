// The offline model: a deterministic stand-in for an LLM, driven by a lesson's script.
// It is a teaching aid, never presented as an AI: every unmatched turn says what it is.
import { type APIConnectOptions, DEFAULT_API_CONNECT_OPTIONS, llm } from '@livekit/agents';
import type { LessonScript, ModelRequest, ScriptedReply } from '../lesson/script.js';

/** What the model was asked: kept so tests can inspect the context a hook edited. */
export interface RecordedRequest extends ModelRequest {
  reply?: ScriptedReply;
  /** What the stand-in says: the scripted reply's text, or its own rendering of what was asked. */
  said?: string;
}

export class OfflineModel extends llm.LLM {
  readonly requests: RecordedRequest[] = [];
  readonly #answeredUserIds = new Set<string>();
  /** The session's userData, for `given` (the runner and typedChatAsSpeech set it). */
  userData: () => unknown = () => undefined;
  /** The arguments of every tool call this model made: a handoff's new agent has not seen them. */
  readonly #toolArgs: Record<string, unknown>[] = [];

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
    const recorded = readRequest(chatCtx, this.script, this.#answeredUserIds, {
      userData: this.userData(),
      toolArgs: this.#toolArgs,
    });
    this.requests.push(recorded);
    for (const call of recorded.reply?.toolCalls ?? []) this.#toolArgs.push(call.args ?? {});
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
  known: { userData?: unknown; toolArgs?: Record<string, unknown>[] } = {},
): RecordedRequest {
  const items = chatCtx.items;
  const messages = items.filter((item): item is llm.ChatMessage => item.type === 'message');
  const systemTexts = messages.filter((m) => m.role === 'system').map((m) => m.textContent ?? '');
  const userMessages = messages.filter((m) => m.role === 'user');
  const latestUser = userMessages.at(-1);
  const lastNonSystem = items.findLast((item) => !(item.type === 'message' && item.role === 'system'));
  const instructions = systemTexts[0] ?? '';
  // The agent's own instructions are one line in every lesson; what follows was asked for this reply.
  const asked = instructions.includes('\n') ? instructions.slice(instructions.indexOf('\n') + 1).trim() : '';
  const base = { systemTexts, userTexts: userMessages.map((m) => m.textContent ?? ''), asked: '', given: {} };

  const candidates: ModelRequest[] = [
    { ...base, kind: 'instructions', text: instructions, asked, given: givenIn(asked, known, items) },
  ];
  if (lastNonSystem?.type === 'function_call_output') {
    candidates.push({ ...base, kind: 'tool_output', text: `${lastNonSystem.name}: ${lastNonSystem.output}` });
  } else if (latestUser && lastNonSystem === latestUser && !answeredUserIds.has(latestUser.id)) {
    candidates.push({ ...base, kind: 'user', text: latestUser.textContent ?? '' });
  }
  for (const request of candidates) {
    const found = answer(script, request);
    if (found) return markAnswered({ ...request, ...found });
  }
  // Nothing scripted: answer what was asked (a reply's instructions first, or the user's line) in
  // the stand-in's words. No reply to a bare tool output (a handoff's, leave_call's): the framework
  // asks after every tool, and a line after each would drown the lesson's own.
  const unscripted = candidates.find((c) => (c.kind === 'instructions' ? c.asked : c.kind === 'user'));
  return unscripted ? markAnswered({ ...unscripted, said: standInReply(unscripted) }) : candidates.at(-1)!;

  function markAnswered(request: RecordedRequest): RecordedRequest {
    if (request.kind === 'user' && latestUser) answeredUserIds.add(latestUser.id);
    return request;
  }
}

/** The facts from userData and from tool-call arguments that the agent put into `asked`. */
function givenIn(
  asked: string,
  { userData, toolArgs = [] }: { userData?: unknown; toolArgs?: Record<string, unknown>[] },
  items: llm.ChatItem[],
): Record<string, string> {
  if (!asked) return {};
  const facts: [string, unknown][] = [
    ...toolArgs.flatMap((args) => Object.entries(args)),
    ...Object.entries(userData ?? {}),
  ];
  for (const item of items) {
    if (item.type !== 'function_call') continue;
    try {
      facts.push(...Object.entries(JSON.parse(item.args || '{}') as Record<string, unknown>));
    } catch {
      // arguments that are not JSON carry no facts
    }
  }
  return Object.fromEntries(
    facts.filter(
      (fact): fact is [string, string] =>
        typeof fact[1] === 'string' && fact[1] !== '' && asked.includes(fact[1]),
    ),
  );
}

function answer(
  script: LessonScript<unknown>,
  request: ModelRequest,
): Pick<RecordedRequest, 'reply' | 'said'> | undefined {
  for (const reply of script.replies) {
    if (reply.on !== request.kind) continue;
    const { when } = reply;
    const matches =
      typeof when === 'string'
        ? request.text.includes(when)
        : when instanceof RegExp
          ? when.test(request.text)
          : when(request);
    if (!matches) continue;
    const said = typeof reply.say === 'function' ? reply.say(request) : reply.say;
    if (typeof reply.say === 'function' && said === undefined) continue; // not this one after all
    return { reply, said };
  }
  return undefined;
}

/** What the stand-in says where the script has no answer: what it was asked, quoted, and why. */
export function standInReply(request: ModelRequest): string {
  if (request.kind === 'instructions') return `[offline stand-in, doing as asked: "${request.asked}"]`;
  return (
    `(offline stand-in) "${request.text}" is not in this lesson's script, so I have no answer. ` +
    'Type one of the suggested lines, or use a real model: --mode live with OPENAI_API_KEY.'
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
    const { reply, said } = this.request;
    if (said) this.put(said);
    if (reply?.toolCalls?.length) {
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
