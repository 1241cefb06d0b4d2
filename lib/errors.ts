/**
 * The one error type that crosses the HTTP boundary. Its code, "<type>:<surface>" (for example
 * "forbidden:documents"), says what went wrong where; the type decides the status. Anything else
 * thrown in a route is a bug and becomes a generic 500 whose details stay in the server log.
 */
const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorType = keyof typeof STATUS;

export class LoreError extends Error {
  readonly type: ErrorType;
  readonly surface: string;
  readonly headers: Record<string, string>;

  constructor(type: ErrorType, surface: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "LoreError";
    this.type = type;
    this.surface = surface;
    this.headers = headers;
  }

  get code(): string {
    return `${this.type}:${this.surface}`;
  }

  get status(): number {
    return STATUS[this.type];
  }
}
