'use client';
// The comment field of the rating screen: Enter saves, Shift+Enter adds a line, Esc cancels.
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function CommentBox({ initial, onSave, onCancel }: { initial: string; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <div className="rounded-md border border-indigo-200 bg-indigo-50 p-3">
      <label htmlFor="rating-comment" className="mb-1 block text-sm font-medium text-slate-700">
        Comment on this item
      </label>
      <textarea
        id="rating-comment"
        autoFocus
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            onSave(text);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
        className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-300"
        placeholder="What is wrong or notable here?"
      />
      <div className="mt-2 flex items-center justify-between text-xs text-slate-500">
        <span>Enter saves · Shift+Enter new line · Esc cancels</span>
        <span className="flex gap-2">
          <Button variant="secondary" type="button" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="button" onClick={() => onSave(text)}>
            Save comment
          </Button>
        </span>
      </div>
    </div>
  );
}
