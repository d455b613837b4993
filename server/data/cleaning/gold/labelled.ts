// Labelled text built from parts: literal strings and PII values whose spans are recorded as they are placed.
import type { Entity, PiiType } from '@/common/pii-types';

export type LabelledText = { text: string; entities: Entity[] };
export type Part = string | { type: PiiType; value: string };

export function compose(parts: Part[]): LabelledText {
  let text = '';
  const entities: Entity[] = [];
  for (const p of parts) {
    if (typeof p === 'string') text += p;
    else {
      entities.push({ type: p.type, start: text.length, end: text.length + p.value.length });
      text += p.value;
    }
  }
  return { text, entities };
}

/** Tagged template: pii`Mail ${email('x@y.z')} now` keeps the span of every PII value. */
export function pii(strings: TemplateStringsArray, ...values: Part[]): LabelledText {
  const parts: Part[] = [];
  strings.forEach((s, i) => {
    parts.push(s);
    if (i < values.length) parts.push(values[i]!);
  });
  return compose(parts);
}

export const tag =
  (type: PiiType) =>
  (value: string): Part => ({ type, value });
