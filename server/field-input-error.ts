// Domain code says which input field a refusal is about without knowing about tRPC; the API layer (server/trpc/init.ts)
// turns every such error into a BAD_REQUEST whose field errors the forms place beside that field.

/** A domain check that failed on one input field (e.g. "this dataset is empty"). */
export class FieldInputError extends Error {
  override name = 'FieldInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
