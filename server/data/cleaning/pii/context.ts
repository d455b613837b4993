// Context words around a candidate: what tells a phone number from an order number, or a version from an address.

/** Up to `n` characters before `at`, lower-cased. */
export function textBefore(text: string, at: number, n: number): string {
  return text.slice(Math.max(0, at - n), at).toLowerCase();
}

/**
 * Words that announce a phone number somewhere shortly before it ("call me at", "tel:", "my number is").
 * Not inside a tag: the agent protocol's `<call:calculator>` is a tool call, not a phone call.
 */
const PHONE_CUE =
  /(?:^|[^a-z</])(?:phone|phones|tel|telephone|call|calls|called|calling|text|txt|sms|mobile|cell|cellphone|whatsapp|fax|ring|reach|reached|dial|contact|my number|number is|landline|hotline)(?:[^a-z]|$)/;

// One character more than the 40 looked at, so a cue cut at the window's edge is judged with what precedes it:
// `…<|call:calculator>` must not read as the word "call".
export const hasPhoneCue = (text: string, at: number) => PHONE_CUE.test(textBefore(text, at, 41));

/**
 * Words that name a number as an identifier right before it ("order #", "invoice no.", "ticket:", "version"):
 * such a number is an id, not personal data, whatever its shape.
 */
const ID_CUE =
  /(?:^|[^a-z])(?:order|orders|invoice|inv|ticket|tracking|ref|reference|case|sku|part|serial|model|po|transaction|txn|confirmation|booking|receipt|item|batch|lot|room|flight|build|version|ver|release|isbn|issue|pr|bug|page|pages|step|row)s?\s*(?:no\.?|number|num|nr\.?|id|#)?\s*[:#=]?\s*$/;

export const hasIdCue = (text: string, at: number) => ID_CUE.test(textBefore(text, at, 30));

/** Phrases that make a hyphenated number run an arithmetic expression ("what is 100-200-3000"). */
const ARITHMETIC_CUE =
  /(?:what is|what's|whats|compute|calculate|calc|evaluate|solve|sum of|difference|minus|plus|equals?|result of|[=+*/×÷^])\s*\(?\s*$/;

export function looksArithmetic(text: string, start: number, end: number): boolean {
  if (ARITHMETIC_CUE.test(textBefore(text, start, 30))) return true;
  // An operator or `=` right after the number continues an expression.
  for (let i = end; i < text.length && i < end + 3; i++) {
    const c = text[i]!;
    if (c === ' ') continue;
    return c === '=' || c === '+' || c === '*' || c === '/' || c === '×' || c === '÷' || c === '^';
  }
  return false;
}

/** Words right before a dotted quad that make it a version or section number rather than an address. */
const VERSION_CUE =
  /(?:^|[^a-z])(?:version|ver|v|build|release|firmware|kernel|section|chapter|§|rule|clause|article|oid|mib)\.?\s*[:#]?\s*$/;

export const hasVersionCue = (text: string, at: number) => VERSION_CUE.test(textBefore(text, at, 20));

/** Words that announce a Social Security number ("SSN", "social security"). */
const SSN_CUE = /(?:^|[^a-z])(?:ssn|ss#|ss no|social security|social-security|sozialversicherungs|tax id|taxpayer id|tin)(?:[^a-z]|$)/;

export const hasSsnCue = (text: string, at: number) => SSN_CUE.test(textBefore(text, at, 40));
