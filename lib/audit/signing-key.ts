import "server-only";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

let cached: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/**
 * The Ed25519 key that signs checkpoints of the decision log. From AUDIT_SIGNING_KEY (a PKCS#8 PEM,
 * or its base64) when set; with the embedded database, generated once and kept beside the data (one
 * instance owns that directory, as with the session secret). A shared Postgres means several
 * instances whose checkpoints must verify with one public key: there it has to be configured.
 */
export function auditSigningKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (cached) return cached;
  const privateKey = createPrivateKey(configuredPem() ?? embeddedPem());
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("Invalid configuration: AUDIT_SIGNING_KEY must be an Ed25519 private key");
  cached = { privateKey, publicKey: createPublicKey(privateKey) };
  return cached;
}

/**
 * The public key checkpoints are verified with, without ever creating one (a new key would disown
 * every checkpoint there is): the configured key's, else the embedded deployment's if it exists.
 */
export function existingAuditPublicKey(): KeyObject | null {
  const configured = configuredPem();
  if (configured) return createPublicKey(createPrivateKey(configured));
  const database = config().database;
  if (database.kind === "pglite" && !database.dataDir.startsWith("memory://") && existsSync(embeddedKeyFile(database.dataDir))) {
    return createPublicKey(createPrivateKey(readFileSync(embeddedKeyFile(database.dataDir), "utf8")));
  }
  return null;
}

function configuredPem(): string | undefined {
  const value = config().audit.signingKey?.trim();
  if (!value) return undefined;
  return value.startsWith("-----BEGIN") ? value.replaceAll("\\n", "\n") : Buffer.from(value, "base64").toString("utf8");
}

function embeddedPem(): string {
  const database = config().database;
  if (database.kind === "postgres") {
    throw new Error("Invalid configuration: AUDIT_SIGNING_KEY is required when DATABASE_URL is set (every instance must sign checkpoints with one key)");
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  // An in-memory database lives as long as the process, and so does its key.
  if (database.dataDir.startsWith("memory://")) return pem;
  const file = embeddedKeyFile(database.dataDir);
  if (existsSync(file)) return readFileSync(file, "utf8");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, pem, { mode: 0o600 });
  return pem;
}

/** Where the embedded deployment keeps its key: beside the database directory, like the session secret. */
export function embeddedKeyFile(dataDir: string): string {
  return path.join(path.dirname(dataDir), "audit-signing-key.pem");
}
