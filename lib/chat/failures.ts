import { APICallError, RetryError } from "ai";
import { LoreError } from "@/lib/errors";

/**
 * What the reader (and the decision record) is told when an answer fails. It names the kind of
 * failure without the endpoint's URL, headers or key, which an error's own message may contain.
 */
export function describeAnswerFailure(error: unknown): string {
  // Our own errors are written for the reader (a database step that overran its time, for one).
  if (error instanceof LoreError) return error.message;
  if (RetryError.isInstance(error)) return describeAnswerFailure(error.lastError);
  if (error instanceof Error && (error.name === "TimeoutError" || /timed? ?out|timeout/i.test(error.message))) {
    return "The language model took too long to answer. Please try again.";
  }
  if (APICallError.isInstance(error)) {
    // A status below 400 means the answer had begun: the stream broke off, the server did not refuse.
    return error.statusCode && error.statusCode >= 400
      ? `The language model service returned an error (HTTP ${error.statusCode}). Please try again.`
      : "The connection to the language model was lost while it was answering. Please try again.";
  }
  if (error instanceof TypeError && /fetch|terminated|socket/i.test(error.message)) {
    return "The connection to the language model was lost while it was answering. Please try again.";
  }
  return "Something went wrong while answering. Please try again.";
}
