// The embedded database's engine: PGlite (Postgres in WebAssembly) in a worker thread of its own, so
// that a long statement never blocks the event loop that serves requests. It speaks nothing but the
// Postgres wire protocol: the main thread (wire-host.ts) sends it one connection's batch of protocol
// messages at a time and writes the answer back to that connection. Plain JavaScript because Node
// loads it as it is, outside the app's bundle.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";

/** @type {{ dataDir: string; owner: string; sharedBuffers: string }} */
const { dataDir, owner, sharedBuffers } = workerData;

// What only a superuser may do, done once per start before anyone connects: the pgvector extension;
// the role that owns the app's tables and that every connection then acts as (PGlite's own user is a
// superuser, for whom row-level security does not apply); the ownership of tables, functions and types
// made by earlier versions as that superuser; the right to ask for a checkpoint; and what the
// migration leakproof_search_operators asks a superuser to do (on Postgres, the README asks the
// database's administrator for the same).
const BOOTSTRAP = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${owner}') THEN
    CREATE ROLE ${owner} LOGIN CREATEROLE;
  END IF;
END $$;
CREATE EXTENSION IF NOT EXISTS vector;
ALTER SCHEMA public OWNER TO ${owner};
DO $$
DECLARE
  item record;
BEGIN
  -- The role tenant work runs as (see the security migration). Made here, with the owner free to SET
  -- it: a role that a non-superuser creates on Postgres 16+ is not SET-able by its creator by default.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lore_app') THEN
    CREATE ROLE lore_app NOLOGIN;
  END IF;
  IF NOT pg_has_role('${owner}', 'lore_app', 'SET') THEN
    GRANT lore_app TO ${owner};
  END IF;
  FOR item IN
    SELECT format('ALTER %s %s OWNER TO ${owner}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass) AS statement
    FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> '${owner}'::regrole
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
    UNION ALL
    SELECT format('ALTER ROUTINE %s OWNER TO ${owner}', p.oid::regprocedure)
    FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '${owner}'::regrole
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT format('ALTER TYPE %s OWNER TO ${owner}', t.oid::regtype)
    FROM pg_type t
    WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd') AND t.typowner <> '${owner}'::regrole
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE item.statement;
  END LOOP;
END $$;
-- PGlite has no checkpointer: the worker's upkeep asks for checkpoints (lib/ingest/jobs/table-upkeep.ts).
GRANT pg_checkpoint TO ${owner};
ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
SET SESSION AUTHORIZATION ${owner};
`;

// PGLITE_SHARED_BUFFERS (default 512MB): Postgres' own default of 128 MB holds less than the search
// index of 100,000 chunks (about 250 MB with its GIN indexes), and every buffer missed is a read through
// WebAssembly's file layer; at 100,000 chunks 512 MB cut a search's CPU time by about a quarter
// (bench: retrieval). The engine's memory grows by that much at start.
//
// maintenance_work_mem 512MB (Postgres' default is 64 MB): an HNSW index is built fast while its graph
// fits in it, and one vector at a time on disk once it no longer does. The lexical embedder's graph
// outgrows 64 MB at about 30,000 chunks, so the index rebuilt after a bulk load took over six
// minutes at 100,000 chunks. The graph takes memory only as it grows (builds here are not parallel),
// and 512 MB of it beside the shared buffers stays well inside WebAssembly's 2 GB.
const SETTINGS = {
  extensions: { vector },
  postgresqlconf: [`shared_buffers = ${sharedBuffers}`, "maintenance_work_mem = 512MB"],
};

async function open() {
  if (dataDir.startsWith("memory://")) {
    // "memory://<file>" starts from a data directory that PGlite dumped to that file: tests give each
    // file's database a copy of one migrated template rather than initialising and migrating anew.
    const template = dataDir.slice("memory://".length);
    return new PGlite({ ...SETTINGS, ...(template && { loadDataDir: new Blob([readFileSync(template)]) }) });
  }
  // PGlite creates only the last segment of the path.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  return new PGlite({ dataDir, ...SETTINGS });
}

try {
  const db = await open();
  await db.waitReady;
  await db.exec(BOOTSTRAP);
  parentPort.on("message", async (message) => {
    if (message.type === "close") {
      await db.close();
      parentPort.postMessage({ type: "closed" });
      return;
    }
    const parts = [];
    try {
      await db.runExclusive(() => db.execProtocolRawStream(message.bytes, { onRawData: (data) => parts.push(data.slice()) }));
      const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
      let offset = 0;
      for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
      }
      parentPort.postMessage({ type: "result", id: message.id, bytes }, [bytes.buffer]);
    } catch (error) {
      parentPort.postMessage({ type: "failed", id: message.id, error: String(error?.message ?? error) });
    }
  });
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "unusable", error: String(error?.message ?? error) });
}
