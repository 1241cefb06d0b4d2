// npm start: builds if needed, then runs the app (scripts/server.mjs, Next.js's production server)
// on $PORT (default 3000). The server migrates the database when it starts; with no DATABASE_URL it
// uses the embedded database in ./data and seeds the demo tenants on first start (see README).
import { spawn } from "node:child_process";
import { buildIfStale } from "./build-if-stale.mjs";

buildIfStale();
const server = spawn(process.execPath, ["scripts/server.mjs"], {
  stdio: "inherit",
  env: { ...process.env, PORT: process.env.PORT ?? "3000", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
