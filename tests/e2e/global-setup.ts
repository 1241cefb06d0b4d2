import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { rmSync } from "node:fs";
import { copyOf, freshDataDir, startBuiltApp } from "@/tests/e2e/support/app-server";

export const E2E_AUTH_SECRET = "e2e-tests-auth-secret-0123456789abcdef";
export const E2E_MAX_UPLOAD_BYTES = 1024 * 1024;
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

/**
 * Starts the built app (scripts/server.mjs) once on a fresh embedded database, exactly as `npm start`
 * would: it migrates and seeds the demo workspaces, and is then stopped, which closes the database.
 * That data is what every app of the e2e tests starts from (a copy each), so only this start pays for
 * the seed. The shared apps, one per worker (see sharedAppURL), each run on a copy, on a free port,
 * until the end-to-end tests are done.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm test` (it builds first) or `npm run build`.");
  const seeded = await startBuiltApp({}, "seed", undefined, freshDataDir());
  await seeded.close();
  project.provide("seededDataDir", seeded.dataDir);
  const settings = { AUTH_SECRET: E2E_AUTH_SECRET, MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES), METRICS_TOKEN: E2E_METRICS_TOKEN };
  const workers = Array.from({ length: project.config.maxWorkers }, (_, i) => i + 1);
  const starts = await Promise.allSettled(workers.map((worker) => startBuiltApp(settings, `server-${worker}`, undefined, copyOf(seeded.dataDir))));
  const apps = starts.flatMap((start) => (start.status === "fulfilled" ? [start.value] : []));
  const failed = starts.find((start) => start.status === "rejected");
  if (failed) {
    // No teardown runs when setup throws: stop the apps that did start, so none is left running.
    await Promise.all(apps.map((app) => app.stop()));
    rmSync(seeded.dataDir, { recursive: true, force: true });
    throw failed.reason;
  }
  project.provide(
    "sharedAppURLs",
    apps.map((app) => app.baseURL),
  );
  return async () => {
    await Promise.all(apps.map((app) => app.stop()));
    rmSync(seeded.dataDir, { recursive: true, force: true });
  };
}
