// Each integration test file gets its own in-memory embedded Postgres (Vitest isolates modules per file).
process.env.PGLITE_DIR = "memory://";
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.LOG_LEVEL ??= "silent";
