// The agent protocol: how a model's text asks for a tool, how the runtime answers, and how the model gives its final answer.
// Kept tiny and character-friendly because the built-in model is a character-level transformer that learns it from data.
//
//   prompt:        What is 42+28?
//   model:         <call:calculator>42+28</call>
//   runtime adds:  <result>70</result>
//   model:         <answer>70</answer>
//
// A model may answer directly (<answer>…</answer>) without a call; text with neither is taken whole as the answer.

export const CALL_OPEN = /<call:([a-z_][a-z0-9_]*)>/;
export const CALL_CLOSE = '</call>';
export const RESULT_OPEN = '<result>';
export const RESULT_CLOSE = '</result>';
export const ERROR_OPEN = '<error>';
export const ERROR_CLOSE = '</error>';
export const ANSWER_OPEN = '<answer>';
export const ANSWER_CLOSE = '</answer>';

export type ToolCall = { tool: string; args: string };

export type ModelTurn = { kind: 'call'; call: ToolCall; raw: string } | { kind: 'answer'; answer: string; raw: string };

export const formatCall = (c: ToolCall) => `<call:${c.tool}>${c.args}${CALL_CLOSE}`;
export const formatResult = (value: string) => `${RESULT_OPEN}${value}${RESULT_CLOSE}`;
export const formatError = (message: string) => `${ERROR_OPEN}${message}${ERROR_CLOSE}`;
export const formatAnswer = (answer: string) => `${ANSWER_OPEN}${answer}${ANSWER_CLOSE}`;

/** Reads one model turn: the first tool call if it makes one before answering, else its answer. */
export function parseTurn(raw: string): ModelTurn {
  const call = CALL_OPEN.exec(raw);
  const answerAt = raw.indexOf(ANSWER_OPEN);
  if (call && (answerAt < 0 || call.index < answerAt)) {
    const start = call.index + call[0].length;
    const end = raw.indexOf(CALL_CLOSE, start);
    return { kind: 'call', call: { tool: call[1]!, args: (end < 0 ? raw.slice(start) : raw.slice(start, end)).trim() }, raw };
  }
  if (answerAt >= 0) {
    const start = answerAt + ANSWER_OPEN.length;
    const end = raw.indexOf(ANSWER_CLOSE, start);
    return { kind: 'answer', answer: (end < 0 ? raw.slice(start) : raw.slice(start, end)).trim(), raw };
  }
  return { kind: 'answer', answer: raw.trim(), raw };
}

/** A whole trajectory as one text, the form in which it is logged as an interaction's response and trained on. */
export function transcript(steps: { call?: ToolCall; result?: string; error?: string; answer?: string }[]): string {
  return steps
    .map(
      (s) =>
        (s.call ? formatCall(s.call) : '') +
        (s.result !== undefined ? formatResult(s.result) : '') +
        (s.error !== undefined ? formatError(s.error) : '') +
        (s.answer !== undefined ? formatAnswer(s.answer) : ''),
    )
    .join('');
}

/** The spans of a transcript the runtime wrote (results, errors): a trainer must not teach the model to produce them. */
export function runtimeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const [open, close] of [
    [RESULT_OPEN, RESULT_CLOSE],
    [ERROR_OPEN, ERROR_CLOSE],
  ] as const) {
    let from = 0;
    for (;;) {
      const s = text.indexOf(open, from);
      if (s < 0) break;
      const e = text.indexOf(close, s);
      const end = e < 0 ? text.length : e + close.length;
      spans.push([s, end]);
      from = end;
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}
