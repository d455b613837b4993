// What readers see of an interaction's text: the cleaned (redacted) text once a cleaning run wrote it, and the same
// redactor applied on the fly before then, so a viewer or an annotator never reads raw personal data. The raw text
// is an explicit "show original" for the roles that may see it (`mayReadOriginal`).
import 'server-only';
import type { Role } from '@/db/schema';
import { redact } from './cleaning/pii/detect';

export type Shown = { text: string; redacted: boolean };

/** Engineers and admins may ask for the raw text; viewers and annotators never get it. */
export const mayReadOriginal = (role: Role | null | undefined) => role === 'admin' || role === 'engineer';

export function shownText(raw: string, cleaned: string | null): Shown {
  if (cleaned !== null) return { text: cleaned, redacted: cleaned !== raw };
  const r = redact(raw);
  return { text: r.text, redacted: r.entities.length > 0 };
}

/**
 * Characters past a preview's end that are read and redacted with it: personal data that starts inside the preview
 * and ends after it is still recognised whole (an e-mail cut in half would slip past the redactor).
 */
export const PREVIEW_OVERSCAN = 120;

/**
 * A list row's preview of `chars` characters: the cleaned text's start when the event was cleaned (`cleanedDiffers`
 * says whether cleaning changed anything), else the raw window (`chars + PREVIEW_OVERSCAN` long) redacted here.
 */
export function shownPreview(rawWindow: string, cleanedStart: string | null, cleanedDiffers: boolean | null, chars: number): Shown {
  if (cleanedStart !== null) return { text: cleanedStart.slice(0, chars), redacted: cleanedDiffers === true };
  const s = shownText(rawWindow, null);
  return { text: s.text.slice(0, chars), redacted: s.redacted };
}

/** Both sides of an exchange, with one flag saying whether anything was redacted in either. */
export function shownExchange(e: { prompt: string; response: string; cleanPrompt: string | null; cleanResponse: string | null }) {
  const prompt = shownText(e.prompt, e.cleanPrompt);
  const response = shownText(e.response, e.cleanResponse);
  return { prompt: prompt.text, response: response.text, redacted: prompt.redacted || response.redacted };
}
