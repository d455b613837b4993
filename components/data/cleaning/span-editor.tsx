'use client';
// Correcting a redaction: the detected spans as a list (change a type, remove a false alarm) and the original text to
// select a missed one in. Offsets are counted from the DOM text of the original, which MarkedSpans keeps identical
// to the string, so what the reviewer selects is exactly the span the server receives.
import { useEffect, useRef, useState } from 'react';
import type { LabelledSpan } from '@/db/schema';
import { applyRedactions, PII_TYPES } from '@/common/pii-types';
import { Button } from '@/components/ui/button';
import { toEntities } from './format';
import { MarkedPlaceholders, MarkedSpans } from './highlighted-text';

type Selected = { start: number; end: number };

/** The selection inside `root` as offsets into its text, without the blanks a double-click or drag picks up. */
function selectionIn(root: HTMLElement, text: string): Selected | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(root);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  let end = start + range.toString().length;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end > start ? { start, end } : null;
}

export function SpanEditor({
  text,
  initial,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  text: string;
  initial: readonly LabelledSpan[];
  pending: boolean;
  error: string | null;
  onSubmit: (spans: LabelledSpan[]) => void;
  onCancel: () => void;
}) {
  const [spans, setSpans] = useState<LabelledSpan[]>(() => [...initial].sort((a, b) => a.start - b.start));
  const [selected, setSelected] = useState<Selected | null>(null);
  const [newType, setNewType] = useState<string>(PII_TYPES[0]);
  const [problem, setProblem] = useState<string | null>(null);
  const originalRef = useRef<HTMLDivElement>(null);

  // Keep the last selection made in the original: clicking "Add span" collapses the browser's selection.
  useEffect(() => {
    const onChange = () => {
      const root = originalRef.current;
      const s = root && selectionIn(root, text);
      if (s) setSelected(s);
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [text]);

  const add = () => {
    if (!selected) return;
    const clash = spans.find((s) => selected.start < s.end && s.start < selected.end);
    if (clash) {
      setProblem(`That overlaps "${text.slice(clash.start, clash.end)}" (${clash.type}); remove it first.`);
      return;
    }
    setSpans([...spans, { type: newType, ...selected }].sort((a, b) => a.start - b.start));
    setSelected(null);
    setProblem(null);
    window.getSelection()?.removeAllRanges();
  };

  return (
    <div className="flex flex-col gap-3 rounded-md border border-indigo-200 bg-indigo-50/40 p-3 text-sm" data-testid="span-editor">
      <div>
        <p className="mb-1 text-xs font-medium text-slate-600">
          Original — select missed personal data with the mouse, then add it as a span
        </p>
        <div
          ref={originalRef}
          className="whitespace-pre-wrap break-words rounded bg-white p-2 leading-relaxed"
          data-testid="span-editor-original"
        >
          <MarkedSpans text={text} spans={spans} />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-600">
          Selected:{' '}
          {selected ? (
            <code className="rounded bg-white px-1" data-testid="span-selection">
              {text.slice(selected.start, selected.end)}
            </code>
          ) : (
            <span className="text-slate-400">nothing yet</span>
          )}
        </span>
        <select
          aria-label="Type of the new span"
          value={newType}
          onChange={(e) => setNewType(e.target.value)}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {PII_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <Button type="button" variant="secondary" disabled={!selected} onClick={add}>
          Add span
        </Button>
      </div>
      {problem && <p className="text-xs text-red-700">{problem}</p>}
      <p className="text-xs text-slate-600">
        Will read:{' '}
        <span className="whitespace-pre-wrap break-words text-sm text-slate-800" data-testid="span-editor-preview">
          <MarkedPlaceholders text={applyRedactions(text, toEntities(spans))} />
        </span>
      </p>
      <ul className="flex flex-col gap-1" aria-label="Spans that are personal data">
        {spans.length === 0 && <li className="text-slate-500">No spans: saving says this text contains no personal data.</li>}
        {spans.map((s, i) => (
          <li key={`${s.start}-${s.end}`} className="flex flex-wrap items-center gap-2" data-span={`${s.start}-${s.end}`}>
            <code className="max-w-md truncate rounded bg-white px-1">{text.slice(s.start, s.end)}</code>
            <span className="text-xs text-slate-500">
              {s.start}–{s.end}
            </span>
            <select
              aria-label={`Type of span ${i + 1}`}
              value={s.type}
              onChange={(e) => setSpans(spans.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)))}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
            >
              {PII_TYPES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
            <Button type="button" variant="danger" onClick={() => setSpans(spans.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="button" disabled={pending} onClick={() => onSubmit(spans)}>
          {pending ? 'Saving…' : 'Save correction'}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
