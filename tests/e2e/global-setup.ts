import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startBuiltApp } from "@/tests/e2e/support/app-server";

export const E2E_AUTH_SECRET = "e2e-tests-auth-secret-0123456789abcdef";
export const E2E_MAX_UPLOAD_BYTES = 1024 * 1024;
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Starts the built app (scripts/server.mjs) on a free port with a fresh embedded database and the demo
 * seed, exactly as `npm start` would, and stops it when the end-to-end tests are done.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build found: run `npm test` (it builds first) or `npm run build`.");
  const app = await startBuiltApp({ AUTH_SECRET: E2E_AUTH_SECRET, MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES), METRICS_TOKEN: E2E_METRICS_TOKEN }, "server");
  project.provide("baseURL", app.baseURL);
  return app.stop;
}
