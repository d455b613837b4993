// Inspect datasets (JSONL): `{"input": "…" | [chat messages], "target": "…" | ["…"], "choices"?, "id"?, "metadata"?}`
// per line (inspect_ai.dataset.Sample). Targets are matched the way Inspect's includes() scorer does: the answer
// contains the target, ignoring case (numbers compare as numbers). A multiple-choice sample lists its choices as
// A), B), … under the question and expects the target letter. Samples that need files, a sandbox or a setup script
// are refused: this executor provides none of them.
import {
  describe,
  emptyResult,
  jsonLines,
  keep,
  metadataTags,
  readInput,
  readTargets,
  RowError,
  targetChecks,
  type ImportResult,
} from './common';

const letter = (i: number) => String.fromCharCode(65 + i);

export function parseInspect(text: string): ImportResult {
  const out = emptyResult();
  for (const { line, row } of jsonLines(text, out)) {
    try {
      for (const field of ['files', 'sandbox', 'setup'])
        if (row[field] !== undefined && row[field] !== null)
          throw new RowError(`needs "${field}", which this executor does not provide (no files, sandboxes or setup scripts)`);
      const input = readInput(row.input);
      const targets = readTargets(row.target, 'target');
      const { tags, difficulty } = metadataTags(row.metadata);
      if (row.choices !== undefined) {
        const choices = row.choices;
        if (!Array.isArray(choices) || !choices.length || choices.some((c) => typeof c !== 'string'))
          throw new RowError('"choices" must be a list of strings');
        const letters = targets.map((t) => t.toUpperCase());
        if (letters.some((l) => !/^[A-Z]$/.test(l) || l.charCodeAt(0) - 65 >= choices.length))
          throw new RowError(`a multiple-choice target must be a choice letter A–${letter(choices.length - 1)}`);
        const prompt = `${input.prompt}\n\n${(choices as string[]).map((c, i) => `${letter(i)}) ${c}`).join('\n')}\n\nAnswer with the letter of the correct choice.`;
        const messages =
          input.messages?.map((m) => (m.content === input.prompt && m.role === 'user' ? { ...m, content: prompt } : m)) ?? null;
        keep(
          out,
          { line },
          {
            prompt,
            messages,
            expected: letters.join(' or '),
            checks: [
              {
                matcher: 'regex',
                expected: `^\\(?(?:${letters.join('|')})\\)?(?![A-Za-z0-9])`,
                tolerance: null,
                label: `choice ${letters.join(' or ')}`,
              },
            ],
            tags,
            difficulty,
          },
        );
        continue;
      }
      keep(out, { line }, { ...input, expected: targets[0]!, checks: targetChecks(targets, 'contains-caseless'), tags, difficulty });
    } catch (err) {
      out.rejected.push({ line, reason: describe(err) });
    }
  }
  return out;
}
