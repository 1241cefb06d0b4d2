// Each integration test file gets its own database: an in-memory embedded Postgres that starts as a
// copy of one migrated template (migrated-template.ts) by default, or, when LORE_TEST_POSTGRES_URL names
// a template database on a Postgres server (scripts/test.mjs runs the integration tests a second time
// that way, see scripts/throwaway-postgres.sh), a fresh copy of that template on the server. Vitest
// may run several files in one worker, so the previous file's database (closed in its afterAll) is
// forgotten here.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.LOG_LEVEL ??= "silent";
// The app's 512MB of shared buffers are for a search index of 100,000 chunks; a test file's database
// is small, and several engines (one per worker, and any a test starts) share the machine's memory.
process.env.PGLITE_SHARED_BUFFERS ??= "128MB";
delete (globalThis as { __loreDatabase?: unknown }).__loreDatabase;

const template = process.env.LORE_TEST_POSTGRES_URL;
if (template) {
  process.env.DATABASE_URL = await copyOfTemplate(template);
  // A deployment on a Postgres server must configure its checkpoint signing key; each file's database gets its own.
  process.env.AUDIT_SIGNING_KEY = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
} else {
  process.env.PGLITE_DIR = `memory://${inject("pgliteTemplate") ?? ""}`;
  delete process.env.DATABASE_URL;
}

async function copyOfTemplate(templateUrl: string): Promise<string> {
  const url = new URL(templateUrl);
  const templateName = url.pathname.slice(1);
  const name = `lore_test_${randomUUID().replaceAll("-", "")}`;
  // CREATE DATABASE runs from the server's maintenance database: a template must have no connections.
  const client = new pg.Client({ connectionString: Object.assign(new URL(templateUrl), { pathname: "/postgres" }).toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${templateName}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}
