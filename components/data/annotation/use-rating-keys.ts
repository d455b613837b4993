'use client';
// The rating screen's keyboard: digits rate, j/k move, s skips, c comments. Silent while the user types anywhere.
import { useEffect, useLayoutEffect, useRef } from 'react';

export type RatingKeyHandlers = {
  rate: (key: number) => void;
  next: () => void;
  previous: () => void;
  skip: () => void;
  comment: () => void;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useRatingKeys(enabled: boolean, scalePoints: number, handlers: RatingKeyHandlers) {
  const latest = useRef(handlers);
  // Layout effect: the newest handlers are in place before the browser can deliver the next key press.
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const h = latest.current;
      const digit = /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
      if (digit && digit <= scalePoints) {
        // A held-down key must not rate the next items too.
        if (!e.repeat) h.rate(digit);
      } else if (e.key === 'j') h.next();
      else if (e.key === 'k') h.previous();
      else if (e.key === 's' && !e.repeat) h.skip();
      else if (e.key === 'c') h.comment();
      else return;
      // Keeps the letter that opened the comment box out of it, and stops the browser's own use of these keys.
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, scalePoints]);
}
