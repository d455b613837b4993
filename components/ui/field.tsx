// A labelled input with its validation message beneath it (from the server's field errors or the browser's).
import type { InputHTMLAttributes } from 'react';
import { controlProps, FieldFrame } from './field-frame';

export function Field({
  label,
  error,
  hint,
  id,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | null; hint?: string; id: string }) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <input {...input} {...controlProps(id, error, input.className)} />
    </FieldFrame>
  );
}

/** The first server-side message for a field, from the `fieldErrors` our tRPC error formatter adds. */
export function fieldError(error: unknown, field: string): string | null {
  const data = (error as { data?: { fieldErrors?: Record<string, string[] | undefined> | null } } | null)?.data;
  return data?.fieldErrors?.[field]?.[0] ?? null;
}
