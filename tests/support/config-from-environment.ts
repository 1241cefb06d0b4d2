import { afterEach, vi } from "vitest";

/**
 * For a test file that reads the configuration from variables of its own: returns `configWith`, which
 * gives lib/config's `config` as a fresh process would read it (a function, so a bad value's error can
 * be caught). The variables whose names begin with one of `cleared` are removed first, so that the
 * machine's own settings do not leak into the test; the database is an in-memory embedded one unless
 * the variables say otherwise. The environment is restored after each test.
 */
export function configFromEnvironment(cleared: string[]) {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  return async function configWith(variables: Record<string, string>) {
    for (const key of Object.keys(process.env)) if (cleared.some((prefix) => key.startsWith(prefix))) delete process.env[key];
    Object.assign(process.env, { PGLITE_DIR: "memory://" }, variables);
    vi.resetModules();
    const { config } = await import("@/lib/config");
    return config;
  };
}
