import { policyRulesSchema, type PolicyRules } from "@/lib/guardrails/policy";

export type LimitName = keyof PolicyRules["limits"];

/**
 * The editor's state. Term lists and limits are kept as the administrator types them (a textarea with
 * a half-written line, an empty limit field) and only turned into rules when checked, so typing is
 * never fought by normalisation.
 */
export type Draft = { rules: PolicyRules; deny: string; allow: string; limits: Record<LimitName, string> };

export type DraftCheck = { ok: true; rules: PolicyRules } | { ok: false; errors: Record<string, string> };

export function draftOf(rules: PolicyRules): Draft {
  const limits = Object.fromEntries(Object.entries(rules.limits).map(([name, value]) => [name, value === null ? "" : String(value)])) as Record<
    LimitName,
    string
  >;
  return { rules, deny: rules.topics.deny.join("\n"), allow: rules.topics.allow.join("\n"), limits };
}

/**
 * The draft as policy rules, validated with the same schema the server saves with; errors are keyed
 * by the field they belong to ("topics.deny", "limits.userTokensPerDay") so each shows beside it.
 */
export function checkDraft(draft: Draft): DraftCheck {
  const candidate = {
    ...draft.rules,
    topics: { ...draft.rules.topics, deny: termsOf(draft.deny), allow: termsOf(draft.allow) },
    limits: Object.fromEntries(Object.entries(draft.limits).map(([name, text]) => [name, text.trim() === "" ? null : Number(text)])),
  };
  const parsed = policyRulesSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, rules: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const [section, field, index] = issue.path.map(String);
    if (section === "limits" && field) errors[`limits.${field}`] ??= "Enter a whole number from 1 to 10,000,000, or leave it empty for no limit.";
    else if (section === "topics" && (field === "deny" || field === "allow") && index !== undefined) {
      errors[`topics.${field}`] ??= `“${candidate.topics[field][Number(index)]?.slice(0, 30)}…”: ${issue.message}`;
    } else errors[issue.path.join(".")] ??= issue.message;
  }
  return { ok: false, errors };
}

/** One term per line; blank lines are ignored. */
function termsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
