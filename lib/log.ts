import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { config } from "@/lib/config";

let instance: pino.Logger | undefined;

/**
 * The one logger of the server, created on first use (not at import, so configuration is read when
 * the process is set up, not when a module happens to load). Field names that could carry a secret
 * are censored wherever they appear. A line written while a request is handled carries its id.
 */
export function logger(): pino.Logger {
  instance ??= pino({
    level: config().logLevel,
    base: { app: "lore" },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: ["password", "*.password", "apiKey", "*.apiKey", "authorization", "*.authorization", "headers.cookie", "secret", "*.secret"],
      censor: "[redacted]",
    },
  });
  return instance;
}

// Route handlers and instrumentation are bundled apart, so the one store lives on globalThis.
const holder = globalThis as unknown as { __loreRequestContext?: AsyncLocalStorage<{ requestId: string }> };
holder.__loreRequestContext ??= new AsyncLocalStorage();
const requestContext = holder.__loreRequestContext;

/** Runs `work` as part of the request `requestId`: every log line written meanwhile carries the id. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestContext.run({ requestId }, work);
}

/**
 * The id of the request being handled (also sent back as the X-Request-Id header), or undefined
 * outside one. Read it while the request is handled: code that runs later from a stream's callback
 * (a chat turn's end) should capture it when the turn starts.
 */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
