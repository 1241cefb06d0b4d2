import { builtInDetectors } from "@/lib/guardrails/detectors";
import type { Finding } from "@/lib/guardrails/findings";
import { PII_DETECTORS, type PolicyRules } from "@/lib/guardrails/policy";
import { redact, type RedactionStyle } from "@/lib/guardrails/redact";
import { cleanText } from "@/lib/text/hygiene";

/**
 * Text as Lore may keep it: in a conversation's messages and title, a decision record, a feedback
 * comment, a log line or an export. Every personal-data detector runs, whatever the policy says:
 * the policy decides what the model sees and what the reader is told ("allow", "block", a rule on
 * trial, even a rule switched off), never whether a raw value is written down. A detector the policy
 * sets to "mask" keeps its mask; every other finding becomes its typed placeholder (`[EMAIL]`).
 * NUL characters and lone surrogates, which Postgres cannot store, are cleaned out first: a model's
 * answer that contains them is kept, not lost.
 */
export function storableText(raw: string, rules?: PolicyRules): string {
  const text = cleanText(raw);
  if (!text) return text;
  const styleOf = new Map<Finding, RedactionStyle>();
  for (const name of PII_DETECTORS) {
    const rule = rules?.input.pii[name];
    const style: RedactionStyle = rule?.enabled && !rule.shadow && rule.action === "mask" ? "mask" : "redact";
    for (const finding of builtInDetectors[name]!.detector.scan(text)) styleOf.set(finding, style);
  }
  if (styleOf.size === 0) return text;
  return redact(text, [...styleOf.keys()], (finding) => styleOf.get(finding)!);
}

/**
 * An error as a log line may carry it. Errors from the model client keep the request they failed on
 * (`requestBodyValues`: the whole prompt, question and passages included) and the server's reply;
 * database errors can quote the values of the statement. A log line gets the kind of error, its
 * status and its message with personal data redacted, and the stack frames: enough to find the fault.
 */
export function errorForLog(error: unknown): { type: string; message: string; status?: number; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: storableText(String(error)) };
  // The SDK's RetryError carries the HTTP status on the last attempt's error.
  const last = (error as { lastError?: unknown }).lastError;
  const status = (error as { statusCode?: unknown }).statusCode ?? (last as { statusCode?: unknown } | undefined)?.statusCode;
  const message = storableText(error.message.slice(0, 1000));
  const frames = error.stack?.split("\n").filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    message,
    ...(typeof status === "number" ? { status } : {}),
    ...(frames?.length ? { stack: [`${error.name}: ${message}`, ...frames].join("\n") } : {}),
  };
}
