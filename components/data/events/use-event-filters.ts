'use client';
// The explorer's filters live in the URL, so a filtered view can be shared and survives opening an event and coming back.
import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { CleanStatus, EventSource } from '@/db/schema';

export type ExplorerFilters = {
  q?: string;
  agentId?: string;
  source?: EventSource;
  cleanStatus?: CleanStatus;
  minRating?: number;
  from?: string;
  to?: string;
};

const KEYS = { q: 'q', agentId: 'agent', source: 'source', cleanStatus: 'status', minRating: 'rating', from: 'from', to: 'to' } as const;

export function useEventFilters(): [ExplorerFilters, (next: ExplorerFilters) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => {
    const f: Record<string, string | number> = {};
    for (const [field, key] of Object.entries(KEYS)) {
      const v = params.get(key);
      if (v) f[field] = field === 'minRating' ? Number(v) : v;
    }
    return f as ExplorerFilters;
  }, [params]);
  const set = useCallback(
    (next: ExplorerFilters) => {
      const p = new URLSearchParams();
      for (const [field, key] of Object.entries(KEYS)) {
        const v = next[field as keyof ExplorerFilters];
        if (v !== undefined && v !== '') p.set(key, String(v));
      }
      router.replace(p.size ? `${pathname}?${p}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return [filters, set];
}
