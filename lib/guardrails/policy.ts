import { z } from "zod";

/**
 * A tenant's guardrail policy: what each check looks for and what happens when it finds something.
 * Stored as immutable versions (lib/guardrails/policy-store.ts); validated with this schema on every
 * save, so an invalid policy can never become active.
 *
 * Every rule has the same shape. `action` is what happens: allow (record only), redact (typed
 * placeholder such as [EMAIL]), mask (hide all but a recognisable remainder), block (refuse with a
 * message the user understands), withhold (a retrieved passage is kept out of the answer), flag (the
 * answer is shown with a warning). `shadow` trials a rule: the verdict records what the action would
 * have done, and nothing changes for the user.
 */
const rule = <Action extends string>(actions: readonly [Action, ...Action[]]) =>
  z.object({ enabled: z.boolean(), action: z.enum(actions), shadow: z.boolean() });

export const PII_ACTIONS = ["allow", "redact", "mask", "block"] as const;
const INPUT_ACTIONS = ["allow", "block"] as const;
export const DOCUMENT_ACTIONS = ["allow", "withhold"] as const;
const OUTPUT_ACTIONS = ["allow", "flag", "block"] as const;

/** The PII detectors a policy configures one by one (names from lib/guardrails/detectors). */
export const PII_DETECTORS = [
  "email",
  "phone",
  "credit_card",
  "iban",
  "kr_registration_number",
  "kr_business_number",
  "passport",
  "us_ssn",
  "ip_address",
  "secrets",
  "person_name",
] as const;

export type PiiDetectorName = (typeof PII_DETECTORS)[number];

const limit = z.number().int().positive().max(10_000_000).nullable();

/** What the model-backed second layer does when a judge is configured (lib/guardrails/judge). */
export const DEFAULT_JUDGE_RULE = { enabled: true, action: "block" as const, shadow: false, send: "uncertain" as const, onFailure: "allow" as const };

const termList = z
  .array(z.string().trim().min(1, "A blocked term cannot be empty.").max(200, "A term can be at most 200 characters."))
  .max(500, "At most 500 terms.");

export const policyRulesSchema = z
  .object({
    /** Checks on the user's question, before anything reaches a model, a log or a record. */
    input: z.object({
      pii: z.object(
        Object.fromEntries(PII_DETECTORS.map((name) => [name, rule(PII_ACTIONS)])) as Record<
          PiiDetectorName,
          ReturnType<typeof rule<(typeof PII_ACTIONS)[number]>>
        >,
      ),
      promptInjection: rule(INPUT_ACTIONS),
      toxicity: rule(INPUT_ACTIONS),
    }),
    /** Blocked topics and keywords (Korean and English); allow-list phrases excuse an overlapping hit. */
    topics: rule(INPUT_ACTIONS).extend({ deny: termList, allow: termList }),
    /** Checks on each retrieved passage before it may be used: instructions planted in documents. */
    documents: z.object({ injection: rule(DOCUMENT_ACTIONS) }),
    /**
     * The model-backed second layer, when a judge endpoint is configured: questions and passages the
     * local detectors are unsure about (or all of them) are classified by it; `block` refuses an unsafe
     * question and withholds an unsafe passage. `onFailure` is what a timeout or an unusable answer
     * means: allow (fail-open) or block (fail-closed). Policies saved before it existed get the default.
     */
    judge: rule(INPUT_ACTIONS)
      .extend({ send: z.enum(["uncertain", "all"]), onFailure: z.enum(["allow", "block"]) })
      .default(DEFAULT_JUDGE_RULE),
    /** Refuse when no passage the user may read supports an answer, rather than let a model guess. */
    outOfScope: rule(INPUT_ACTIONS),
    /** Checks on the answer, sentence by sentence while it streams and on the whole at the end. */
    output: z.object({
      pii: rule(["allow", "redact", "mask", "block"] as const),
      toxicity: rule(OUTPUT_ACTIONS),
      groundedness: rule(OUTPUT_ACTIONS),
    }),
    /** Per-user and per-tenant limits, enforced in Postgres (null: no limit). */
    limits: z.object({
      userRequestsPerMinute: limit,
      tenantRequestsPerMinute: limit,
      userTokensPerDay: limit,
      tenantTokensPerDay: limit,
    }),
  })
  .strict();

export type PolicyRules = z.infer<typeof policyRulesSchema>;
export type GuardRule = { enabled: boolean; action: string; shadow: boolean };

const on = <A extends string>(action: A) => ({ enabled: true, action, shadow: false });

/** The policy of a tenant that has not saved one: protective defaults an administrator can relax. */
export const DEFAULT_POLICY: PolicyRules = {
  input: {
    pii: {
      email: on("redact"),
      phone: on("redact"),
      credit_card: on("redact"),
      iban: on("redact"),
      kr_registration_number: on("redact"),
      kr_business_number: on("redact"),
      passport: on("redact"),
      us_ssn: on("redact"),
      ip_address: on("allow"),
      secrets: on("block"),
      // Best-effort detection: trialled in shadow mode until an administrator decides.
      person_name: { enabled: true, action: "redact", shadow: true },
    },
    promptInjection: on("block"),
    toxicity: on("block"),
  },
  topics: { enabled: false, action: "block", shadow: false, deny: [], allow: [] },
  documents: { injection: on("withhold") },
  judge: DEFAULT_JUDGE_RULE,
  outOfScope: on("block"),
  output: {
    pii: on("redact"),
    toxicity: on("block"),
    groundedness: on("flag"),
  },
  limits: { userRequestsPerMinute: 20, tenantRequestsPerMinute: 600, userTokensPerDay: 200_000, tenantTokensPerDay: 5_000_000 },
};
