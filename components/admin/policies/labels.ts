import type { PolicyChange } from "@/lib/guardrails/policy-diff";

/** Names an administrator reads for each PII detector ("email" → "E-mail address"), from the server's catalog. */
export type DetectorNames = Record<string, string>;

export function detectorNamesOf(pii: Record<string, { label: string }>): DetectorNames {
  return Object.fromEntries(Object.entries(pii).map(([name, info]) => [name, info.label]));
}

const ACTION_LABELS: Record<string, string> = {
  allow: "Allow",
  redact: "Redact",
  mask: "Mask",
  block: "Block",
  withhold: "Withhold",
  flag: "Flag",
};

export const LIMIT_LABELS = {
  userRequestsPerMinute: "Questions per minute, per person",
  tenantRequestsPerMinute: "Questions per minute, whole workspace",
  userTokensPerDay: "Model tokens per day, per person",
  tenantTokensPerDay: "Model tokens per day, whole workspace",
} as const;

const RULE_LABELS: Record<string, string> = {
  "input.promptInjection": "Questions › Prompt injection",
  "input.toxicity": "Questions › Abusive language",
  topics: "Blocked topics",
  "documents.injection": "Retrieved documents › Planted instructions",
  judge: "Second opinion › Model-backed judge",
  outOfScope: "Out of scope",
  "output.pii": "Answers › Personal data",
  "output.toxicity": "Answers › Abusive language",
  "output.groundedness": "Answers › Unsupported statements",
  ...Object.fromEntries(Object.entries(LIMIT_LABELS).map(([key, label]) => [`limits.${key}`, `Limits › ${label}`])),
};

const FIELD_LABELS: Record<string, string> = {
  enabled: "on",
  action: "action",
  shadow: "trial (shadow)",
  deny: "blocked terms",
  allow: "allowed phrases",
  send: "sent to the judge",
  onFailure: "when the judge fails",
};

/** One change between two versions, as an administrator reads it. */
export type ReadableChange = { where: string; field: string | null; before: string; after: string; added: string[]; removed: string[] };

/** "input.pii.email.action" → "Personal data in questions › E-mail address", field "action", "Redact" → "Mask". */
export function readableChange(change: PolicyChange, detectorNames: DetectorNames): ReadableChange {
  const { where, fieldKey } = locate(change.path, detectorNames);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const isList = Array.isArray(change.before) || Array.isArray(change.after);
  return {
    where,
    field: fieldKey ? (FIELD_LABELS[fieldKey] ?? fieldKey) : null,
    before: readableValue(change.before, fieldKey),
    after: readableValue(change.after, fieldKey),
    added: isList ? list(change.after).filter((term) => !list(change.before).includes(term)) : [],
    removed: isList ? list(change.before).filter((term) => !list(change.after).includes(term)) : [],
  };
}

/** The rule a path belongs to, and the field of that rule (none for a limit, which is a value of its own). */
function locate(path: string, detectorNames: DetectorNames): { where: string; fieldKey: string | undefined } {
  const parts = path.split(".");
  if (parts[0] === "input" && parts[1] === "pii" && parts[2]) {
    return { where: `Personal data in questions › ${detectorNames[parts[2]] ?? parts[2]}`, fieldKey: parts[3] };
  }
  if (RULE_LABELS[path]) return { where: RULE_LABELS[path], fieldKey: undefined };
  const rule = parts.slice(0, -1).join(".");
  return { where: RULE_LABELS[rule] ?? rule, fieldKey: parts[parts.length - 1] };
}

function readableValue(value: unknown, field: string | undefined): string {
  if (value === undefined) return "—";
  if (value === null) return "no limit";
  if (typeof value === "boolean") return field === "shadow" ? (value ? "yes" : "no") : value ? "on" : "off";
  if (typeof value === "number") return value.toLocaleString("en-US");
  if (typeof value === "string") return ACTION_LABELS[value] ?? value;
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(", ");
  return JSON.stringify(value);
}

const CHECK_LABELS: Record<string, string> = {
  "input:prompt_injection": "Prompt injection",
  "input:toxicity": "Abusive language",
  "topics:topics": "Blocked topics",
  "documents:document_injection": "Instructions planted in documents",
  "input:judge": "Model-backed judge",
  "documents:judge": "Model-backed judge (passage)",
  "output:pii": "Personal data in the answer",
  "output:toxicity": "Abusive language in the answer",
  "output:groundedness": "Unsupported statements",
};

/** The name of a check as a verdict records it (stage and check), for people. */
export function checkLabel(stage: string, check: string, detectorNames: DetectorNames): string {
  return CHECK_LABELS[`${stage}:${check}`] ?? detectorNames[check] ?? check;
}

/** The colour family of a check's highlights: personal data, injection, abuse, topics, grounding. */
export function checkTone(check: string): "pii" | "injection" | "toxicity" | "topic" | "grounding" {
  if (check.endsWith("injection")) return "injection";
  if (check === "toxicity") return "toxicity";
  if (check === "topics") return "topic";
  if (check === "groundedness") return "grounding";
  return "pii";
}
