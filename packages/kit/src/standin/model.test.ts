import { llm } from '@livekit/agents';
import { describe, expect, it } from 'vitest';
import type { LessonScript } from '../lesson/script.js';
import { readRequest } from './model.js';

const script = {
  agent: () => undefined as never,
  userData: () => ({}),
  turns: [],
  replies: [
    { on: 'instructions', when: /Greet (\w+)/, say: 'hello' },
    { on: 'user', when: 'hours', say: 'nine to five' },
    { on: 'tool_output', when: /^end_call: /, say: 'bye' },
  ],
} satisfies LessonScript<unknown>;

function context(...items: [string, string][]) {
  const ctx = llm.ChatContext.empty();
  for (const [role, content] of items) ctx.addMessage({ role: role as 'user', content });
  return ctx;
}

describe('the offline model reads a request as the script sees it', () => {
  it('answers generateReply instructions, which the framework appends to the agent instructions', () => {
    const request = readRequest(context(['system', 'Be kind.\nGreet Ada personally.']), script, new Set());
    expect(request).toMatchObject({
      kind: 'instructions',
      text: 'Be kind.\nGreet Ada personally.',
      reply: { say: 'hello' },
    });
  });

  it('answers each new user message once', () => {
    const answered = new Set<string>();
    const ctx = context(['system', 'Be kind.'], ['user', 'your hours?']);
    expect(readRequest(ctx, script, answered)).toMatchObject({
      kind: 'user',
      text: 'your hours?',
      reply: { say: 'nine to five' },
    });
    const again = readRequest(ctx, script, answered);
    expect(again.kind).toBe('instructions');
    expect(again.reply).toBeUndefined();
  });

  it('sees what a hook appended after the user message', () => {
    const ctx = context(['system', 'Be kind.'], ['user', 'your hours?'], ['system', 'Note: closed Sundays']);
    expect(readRequest(ctx, script, new Set())).toMatchObject({
      kind: 'user',
      systemTexts: ['Be kind.', 'Note: closed Sundays'],
    });
  });

  it('answers a tool output by tool name and output', () => {
    const ctx = context(['system', 'Be kind.'], ['user', 'bye']);
    ctx.insert([
      llm.FunctionCall.create({ callId: 'c1', name: 'end_call', args: '{}' }),
      llm.FunctionCallOutput.create({ callId: 'c1', name: 'end_call', output: 'call ended', isError: false }),
    ]);
    expect(readRequest(ctx, script, new Set())).toMatchObject({
      kind: 'tool_output',
      text: 'end_call: call ended',
      reply: { say: 'bye' },
    });
  });

  it('gives a reply the facts the agent put into the instructions, from userData and tool calls', () => {
    const ctx = context(['system', 'Be kind.\nSay hi to Ada about a double charge. Ignore Bob.']);
    const request = readRequest(ctx, script, new Set(), {
      userData: { userName: 'Ada', other: 'Bob Smith', count: 3 },
      toolArgs: [{ reason: 'a double charge' }],
    });
    expect(request).toMatchObject({
      kind: 'instructions',
      asked: 'Say hi to Ada about a double charge. Ignore Bob.',
    });
    expect(request.given).toEqual({ userName: 'Ada', reason: 'a double charge' });
  });

  it('with no scripted answer, quotes what it was asked, labelled as the stand-in', () => {
    const asked = readRequest(context(['system', 'Be kind.\nWelcome Ada warmly.']), script, new Set());
    expect(asked.reply).toBeUndefined();
    expect(asked.said).toBe('[offline stand-in, doing as asked: "Welcome Ada warmly."]');
    const typed = readRequest(context(['system', 'Be kind.'], ['user', 'Who are you?']), script, new Set());
    expect(typed.said).toMatch(/^\(offline stand-in\) "Who are you\?" is not in this lesson's script/);
    // Nothing asked and nothing typed: no reply at all.
    expect(readRequest(context(['system', 'Be kind.']), script, new Set()).said).toBeUndefined();
    // Nor to a tool output with no scripted reply (a handoff's): no stand-in line after every tool.
    const ctx = context(['system', 'Be kind.'], ['user', 'billing please']);
    ctx.insert([
      llm.FunctionCall.create({ callId: 'c2', name: 'transfer', args: '{}' }),
      llm.FunctionCallOutput.create({
        callId: 'c2',
        name: 'transfer',
        output: 'Transferring.',
        isError: false,
      }),
    ]);
    const afterTool = readRequest(ctx, script, new Set());
    expect([afterTool.kind, afterTool.said]).toEqual(['tool_output', undefined]);
  });
});
