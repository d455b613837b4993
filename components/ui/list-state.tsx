// What a list shows before its rows: the error, a loading line, or its empty state. One rule for every list, so no
// list is left blank while it loads or silently empty when it has nothing.
import type { ReactNode } from 'react';

export type ListQuery<T> = { error: { message: string } | null; data: T | undefined };

export type ListView<T> = { ready: true; data: T } | { ready: false; element: ReactNode };

/**
 * The rows' data when there are rows to show, else the element to show instead.
 * `isEmpty` decides emptiness for shapes other than `{ rows }`.
 */
export function listView<T>(query: ListQuery<T>, o: { loading: string; empty: ReactNode; isEmpty?: (data: T) => boolean }): ListView<T> {
  if (query.error) return { ready: false, element: <ErrorLine message={query.error.message} /> };
  if (query.data === undefined) return { ready: false, element: <p className="text-sm text-slate-500">{o.loading}</p> };
  const empty = o.isEmpty ? o.isEmpty(query.data) : !(query.data as { rows?: unknown[] }).rows?.length;
  return empty ? { ready: false, element: o.empty } : { ready: true, data: query.data };
}

export function ErrorLine({ message }: { message: string }) {
  return (
    <p role="alert" className="text-sm text-red-700">
      {message}
    </p>
  );
}
