import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { embeddingSettingsSchema, type EmbeddingSettings } from "@/lib/embeddings/settings";

// The one place that reads the environment. It is validated on first use and fails fast with a
// message that names the variable, so a misconfigured deployment stops at start-up, not mid-request.
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  LORE_DEMO_SEED: z.enum(["true", "false"]).optional(),
  SESSION_LIFETIME_MINUTES: z.coerce.number().positive().default(8 * 60),
  SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().positive().default(60),
  PASSWORD_SIGN_IN: z.enum(["true", "false"]).default("true"),
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
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  EMBEDDINGS_PROVIDER: z.enum(["lexical", "openai-compatible", "local"]).default("lexical"),
  EMBEDDINGS_BASE_URL: z.string().optional(),
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_MODEL: z.string().optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().max(16_000).optional(),
  EMBEDDINGS_LOCAL_MODEL_PATH: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AUDIT_TURN_GRACE_SECONDS: z.coerce.number().int().min(0).default(60),
  AUDIT_SWEEP_SECONDS: z.coerce.number().int().positive().default(60),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().default(60),
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
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  seedDemo: boolean;
  /** How long a sign-in lasts at most, and how long it survives without a request (lib/auth/sessions.ts). */
  sessions: { lifetimeSeconds: number; idleTimeoutSeconds: number };
  /** Whether anyone may sign in with a password (each workspace's admins may also switch it off). */
  passwordSignIn: boolean;
  oidc: OidcSettings | null;
  llm: { baseURL: string; apiKey: string | undefined; model: string; timeoutMs: number } | null;
  maxUploadBytes: number;
  /** The embedder this deployment should use; a different one already in the database is switched over from (lib/embeddings/switch.ts). */
  embeddings: EmbeddingSettings;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /**
   * The decision log (lib/audit): a turn not recorded by its model's time limit plus `turnGraceMs`
   * is closed as incomplete by the sweeper, which runs every `sweepEveryMs`. Each tenant's chain head
   * is signed every `checkpointEveryMs` with `signingKey` (an Ed25519 private key, PEM), which
   * lib/audit/signing-key.ts generates and keeps beside the embedded database when it is not set.
   * `costPerMillionTokens` prices the model's tokens for the audit dashboard (null: not priced).
   */
  audit: {
    turnGraceMs: number;
    sweepEveryMs: number;
    checkpointEveryMs: number;
    signingKey: string | undefined;
    costPerMillionTokens: { input: number; output: number } | null;
  };
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
    : { kind: "pglite", dataDir: env.PGLITE_DIR.startsWith("memory://") ? env.PGLITE_DIR : path.resolve(/*turbopackIgnore: true*/ env.PGLITE_DIR) };
  if ((env.LLM_BASE_URL === undefined) !== (env.LLM_MODEL === undefined)) {
    throw new Error("Invalid configuration: LLM_BASE_URL and LLM_MODEL must be set together");
  }
  cached = {
    database,
    seedDemo: env.LORE_DEMO_SEED ? env.LORE_DEMO_SEED === "true" : database.kind === "pglite",
    sessions: {
      lifetimeSeconds: Math.round(env.SESSION_LIFETIME_MINUTES * 60),
      idleTimeoutSeconds: Math.round(Math.min(env.SESSION_IDLE_TIMEOUT_MINUTES, env.SESSION_LIFETIME_MINUTES) * 60),
    },
    llm:
      env.LLM_BASE_URL && env.LLM_MODEL
        ? { baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS }
        : null,
    passwordSignIn: env.PASSWORD_SIGN_IN === "true",
    oidc: oidcSettings(env),
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    embeddings: embeddingSettings(env),
    logLevel: env.LOG_LEVEL,
    audit: {
      turnGraceMs: env.AUDIT_TURN_GRACE_SECONDS * 1000,
      sweepEveryMs: env.AUDIT_SWEEP_SECONDS * 1000,
      checkpointEveryMs: Math.round(env.AUDIT_CHECKPOINT_MINUTES * 60_000),
      signingKey: env.AUDIT_SIGNING_KEY,
      costPerMillionTokens:
        env.AUDIT_COST_PER_MILLION_INPUT_TOKENS === undefined && env.AUDIT_COST_PER_MILLION_OUTPUT_TOKENS === undefined
          ? null
          : { input: env.AUDIT_COST_PER_MILLION_INPUT_TOKENS ?? 0, output: env.AUDIT_COST_PER_MILLION_OUTPUT_TOKENS ?? 0 },
    },
  };
  return cached;
}

function oidcSettings(env: z.infer<typeof envSchema>): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId && !clientSecret) {
    if (env.PASSWORD_SIGN_IN === "false") throw new Error("Invalid configuration: PASSWORD_SIGN_IN=false needs single sign-on (OIDC_ISSUER…), or nobody could sign in");
    return null;
  }
  if (!issuer || !clientId || !clientSecret) throw new Error("Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together");
  const workspaces: Record<string, string> = {};
  for (const entry of (env.OIDC_WORKSPACES ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
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
