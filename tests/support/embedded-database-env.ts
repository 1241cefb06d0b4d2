// Each integration test file gets its own in-memory embedded Postgres. Vitest may run several files
// in one worker, so the previous file's database (closed in its afterAll) is forgotten here.
process.env.PGLITE_DIR = "memory://";
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.LOG_LEVEL ??= "silent";
delete (globalThis as { __loreDatabase?: unknown }).__loreDatabase;
