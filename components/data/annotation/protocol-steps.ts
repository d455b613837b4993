// Splits an agent response written in the agent protocol into steps a rater can read at a glance:
// tool calls, what the tool returned, errors, the final answer, and any plain text around them.
import { ANSWER_CLOSE, ANSWER_OPEN, CALL_CLOSE, ERROR_CLOSE, ERROR_OPEN, RESULT_CLOSE, RESULT_OPEN } from '@/common/agent-protocol';

export type Step =
  | { kind: 'text'; text: string }
  | { kind: 'call'; tool: string; args: string }
  | { kind: 'result'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'answer'; text: string };

const TAG = /<call:([a-z_][a-z0-9_]*)>|<result>|<error>|<answer>/g;
const CLOSE: Record<string, string> = { [RESULT_OPEN]: RESULT_CLOSE, [ERROR_OPEN]: ERROR_CLOSE, [ANSWER_OPEN]: ANSWER_CLOSE };
const KIND: Record<string, 'result' | 'error' | 'answer'> = { [RESULT_OPEN]: 'result', [ERROR_OPEN]: 'error', [ANSWER_OPEN]: 'answer' };

export function protocolSteps(text: string): Step[] {
  const steps: Step[] = [];
  const pushText = (t: string) => {
    if (t.trim()) steps.push({ kind: 'text', text: t.trim() });
  };
  let at = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m; m = TAG.exec(text)) {
    pushText(text.slice(at, m.index));
    const open = m[0];
    const close = m[1] ? CALL_CLOSE : CLOSE[open]!;
    const start = m.index + open.length;
    const end = text.indexOf(close, start);
    const inner = (end < 0 ? text.slice(start) : text.slice(start, end)).trim();
    steps.push(m[1] ? { kind: 'call', tool: m[1], args: inner } : { kind: KIND[open]!, text: inner });
    at = end < 0 ? text.length : end + close.length;
    TAG.lastIndex = at;
  }
  pushText(text.slice(at));
  return steps;
}

/** True when the text uses the protocol at all, so plain chat replies are shown as plain text. */
export const usesProtocol = (text: string) => protocolSteps(text).some((s) => s.kind !== 'text');
