// A graceful shutdown loses no served exchange: on SIGTERM the queued exchanges are written before the SIGTERM
// handlers installed earlier run (Next.js's own handler exits at once, so it is held back until the flush is done;
// the flush is bounded so a dead database cannot keep the process alive). Install it after Next.js's handler, i.e.
// at boot (server/main/web.ts).
import 'server-only';
import { flushAll } from './exchange-log';

const FLUSH_BUDGET_MS = 5000;
const g = globalThis as unknown as { afFlushOnSigterm?: boolean };

export function flushOnSigterm(flush: () => Promise<void> = flushAll): void {
  if (g.afFlushOnSigterm) return;
  g.afFlushOnSigterm = true;
  // The handlers already installed (Next.js's) are taken over now: removing them during the signal would be too late,
  // as an emit calls the listeners it had when it began.
  const others = process.listeners('SIGTERM');
  for (const l of others) process.off('SIGTERM', l);
  process.once('SIGTERM', () => {
    const budget = new Promise<void>((r) => setTimeout(r, FLUSH_BUDGET_MS).unref());
    void Promise.race([flush().catch((e: unknown) => console.error('[runtime] flush on SIGTERM failed:', e)), budget]).finally(() => {
      if (!others.length) process.exit(143);
      for (const l of others) (l as (s: NodeJS.Signals) => void)('SIGTERM');
    });
  });
}
