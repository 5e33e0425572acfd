// Errors crossing the API. The daemon's classes (errdefs) map to HTTP status
// codes; the client turns a non-2xx answer back into an ApiError whose message
// is what the CLI prints after "Error response from daemon: ".

export type ErrorClass = 'NotFound' | 'Conflict' | 'InvalidParameter' | 'Forbidden' | 'Unauthorized' |
  'Unavailable' | 'NotModified' | 'NotImplemented' | 'System';

const statusOf: Record<ErrorClass, number> = {
  NotFound: 404, Conflict: 409, InvalidParameter: 400, Forbidden: 403, Unauthorized: 401,
  Unavailable: 503, NotModified: 304, NotImplemented: 501, System: 500,
};

/** An error the daemon raises: a class (errdefs) and Docker's message. Plain data crosses postMessage. */
export class EngineError extends Error {
  constructor(readonly code: ErrorClass, message: string) {
    super(message);
    this.name = 'EngineError';
  }
  get status(): number { return statusOf[this.code]; }
  toJSON() { return { code: this.code, message: this.message }; }
}

export const notFound = (m: string) => new EngineError('NotFound', m);
export const conflict = (m: string) => new EngineError('Conflict', m);
export const invalidParameter = (m: string) => new EngineError('InvalidParameter', m);
export const systemError = (m: string) => new EngineError('System', m);

/** What the client throws for a non-2xx answer. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}
