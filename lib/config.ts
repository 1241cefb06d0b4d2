import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { embeddingSettingsSchema, type EmbeddingSettings } from "@/lib/embeddings/settings";

// The one place that reads the environment. It is validated on first use and fails fast with a
// message that names the variable, so a misconfigured deployment stops at start-up, not mid-request.
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, "must be a size such as 512MB")
    .default("512MB"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LORE_DEMO_SEED: z.enum(["true", "false"]).optional(),
  LORE_OPERATOR_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_LIFETIME_MINUTES: z.coerce
    .number()
    .positive()
    .default(8 * 60),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().positive().default(60),
  PASSWORD_SIGN_IN: z.enum(["true", "false"]).default("true"),
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).max(60).default("single sign-on"),
  OIDC_SCOPES: z.string().min(1).default("openid email profile"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  OIDC_ROLE_CLAIM: z.string().min(1).default("role"),
  OIDC_WORKSPACES: z.string().optional(),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  USER_EXPENSIVE_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  USER_UPLOADS_AT_ONCE: z.coerce.number().int().positive().default(4),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  APP_ORIGIN: z.url({ protocol: /^https?$/, message: "must be the app's address, such as https://lore.example.com" }).optional(),
  EMBEDDINGS_PROVIDER: z.enum(["lexical", "openai-compatible", "local"]).default("lexical"),
  EMBEDDINGS_BASE_URL: z.string().optional(),
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_MODEL: z.string().optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().max(16_000).optional(),
  EMBEDDINGS_LOCAL_MODEL_PATH: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GUARDRAIL_JUDGE_KIND: z.enum(["chat", "classifier"]).optional(),
  GUARDRAIL_JUDGE_BASE_URL: z.string().url().optional(),
  GUARDRAIL_JUDGE_MODEL: z.string().min(1).optional(),
  GUARDRAIL_JUDGE_API_KEY: z.string().optional(),
  GUARDRAIL_JUDGE_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(5_000),
  GUARDRAIL_JUDGE_UNSAFE_LABELS: z.string().default("INJECTION,JAILBREAK,UNSAFE,HARMFUL,LABEL_1"),
  RERANK_BASE_URL: z.string().url().optional(),
  RERANK_MODEL: z.string().min(1).optional(),
  RERANK_API_KEY: z.string().optional(),
  RERANK_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(5_000),
  RERANK_CANDIDATES: z.coerce.number().int().min(1).max(200).default(20),
  RERANK_MIN_SCORE: z.coerce.number().finite().default(0.1),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  LORE_WORKERS: z.enum(["on", "off"]).default("on"),
  PARSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  AUDIT_TURN_GRACE_SECONDS: z.coerce.number().int().min(0).default(60),
  AUDIT_SWEEP_SECONDS: z.coerce.number().int().positive().default(60),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().default(60),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(1095),
  // At most 24 days: a longer wait overflows the timer (setInterval), which would then run it continually.
  AUDIT_PURGE_HOURS: z.coerce.number().positive().max(576).default(24),
  AUDIT_COST_PER_MILLION_INPUT_TOKENS: z.coerce.number().min(0).optional(),
  AUDIT_COST_PER_MILLION_OUTPUT_TOKENS: z.coerce.number().min(0).optional(),
});

/** The company's identity provider (OpenID Connect), when single sign-on is configured. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  scopes: string;
  groupsClaim: string;
  roleClaim: string;
  /** e-mail domain (or "*" for any) → workspace slug */
  workspaces: Record<string, string>;
};

export type Config = {
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string; sharedBuffers: string };
  seedDemo: boolean;
  /** The instance operator's token for /operator and /api/operator (lib/auth/operator.ts); null: both are off. */
  operatorToken: string | null;
  /** How long a sign-in lasts at most, and how long it survives without a request (lib/auth/sessions.ts). */
  sessions: { lifetimeSeconds: number; idleTimeoutSeconds: number };
  /** Whether anyone may sign in with a password (each workspace's admins may also switch it off). */
  passwordSignIn: boolean;
  /** Failed password sign-ins allowed per account and per network address within the lockout window (lib/auth/sign-in-throttle.ts). */
  signInThrottle: { failuresPerAccount: number; failuresPerAddress: number; windowSeconds: number };
  /** How many proxies in front of the app append to X-Forwarded-For (lib/auth/client-address.ts). */
  trustedProxyHops: number;
  oidc: OidcSettings | null;
  llm: { baseURL: string; apiKey: string | undefined; model: string; timeoutMs: number } | null;
  maxUploadBytes: number;
  /** What one person may ask of one server process, whatever their policy allows (lib/http/rate-limits.ts). */
  requestLimits: { expensivePerMinute: number; uploadsAtOnce: number };
  /** What a Prometheus scraper sends as its bearer token to read GET /api/metrics; null: metrics are off. */
  metricsToken: string | null;
  /** The one origin browsers may send state-changing requests from; null: the host each request was sent to (lib/http/same-origin.ts). */
  appOrigin: string | null;
  /** The embedder this deployment should use; a different one already in the database is switched over from (lib/ingest/embedder-switch.ts). */
  embeddings: EmbeddingSettings;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** The model-backed second guardrail layer (lib/guardrails/judge), or null when none is configured. */
  judge: JudgeSettings | null;
  /** The rerank endpoint between retrieval's fused candidates and the answer's sources (lib/retrieval/rerank.ts), or null when none is configured. */
  rerank: RerankSettings | null;
  /** Limit on each statement of a tenant transaction (lib/db/tenant.ts). */
  dbStatementTimeoutMs: number;
  /** Whether this web server runs the background workers (ingestion) itself; `npm run worker` runs them apart. */
  runWorkers: boolean;
  /** Limits on parsing one uploaded file in its worker thread (lib/ingest/parsers/sandbox.ts). */
  parse: { timeoutMs: number; memoryMb: number };
  /**
   * The decision log (lib/audit): a turn not recorded by its model's time limit plus `turnGraceMs`
   * is closed as incomplete by the sweeper, which runs every `sweepEveryMs`. Each tenant's chain head
   * is signed every `checkpointEveryMs` with `signingKey` (an Ed25519 private key, PEM), which
   * lib/audit/signing-key.ts generates and keeps beside the embedded database when it is not set.
   * `costPerMillionTokens` prices the model's tokens for the audit dashboard (null: not priced).
   * Records are kept `retentionDays` unless a workspace set its own retention; the purge runs every
   * `purgeEveryMs` (lib/audit/purge.ts).
   */
  audit: {
    turnGraceMs: number;
    sweepEveryMs: number;
    checkpointEveryMs: number;
    retentionDays: number;
    purgeEveryMs: number;
    signingKey: string | undefined;
    costPerMillionTokens: { input: number; output: number } | null;
  };
};

export type JudgeSettings = {
  /** `chat`: an OpenAI-compatible chat model with the judging prompt; `classifier`: a text-classification server's `POST /predict`. */
  kind: "chat" | "classifier";
  baseURL: string;
  apiKey: string | undefined;
  model: string;
  timeoutMs: number;
  /** Classifier labels that mean "unsafe" (upper case). */
  unsafeLabels: string[];
};

export type RerankSettings = {
  /** the endpoint's base: requests go to `<baseURL>/rerank` */
  baseURL: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  /** how many fused candidates are sent to be reranked */
  candidates: number;
  /** passages the endpoint scores below this are not passed on as sources */
  minScore: number;
};

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  // An empty variable (VAR= in an env file) means "not set", as most deployment tools intend it.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== "")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const database: Config["database"] = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : {
        kind: "pglite",
        dataDir: env.PGLITE_DIR.startsWith("memory://") ? env.PGLITE_DIR : path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR),
        sharedBuffers: env.PGLITE_SHARED_BUFFERS,
      };
  if ((env.LLM_BASE_URL === undefined) !== (env.LLM_MODEL === undefined)) {
    throw new Error("Invalid configuration: LLM_BASE_URL and LLM_MODEL must be set together");
  }
  cached = {
    database,
    seedDemo: env.LORE_DEMO_SEED ? env.LORE_DEMO_SEED === "true" : database.kind === "pglite",
    operatorToken: env.LORE_OPERATOR_TOKEN ?? null,
    sessions: {
      lifetimeSeconds: Math.round(env.SESSION_LIFETIME_MINUTES * 60),
      idleTimeoutSeconds: Math.round(Math.min(env.SESSION_IDLE_TIMEOUT_MINUTES, env.SESSION_LIFETIME_MINUTES) * 60),
    },
    llm: env.LLM_BASE_URL && env.LLM_MODEL ? { baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS } : null,
    passwordSignIn: env.PASSWORD_SIGN_IN === "true",
    signInThrottle: {
      failuresPerAccount: env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      failuresPerAddress: env.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: env.SIGN_IN_LOCKOUT_MINUTES * 60,
    },
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    oidc: oidcSettings(env),
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    requestLimits: { expensivePerMinute: env.USER_EXPENSIVE_REQUESTS_PER_MINUTE, uploadsAtOnce: env.USER_UPLOADS_AT_ONCE },
    metricsToken: env.METRICS_TOKEN ?? null,
    appOrigin: env.APP_ORIGIN ? new URL(env.APP_ORIGIN).origin : null,
    embeddings: embeddingSettings(env),
    logLevel: env.LOG_LEVEL,
    judge: judgeSettings(env),
    rerank: rerankSettings(env),
    dbStatementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    runWorkers: env.LORE_WORKERS === "on",
    parse: { timeoutMs: env.PARSE_TIMEOUT_MS, memoryMb: env.PARSE_MEMORY_MB },
    audit: {
      turnGraceMs: env.AUDIT_TURN_GRACE_SECONDS * 1000,
      sweepEveryMs: env.AUDIT_SWEEP_SECONDS * 1000,
      checkpointEveryMs: Math.round(env.AUDIT_CHECKPOINT_MINUTES * 60_000),
      retentionDays: env.AUDIT_RETENTION_DAYS,
      purgeEveryMs: Math.round(env.AUDIT_PURGE_HOURS * 3_600_000),
      signingKey: env.AUDIT_SIGNING_KEY,
      costPerMillionTokens:
        env.AUDIT_COST_PER_MILLION_INPUT_TOKENS === undefined && env.AUDIT_COST_PER_MILLION_OUTPUT_TOKENS === undefined
          ? null
          : { input: env.AUDIT_COST_PER_MILLION_INPUT_TOKENS ?? 0, output: env.AUDIT_COST_PER_MILLION_OUTPUT_TOKENS ?? 0 },
    },
  };
  return cached;
}

// The judge defaults to the chat model's endpoint, so "use the configured chat model as a judge" is one variable.
function judgeSettings(env: z.infer<typeof envSchema>): JudgeSettings | null {
  if (!env.GUARDRAIL_JUDGE_KIND) return null;
  const chat = env.GUARDRAIL_JUDGE_KIND === "chat";
  const baseURL = env.GUARDRAIL_JUDGE_BASE_URL ?? (chat ? env.LLM_BASE_URL : undefined);
  const model = env.GUARDRAIL_JUDGE_MODEL ?? (chat ? env.LLM_MODEL : "classifier");
  if (!baseURL || !model)
    throw new Error(
      `Invalid configuration: GUARDRAIL_JUDGE_KIND=${env.GUARDRAIL_JUDGE_KIND} needs GUARDRAIL_JUDGE_BASE_URL${chat ? " and GUARDRAIL_JUDGE_MODEL (or LLM_BASE_URL and LLM_MODEL)" : ""}`,
    );
  return {
    kind: env.GUARDRAIL_JUDGE_KIND,
    baseURL,
    apiKey: env.GUARDRAIL_JUDGE_API_KEY ?? (chat && !env.GUARDRAIL_JUDGE_BASE_URL ? env.LLM_API_KEY : undefined),
    model,
    timeoutMs: env.GUARDRAIL_JUDGE_TIMEOUT_MS,
    unsafeLabels: env.GUARDRAIL_JUDGE_UNSAFE_LABELS.split(",")
      .map((label) => label.trim().toUpperCase())
      .filter(Boolean),
  };
}

function rerankSettings(env: z.infer<typeof envSchema>): RerankSettings | null {
  if ((env.RERANK_BASE_URL === undefined) !== (env.RERANK_MODEL === undefined)) {
    throw new Error("Invalid configuration: RERANK_BASE_URL and RERANK_MODEL must be set together");
  }
  if (!env.RERANK_BASE_URL || !env.RERANK_MODEL) return null;
  return {
    baseURL: env.RERANK_BASE_URL,
    model: env.RERANK_MODEL,
    apiKey: env.RERANK_API_KEY,
    timeoutMs: env.RERANK_TIMEOUT_MS,
    candidates: env.RERANK_CANDIDATES,
    minScore: env.RERANK_MIN_SCORE,
  };
}

function oidcSettings(env: z.infer<typeof envSchema>): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId && !clientSecret) {
    if (env.PASSWORD_SIGN_IN === "false")
      throw new Error("Invalid configuration: PASSWORD_SIGN_IN=false needs single sign-on (OIDC_ISSUER…), or nobody could sign in");
    return null;
  }
  if (!issuer || !clientId || !clientSecret) throw new Error("Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  const workspaces: Record<string, string> = {};
  for (const entry of (env.OIDC_WORKSPACES ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [domain, slug] = entry.split("=").map((part) => part.trim().toLowerCase());
    if (!domain || !slug || !/^(\*|[a-z0-9.-]+)$/.test(domain)) {
      throw new Error(`Invalid configuration: OIDC_WORKSPACES: "${entry}" is not "<e-mail domain or *>=<workspace>"`);
    }
    workspaces[domain] = slug;
  }
  if (Object.keys(workspaces).length === 0) throw new Error("Invalid configuration: OIDC_WORKSPACES is required with OIDC_ISSUER (e.g. acme.com=acme)");
  return {
    issuer,
    clientId,
    clientSecret,
    displayName: env.OIDC_DISPLAY_NAME,
    scopes: env.OIDC_SCOPES,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    roleClaim: env.OIDC_ROLE_CLAIM,
    workspaces,
  };
}

// The embedder's variables, checked with the embedders' own schema; a problem is reported under the
// variable's name, never with the key's value.
const EMBEDDING_VARIABLES: Record<string, string> = {
  baseURL: "EMBEDDINGS_BASE_URL",
  apiKey: "EMBEDDINGS_API_KEY",
  model: "EMBEDDINGS_MODEL",
  dimensions: "EMBEDDINGS_DIMENSIONS",
  modelPath: "EMBEDDINGS_LOCAL_MODEL_PATH",
};

function embeddingSettings(env: z.infer<typeof envSchema>): EmbeddingSettings {
  const provider = env.EMBEDDINGS_PROVIDER;
  const settings =
    provider === "openai-compatible"
      ? { provider, baseURL: env.EMBEDDINGS_BASE_URL, apiKey: env.EMBEDDINGS_API_KEY, model: env.EMBEDDINGS_MODEL, dimensions: env.EMBEDDINGS_DIMENSIONS }
      : provider === "local"
        ? { provider, modelPath: env.EMBEDDINGS_LOCAL_MODEL_PATH }
        : { provider };
  const parsed = embeddingSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${EMBEDDING_VARIABLES[String(i.path[0])] ?? "EMBEDDINGS_PROVIDER"}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")} (EMBEDDINGS_PROVIDER=${provider})`);
  }
  return parsed.data;
}

let cachedSecret: string | undefined;

/** The key that signs session tokens. Read apart from config() so that a build never creates one. */
export function authSecret(): string {
  cachedSecret ??= process.env.AUTH_SECRET ?? embeddedAuthSecret(config().database);
  return cachedSecret;
}

// With the embedded database there is one app instance and a data directory it owns, so a secret
// generated once and kept beside the data is as durable as the sessions it signs. A shared Postgres
// means several instances, which must agree on the secret: there it has to come from the environment.
function embeddedAuthSecret(database: Config["database"]): string {
  if (database.kind === "postgres") {
    throw new Error("Invalid configuration: AUTH_SECRET is required when DATABASE_URL is set (every instance must share it)");
  }
  const file = path.join(path.dirname(database.dataDir), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
