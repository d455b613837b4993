// The rows of a raw `db.execute(sql…)`: PGlite answers `{ rows }`, postgres-js an array of the rows themselves.
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}
