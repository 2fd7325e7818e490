// Hook tracing from the outside: the lesson's agent classes stay free of logging code.
// We wrap the hooks each exported Agent subclass defines, and each tool's execute.
import { llm, voice } from '@livekit/agents';
import type { EventSink, HookName } from './events.js';

const HOOKS: HookName[] = ['onEnter', 'onExit', 'onUserTurnCompleted'];

/**
 * A hook that never resolves stalls the session without a word: say so while waiting, then fail
 * it (the framework logs a failed hook and goes on; the lesson reports it and exits 1).
 * Mutable for tests.
 */
export const hookPatience = { noteEveryMs: 10_000, failAfterMs: 30_000 };
const traced = Symbol('lessons.traced');

type AgentClass = (abstract new (...args: never[]) => voice.Agent<unknown>) & { [traced]?: EventSink };
type HookFn = (this: voice.Agent<unknown>, ...args: unknown[]) => Promise<void>;

/** The Agent subclasses a lesson module exports. */
export function agentClassesOf(module: Record<string, unknown>): AgentClass[] {
  return Object.values(module).filter(
    (value): value is AgentClass => typeof value === 'function' && value.prototype instanceof voice.Agent,
  );
}

type SinkFor = (session: voice.AgentSession<unknown>) => EventSink | undefined;

/**
 * Report each hook the moment it fires, and each tool call, to the sink of the agent's session.
 * Wrapping happens once per class; several sessions (concurrent tests) each get their own events.
 */
export function traceAgents(classes: AgentClass[], sinkFor: SinkFor): void {
  for (const cls of classes) {
    if (Object.prototype.hasOwnProperty.call(cls, traced)) continue;
    Object.defineProperty(cls, traced, { value: true });
    const proto = cls.prototype as unknown as Record<HookName, HookFn>;
    for (const hook of HOOKS) {
      const original = proto[hook] as HookFn & { [traced]?: true };
      // A hook inherited from a base class of the lesson's own (end-call's lines share one) is this
      // class's hook too; one inherited from the framework, or already traced, is not wrapped again.
      const inherited = !Object.prototype.hasOwnProperty.call(proto, hook);
      if (inherited && (original === voice.Agent.prototype[hook] || original[traced])) continue;
      const wrapped: HookFn & { [traced]?: true } = async function (
        this: voice.Agent<unknown>,
        ...args: unknown[]
      ) {
        const emit = sinkFor(this.session);
        const agent = this.constructor.name;
        if (hook === 'onEnter') traceTools(this, sinkFor);
        const turnCtx = hook === 'onUserTurnCompleted' ? (args[0] as llm.ChatContext) : undefined;
        const message = hook === 'onUserTurnCompleted' ? (args[1] as llm.ChatMessage) : undefined;
        const itemsBefore = new Set(turnCtx?.items.map((item) => item.id));
        emit?.({ type: 'hook', hook, agent, ...(message && { message: message.textContent ?? '' }) });
        try {
          await withPatience(original.apply(this, args), `${agent}.${hook}`, emit);
          // What the hook added to the turn's context (retrieved notes, say), for the trace.
          const added = turnCtx?.items
            .filter((item): item is llm.ChatMessage => item.type === 'message' && !itemsBefore.has(item.id))
            .map((item) => `${item.role}: ${item.textContent ?? ''}`);
          emit?.({
            type: 'hook_end',
            hook,
            agent,
            result: 'ok',
            ...(message && { message: message.textContent ?? '' }),
            ...(added?.length && { added }),
          });
        } catch (error) {
          if (error instanceof voice.StopResponse) {
            emit?.({ type: 'hook_end', hook, agent, result: 'stop_response' });
          } else {
            const why = error instanceof Error ? error.message : String(error);
            emit?.({ type: 'hook_end', hook, agent, result: 'error', error: why });
          }
          throw error;
        }
      };
      wrapped[traced] = true;
      proto[hook] = wrapped;
    }
    // Agents without an onEnter of their own still get their tools traced (and run the one they inherit).
    if (!Object.prototype.hasOwnProperty.call(proto, 'onEnter')) {
      const inherited = proto.onEnter;
      proto.onEnter = async function (this: voice.Agent<unknown>) {
        sinkFor(this.session);
        traceTools(this, sinkFor);
        return inherited.call(this);
      };
    }
  }
}

/** `pending`, with a note every so often while it waits, rejected if it takes far too long. */
async function withPatience(pending: Promise<void>, name: string, emit?: EventSink): Promise<void> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 1000);
  const notes = setInterval(
    () => emit?.({ type: 'note', text: `still waiting on ${name}, ${seconds()} s` }),
    hookPatience.noteEveryMs,
  );
  let timer: NodeJS.Timeout | undefined;
  const tooLong = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${name} did not finish within ${seconds()} s: does it await something that never comes?`,
          ),
        ),
      hookPatience.failAfterMs,
    );
  });
  try {
    await Promise.race([pending, tooLong]);
  } finally {
    clearInterval(notes);
    clearTimeout(timer);
  }
}

function traceTools(agent: voice.Agent<unknown>, sinkFor: SinkFor): void {
  for (const [name, tool] of Object.entries(agent.toolCtx.functionTools)) {
    const fn = tool as llm.FunctionTool<never, unknown, unknown> & { [traced]?: true };
    if (fn[traced]) continue;
    fn[traced] = true;
    const execute = fn.execute;
    fn.execute = async (args, options) => {
      const sink = sinkFor(options.ctx.session as voice.AgentSession<unknown>);
      sink?.({ type: 'tool', name, args, agent: agent.constructor.name });
      const output = await execute(args, options);
      sink?.({ type: 'tool_end', name, output: describeOutput(output) });
      return output;
    };
  }
}

function describeOutput(output: unknown): string {
  if (output instanceof voice.Agent) return `handoff to ${output.constructor.name}`;
  if (Array.isArray(output) && output[0] instanceof voice.Agent)
    return `handoff to ${output[0].constructor.name}`;
  if (output && typeof output === 'object' && 'agent' in output && output.agent instanceof voice.Agent) {
    return `handoff to ${output.agent.constructor.name}`;
  }
  return typeof output === 'string' ? output : JSON.stringify(output ?? null);
}
