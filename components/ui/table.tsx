// The one table look: a full-width small table, an upper-case header row, rows ruled beneath, cells padded alike.
import type { HTMLAttributes, TableHTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from 'react';

const join = (base: string, extra?: string) => (extra ? `${base} ${extra}` : base);

/** Cell padding: `py-2 pr-3` (none after the last column) unless the caller sets its own vertical or right padding. */
function cell(extra?: string): string {
  const base = [/\bpy-/.test(extra ?? '') ? '' : 'py-2', /\bpr-/.test(extra ?? '') ? '' : 'pr-3 last:pr-0'].filter(Boolean).join(' ');
  return join(base, extra);
}

export function Table({ className, children, ...rest }: TableHTMLAttributes<HTMLTableElement>) {
  return (
    <table className={join('w-full text-left text-sm', className)} {...rest}>
      {children}
    </table>
  );
}

/** The header: one row of column titles (`Th`). */
export function THead({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <thead className={join('border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500', className)}>
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th className={cell(className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={join('border-b border-slate-100 align-top', className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cell(className)} {...rest} />;
}
