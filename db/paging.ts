// Offset paging for the UI's lists: one page of rows and the total, fetched together, in one shape everywhere.
// (Lists that must stay fast at any depth, like the events explorer, page by keyset instead.)

export type PageRequest = { page: number; pageSize: number };
export type Page<T> = { rows: T[]; total: number; page: number; pageSize: number };

/**
 * `rows(limit, offset)` fetches the page, `total` counts every match (a `select({ n: count() })` of the same filter).
 * Drizzle queries are lazy thenables, so both run at once here.
 */
export async function paged<T>(
  request: PageRequest,
  rows: (limit: number, offset: number) => PromiseLike<T[]>,
  total: PromiseLike<{ n: number }[]>,
): Promise<Page<T>> {
  const [list, [counted]] = await Promise.all([rows(request.pageSize, (request.page - 1) * request.pageSize), total]);
  return { rows: list, total: counted?.n ?? 0, page: request.page, pageSize: request.pageSize };
}

/** The same page with each row reshaped (joins flattened, derived fields added). */
export function mapPage<T, U>(page: Page<T>, map: (row: T) => U): Page<U> {
  return { ...page, rows: page.rows.map(map) };
}
