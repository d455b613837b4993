// The one error domain code throws when a request cannot be done as asked. It knows nothing of tRPC or HTTP: the base
// procedure (server/trpc/init.ts), the route handlers' wrapper (server/http/route.ts) and the job runner each map it
// once, from its code. Anything else that escapes is a bug: clients get a generic message and an error id, the server
// log gets the details.

/** Every way a request can be refused, with the HTTP status it answers with. */
export const DOMAIN_ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  /** a route called with a method it does not serve (e.g. GET on a POST-only worker route). */
  method_not_allowed: 405,
  conflict: 409,
  /** a remote worker's lease on a job is gone: it must stop working on it. */
  lease_lost: 409,
  precondition_failed: 412,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;
export const DOMAIN_ERROR_CODES = Object.keys(DOMAIN_ERROR_STATUS) as DomainErrorCode[];

export type FieldErrors = Record<string, string[] | undefined>;

export type DomainErrorDetails = {
  /** The input field the message is about, so a form shows it beside that field. */
  field?: string;
  /** Several fields at once (a body that failed its schema). */
  fieldErrors?: FieldErrors;
  /** For `rate_limited` and `unavailable`: when trying again makes sense. */
  retryAfterSeconds?: number;
  cause?: unknown;
};

export class DomainError extends Error {
  override name = 'DomainError';
  readonly field?: string;
  readonly retryAfterSeconds?: number;
  private readonly extraFieldErrors?: FieldErrors;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.field = details.field;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.extraFieldErrors = details.fieldErrors;
  }

  get status(): number {
    return DOMAIN_ERROR_STATUS[this.code];
  }

  /** Field-level messages in the shape the forms read (`{ field: [message] }`), or null. */
  get fieldErrors(): FieldErrors | null {
    if (this.extraFieldErrors) return this.extraFieldErrors;
    return this.field ? { [this.field]: [this.message] } : null;
  }

  /** A refusal the caller caused (bad input, missing thing, conflict): retrying the same request cannot help. */
  get permanent(): boolean {
    return this.status < 500 && this.code !== 'rate_limited';
  }
}

/** A domain check that failed on one input field (e.g. "this dataset is empty"). */
export const fieldError = (field: string, message: string) => new DomainError('bad_request', message, { field });

/** A lookup that found nothing, as a not_found refusal. */
export function found<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new DomainError('not_found', `No such ${what} in this project.`);
  return value;
}

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;
