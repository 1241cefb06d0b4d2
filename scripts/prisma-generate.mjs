// Runs `prisma generate` offline. Prisma's CLI wants its native schema engine even to generate,
// and that engine is a download from outside the npm registry; a stub that answers `--version`
// is all `generate` needs (migrations are applied by lib/db/migrate.ts, not by the CLI).
import { spawnSync } from "node:child_process";
import path from "node:path";

const stub = path.resolve("scripts/no-schema-engine.sh");
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(result.status ?? 1);
