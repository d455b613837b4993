// Postgres array literals, for sending a page of rows as a few array parameters (`unnest($1::text[], …)`) in one
// statement: one round trip and one plan per page instead of thousands of bound values.

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** `{"a","b",NULL}`: every element quoted, so commas, braces and quotes inside a text travel as they are. */
export const textArray = (xs: readonly (string | null)[]): string => `{${xs.map((x) => (x === null ? 'NULL' : quote(x))).join(',')}}`;

/** `{1,2,3}` for int4[] / int8[] (finite integers only; a typed array joins natively). */
export const intArray = (xs: readonly number[] | Int32Array): string => `{${xs.join(',')}}`;
