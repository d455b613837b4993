'use client';
// The shape every "things this project saved with a sealed credential" panel shares (model endpoints, clusters): a
// table of the saved items with Edit and Remove, one form open at a time (a new one or an edit), and the form's own
// Save / Cancel row. Each panel brings its columns, its form and its extra actions.
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorLine, listView, type ListQuery } from '@/components/ui/list-state';
import { THead, Table, Td, Th, Tr } from '@/components/ui/table';

type Item = { id: string; name: string };
export type SavedColumn<T> = { header: string; cell: (item: T) => ReactNode; className?: string };

export function SavedList<T extends Item>({
  label,
  list,
  empty,
  columns,
  actions,
  removal,
  form,
  addLabel,
  children,
}: {
  label: string;
  list: ListQuery<T[]>;
  empty: string;
  columns: SavedColumn<T>[];
  /** Buttons before Edit, e.g. "Test connection". */
  actions?: (item: T) => ReactNode;
  /** What Remove asks before it removes, and the removal itself. */
  removal: { confirm: (item: T) => string; remove: (item: T) => void; pending: boolean; error: string | null };
  form: (saved: T | null, onDone: () => void) => ReactNode;
  addLabel: string;
  /** Shown between the table and the form (results of an action). */
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const view = listView(list, {
    loading: 'Loading…',
    empty: <p className="text-sm text-slate-500">{empty}</p>,
    isEmpty: (d) => d.length === 0,
  });
  return (
    <div className="grid gap-3">
      {!view.ready ? (
        view.element
      ) : (
        <Table aria-label={label}>
          <THead>
            {columns.map((c) => (
              <Th key={c.header}>{c.header}</Th>
            ))}
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </THead>
          <tbody>
            {view.data.map((item) => (
              <Tr key={item.id}>
                {columns.map((c) => (
                  <Td key={c.header} className={c.className}>
                    {c.cell(item)}
                  </Td>
                ))}
                <Td className="flex gap-2">
                  {actions?.(item)}
                  <Button variant="secondary" onClick={() => setEditing(item)}>
                    Edit
                  </Button>
                  <Button
                    variant="danger"
                    disabled={removal.pending}
                    onClick={() => confirm(removal.confirm(item)) && removal.remove(item)}
                  >
                    Remove
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {children}
      {editing ? (
        <div key={editing === 'new' ? 'new' : editing.id}>{form(editing === 'new' ? null : editing, () => setEditing(null))}</div>
      ) : (
        <div>
          <Button variant="secondary" onClick={() => setEditing('new')}>
            {addLabel}
          </Button>
        </div>
      )}
      {removal.error && <ErrorLine message={removal.error} />}
    </div>
  );
}

/** A saved item's name with its id under it, the first column of every such table. */
export const nameCell = (item: Item) => (
  <>
    {item.name} <div className="font-mono text-xs text-slate-500">{item.id}</div>
  </>
);

/** The Save / Cancel row under a saved item's form; the form-wide error (not a field's) beside them. */
export function SavedFormActions({
  saveLabel,
  pending,
  error,
  onCancel,
}: {
  saveLabel: string;
  pending: boolean;
  error: { message: string; data?: { fieldErrors?: unknown } | null } | null;
  onCancel: () => void;
}) {
  return (
    <div className="flex gap-2 sm:col-span-4">
      <Button type="submit" disabled={pending}>
        {saveLabel}
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      {error && !error.data?.fieldErrors && <ErrorLine message={error.message} />}
    </div>
  );
}
