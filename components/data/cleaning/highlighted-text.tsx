// Texts with their PII made visible: the original with each span marked, the redacted text with each placeholder
// marked. The type label of a span is drawn by CSS (a pseudo-element), not as text, so the DOM text of the original
// stays exactly the original: the span editor relies on that to turn a mouse selection into character offsets.
import { PII_TYPES } from '@/common/pii-types';
import type { LabelledSpan } from '@/db/schema';

const PLACEHOLDER = new RegExp(`\\[(${PII_TYPES.join('|')})\\]`, 'g');

export function MarkedSpans({ text, spans }: { text: string; spans: readonly LabelledSpan[] }) {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let pos = 0;
  sorted.forEach((s, i) => {
    // Overlaps cannot be stored, but a draft in the editor may have one for a moment: never draw text twice.
    if (s.start < pos) return;
    if (s.start > pos) parts.push(text.slice(pos, s.start));
    parts.push(
      <mark
        key={i}
        title={s.type}
        data-type={s.type}
        data-testid="pii-span"
        className="rounded bg-amber-100 px-0.5 text-amber-900 ring-1 ring-amber-300 after:ml-1 after:align-super after:text-[9px] after:font-semibold after:text-amber-700 after:content-[attr(data-type)]"
      >
        {text.slice(s.start, s.end)}
      </mark>,
    );
    pos = s.end;
  });
  if (pos < text.length) parts.push(text.slice(pos));
  return <>{parts}</>;
}

export function MarkedPlaceholders({ text }: { text: string }) {
  const parts: React.ReactNode[] = [];
  let pos = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    if (m.index > pos) parts.push(text.slice(pos, m.index));
    parts.push(
      <mark
        key={m.index}
        data-testid="placeholder"
        className="rounded bg-emerald-100 px-0.5 font-mono text-xs font-semibold text-emerald-800"
      >
        {m[0]}
      </mark>,
    );
    pos = m.index + m[0].length;
  }
  if (pos < text.length) parts.push(text.slice(pos));
  return <>{parts}</>;
}
