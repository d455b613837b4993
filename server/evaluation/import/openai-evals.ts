// OpenAI Evals samples (JSONL): `{"input": "…" | [chat messages], "ideal": "…" | ["…", …]}` per line, as the `match`
// and `includes` evals read them. A conversation keeps its system prompt and earlier turns for endpoints; its last user
// message is the prompt. Checks follow the Match eval: the answer must start with an ideal (numbers compare as
// numbers); any of several ideals will do. Other fields are kept as tags when they look like them (`metadata`).
import { describe, emptyResult, jsonLines, keep, metadataTags, readInput, readTargets, targetChecks, type ImportResult } from './common';

export function parseOpenAiEvals(text: string): ImportResult {
  const out = emptyResult();
  for (const { line, row } of jsonLines(text, out)) {
    try {
      const { prompt, messages } = readInput(row.input);
      const ideals = readTargets(row.ideal, 'ideal');
      const { tags, difficulty } = metadataTags(row.metadata);
      keep(out, { line }, { prompt, messages, expected: ideals[0]!, checks: targetChecks(ideals, 'starts-with'), tags, difficulty });
    } catch (err) {
      out.rejected.push({ line, reason: describe(err) });
    }
  }
  return out;
}
