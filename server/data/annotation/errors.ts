// Failures of annotation operations that users must read: the code says which kind, the message says what to do.
export type AnnotationErrorCode = 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'PRECONDITION_FAILED';

export class AnnotationError extends Error {
  override name = 'AnnotationError';
  constructor(
    readonly code: AnnotationErrorCode,
    message: string,
    /** The input field the message is about, so forms can show it beside that field. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const NO_JUDGE_ENDPOINT =
  'No judge endpoint configured for this project. Set a base URL and model under "LLM judge" on the annotation page.';
