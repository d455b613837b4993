// One record of an uploaded file, before validation: its raw item fields, or why the line could not even be read as one.
export type RawRecord = { line: number; value: Record<string, unknown> } | { line: number; error: string };
