// Prompt words as single tokens, reduced to a rough stem. A character-level model has to learn to spell out "minus" at
// every position it may appear in before it can act on it, and a wording it has not seen ("the result of 953 minus 321,
// please") puts familiar words at unfamiliar places; a word token carries its meaning wherever it stands. Stemming
// folds the forms people use ("divide", "divided", "dividing", "divides") into one token, so a form the data never
// showed still reads as the operation it names. Words the vocabulary lacks read as UNK, which training teaches the
// model to look past (word dropout in trainer.ts).

/** A word: letters, with apostrophes inside ("what's" and "whats" are one word). */
const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/uy;

/** The word starting at `at` in `text`, if one does. */
export function wordAt(text: string, at: number): string | null {
  WORD.lastIndex = at;
  return WORD.exec(text)?.[0] ?? null;
}

/** Nouns of the operations to the verbs they name: "multiplication" reads as "multiply", "division" as "divide". */
const NOMINAL: [RegExp, string][] = [
  [/ication$/, 'y'],
  [/ision$/, 'ide'],
  [/action$/, 'act'],
  [/ition$/, ''],
  [/utation$/, 'ute'],
  [/ation$/, 'ate'],
];

/**
 * A light suffix-stripping stem (in the spirit of Porter's first steps, not a linguist's): nouns in -ion go to their
 * verb, then -ing, -ed and a plural -s come off, a final -e goes, a final -y becomes -i and a doubled final letter
 * is single. "multiply", "multiplied", "multiplies" and "multiplication" all give "multipli"; "divide", "divided",
 * "dividing" and "division" give "divid"; "add", "added", "adding" and "addition" give "ad"; "plus", "minus" and
 * "less" keep their s.
 */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]/g, '');
  if (w.length <= 3) return undouble(w);
  for (const [suffix, to] of NOMINAL)
    if (suffix.test(w) && w.length > 6) {
      w = w.replace(suffix, to);
      break;
    }
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
  return undouble(w);
}

/** "summ" (from "summed") is "sum"; "add" is "ad" like "added"; ff, ll and ss stay ("off" is not "of"). */
function undouble(w: string): string {
  return /([^fls])\1$/.test(w) ? w.slice(0, -1) : w;
}
