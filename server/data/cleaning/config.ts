// Cleaning thresholds, with the defaults every run, the CLI and the benchmark start from; a run stores the ones it used.
import { z } from 'zod';

export const cleanConfigSchema = z.object({
  /** Fewer letters, digits and arithmetic operators than this in prompt + response together: `too_short` ("ok" / "k"; "2+2" / "4" passes). */
  minChars: z.number().int().min(0).max(1000).default(4),
  /** Either side longer than this many characters: `too_long`. */
  maxChars: z.number().int().min(100).max(10_000_000).default(32_000),
  /** A run of the same letter or digit this long (`aaaaaaaaaaaa…`): `repeated_chars`. Separator runs (`-----`) are fine. */
  maxCharRun: z.number().int().min(4).max(10_000).default(24),
  /** One character making up this share of a side's non-space characters (12 at least): `repeated_chars`. */
  dominantCharShare: z.number().min(0.2).max(1).default(0.6),
  /** The same word this many times in a row: `repeated_words`. */
  repeatedWordRun: z.number().int().min(2).max(1000).default(5),
  /** Distinct words / words at or below this, over 10 words or more: `repeated_words` ("help help help …"). */
  distinctWordShare: z.number().min(0).max(1).default(0.25),
  /** Share of a side's characters inside HTML/XML tags and entities (two tags at least): `markup_soup`. */
  markupShare: z.number().min(0.1).max(1).default(0.7),
  /** Mojibake sequences (`Ã©`, `â€™`) or U+FFFD replacement characters tolerated before `mojibake`. */
  maxMojibake: z.number().int().min(0).max(1000).default(0),
  /** Jaccard similarity (over character shingles) at or above which two interactions are near-duplicates. */
  nearDuplicateThreshold: z.number().min(0.5).max(1).default(0.8),
});

export type CleanConfig = z.infer<typeof cleanConfigSchema>;
export const DEFAULT_CLEAN_CONFIG: CleanConfig = cleanConfigSchema.parse({});
