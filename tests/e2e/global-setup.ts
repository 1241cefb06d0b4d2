import type { TestProject } from "vitest/node";
import { startAppServer } from "./support/app-server";

export { E2E_AUTH_SECRET } from "./support/app-server";
export const E2E_MAX_UPLOAD_BYTES = 1024 * 1024;

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

/**
 * Starts the built app (`next start`) on a free port with a fresh embedded database and the demo
 * seed, exactly as `npm start` would, and stops it when the end-to-end tests are done.
 */
export default async function setup(project: TestProject) {
  const server = await startAppServer({ logName: "server", env: { MAX_UPLOAD_BYTES: String(E2E_MAX_UPLOAD_BYTES) } });
  project.provide("baseURL", server.baseURL);
  return server.stop;
}
