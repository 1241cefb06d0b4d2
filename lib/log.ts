import "server-only";
import pino from "pino";
import { config } from "@/lib/config";

// One logger for the server. Field names that could carry a secret are censored wherever they appear.
export const log = pino({
  level: config().logLevel,
  base: { app: "lore" },
  redact: {
    paths: ["password", "*.password", "apiKey", "*.apiKey", "authorization", "*.authorization", "headers.cookie", "secret", "*.secret"],
    censor: "[redacted]",
  },
});
