// The ways a worker-route call can be refused, each with the HTTP status the route answers with.
import type { ErrorCode } from './protocol';

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  // 409 tells the remote worker to stop: the job is no longer its (reaped, finished, cancelled or claimed again).
  lease_lost: 409,
  too_large: 413,
  internal: 500,
};

export class RemoteWorkerError extends Error {
  override name = 'RemoteWorkerError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[] | undefined>,
  ) {
    super(message);
  }
  get status() {
    return statusOf[this.code];
  }
}
