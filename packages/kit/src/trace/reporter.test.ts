import { describe, expect, it } from 'vitest';
import { createReporter } from './reporter.js';

describe('the transcript', () => {
  it('prints text from outside as text: no escape byte, no control character', () => {
    let out = '';
    const { sink } = createReporter({ json: false, write: (text) => (out += text) });
    sink({ type: 'start', lesson: 'greeting', mode: 'offline', user: 'Ada\x1b[2J', model: 'm' });
    sink({ type: 'message', role: 'assistant', agent: 'Greeter', text: 'Hi\x1b]0;title\x07 Ada\r\n!' });
    sink({ type: 'tool', name: 'end_call', agent: 'Greeter', args: { why: '\x1b[31mred' } });
    // The kit's own colours (on when FORCE_COLOR is set) are the only escape sequences left.
    const uncoloured = out.replace(/\x1b\[[0-9;]*m/g, '');
    expect(uncoloured).toContain('Hi Ada  !');
    expect(uncoloured).toContain('for Ada\n');
    expect(uncoloured).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });

  it('keeps the JSON lines exact: JSON escapes them', () => {
    let out = '';
    const { sink } = createReporter({ json: true, write: (text) => (out += text) });
    sink({ type: 'message', role: 'assistant', text: 'a\x1bb' });
    expect(JSON.parse(out).text).toBe('a\x1bb');
  });
});
