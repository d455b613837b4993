// Inserts go in batches so one statement stays far below Postgres's limit of 65,535 bind parameters.
export function* batches<T>(items: readonly T[], size = 500): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
