import "server-only";
import pino from "pino";
import { config } from "@/lib/config";

let instance: pino.Logger | undefined;

/**
 * The one logger of the server, created on first use (not at import, so configuration is read when
 * the process is set up, not when a module happens to load). Field names that could carry a secret
 * are censored wherever they appear.
 */
export function logger(): pino.Logger {
  instance ??= pino({
    level: config().logLevel,
    base: { app: "lore" },
    redact: {
      paths: ["password", "*.password", "apiKey", "*.apiKey", "authorization", "*.authorization", "headers.cookie", "secret", "*.secret"],
      censor: "[redacted]",
    },
  });
  return instance;
}
