/** A failure that may pass if tried again: a rate limit, a server error, a dropped connection, a timeout. */
export class TransientError extends Error {
  /** How long the server asked us to wait before the next attempt, if it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.name = "TransientError";
    this.retryAfterMs = retryAfterMs;
  }
}

/** The exponential backoff: the first retry waits up to `baseMs`, each later one up to twice as long, never more than `maxMs`. */
export type Backoff = { baseMs: number; maxMs: number };

export type RetryOptions = {
  maxRetries: number;
  backoff: Backoff;
  onRetry?: (retry: { attempt: number; delayMs: number; error: TransientError }) => void;
};

/**
 * Runs `operation` until it succeeds, retrying only TransientErrors, at most `maxRetries` times.
 * Any other error, or the last TransientError once retries are spent, is thrown as it is.
 */
export async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof TransientError) || attempt > options.maxRetries) throw error;
      const delayMs = error.retryAfterMs ?? backoffDelayMs(attempt, options.backoff);
      options.onRetry?.({ attempt, delayMs, error });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

// "Full jitter": a random wait below the exponential cap, so that many clients throttled at the same
// moment do not all come back at the same moment and get throttled again.
export function backoffDelayMs(attempt: number, backoff: Backoff): number {
  const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
  return Math.random() * cap;
}
