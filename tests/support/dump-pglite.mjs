// Dumps an embedded data directory to a file that PGlite can start an in-memory database from. Run in a
// worker thread (migrated-template.ts): closing PGlite ends the process it runs in, here only the thread.
import { writeFileSync } from "node:fs";
import { workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";

/** @type {{ dataDir: string; file: string }} */
const { dataDir, file } = workerData;
const engine = new PGlite(dataDir, { extensions: { vector } });
// Unlike a query, a dump does not wait for the engine to start.
await engine.waitReady;
writeFileSync(file, Buffer.from(await (await engine.dumpDataDir("none")).arrayBuffer()));
await engine.close();
