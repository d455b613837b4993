// What an import or paste kept and what it reported, row by row (line of a JSONL file, index of a promptfoo test).
export function ImportReport({
  id,
  projectId,
  imported,
  rows,
}: {
  id: string;
  projectId: string;
  imported: number;
  rows: { where: string; reason: string }[];
}) {
  return (
    <div role="status" className="grid gap-2 text-sm" data-testid="import-report">
      <p>
        <a className="font-mono text-indigo-700 hover:underline" href={`/p/${projectId}/evaluation/tasksets/${id}`}>
          {id}
        </a>
        : {imported} case{imported === 1 ? '' : 's'} imported
        {rows.length ? `, ${rows.length} row${rows.length === 1 ? '' : 's'} reported:` : '.'}
      </p>
      {rows.length > 0 && (
        <ul className="max-h-48 overflow-auto rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" aria-label="Rejected rows">
          {rows.map((r, i) => (
            <li key={i}>
              {r.where}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
