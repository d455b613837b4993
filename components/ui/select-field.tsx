// A labelled select with its validation message (or an optional hint) beneath it, styled like Field.
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { controlProps, FieldFrame } from './field-frame';

export function SelectField({
  label,
  error,
  hint,
  empty,
  id,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** Shown as the only option while there are none (e.g. what to create first). */
  empty?: string;
  id: string;
  options: { value: string; label: string }[];
}) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <select {...select} {...controlProps(id, error, `bg-white ${select.className ?? ''}`)}>
        {options.length === 0 && empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
