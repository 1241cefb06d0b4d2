// Writes the next Prisma migration from prisma/schema.prisma, offline, with Prisma's WASM schema
// engine diffing "committed migrations" against "schema.prisma" on throwaway in-memory PGlite
// databases (the native engine cannot be downloaded here).
//   npm run db:migration -- <name>      write prisma/migrations/<timestamp>_<name>/migration.sql
//   npm run db:migration -- --check     exit 1 if schema.prisma has changes no migration holds
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { loadConfigFromFile } from "@prisma/config";

const require = createRequire(import.meta.url);
const { config } = await loadConfigFromFile({});
const schemaPath = config.schema;
const migrationsDir = config.migrations.path;
const filters = { externalTables: config.tables?.external ?? [], externalEnums: [] };

async function loadSchemaEngine() {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasm = new WebAssembly.Module(fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return runtime.SchemaEngine;
}

// pglite-prisma-adapter 0.7.2 does not await exec() in executeScript, so a failing migration
// would pass silently; and its default shadow database lacks the vector extension.
function awaitScripts(adapter) {
  adapter.executeScript = async (script) => {
    await adapter.client.exec(script);
  };
  return adapter;
}
async function pgliteFactory() {
  const db = await PGlite.create({ extensions: { vector } });
  const factory = new PrismaPGlite(db);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => awaitScripts(await connect());
  factory.connectToShadowDb = async () => {
    const shadow = await PGlite.create({ extensions: { vector } });
    const adapter = awaitScripts(await new PrismaPGlite(shadow).connect());
    const dispose = adapter.dispose?.bind(adapter);
    adapter.dispose = async () => {
      await dispose?.();
      await shadow.close();
    };
    return adapter;
  };
  return { factory, close: () => db.close() };
}

function committedMigrations() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: fs.readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8") } },
    })),
  };
}

const arg = process.argv[2];
if (!arg) {
  console.error("usage: npm run db:migration -- <name> | --check");
  process.exit(2);
}
const SchemaEngine = await loadSchemaEngine();
const { factory, close } = await pgliteFactory();
const files = [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }];
const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
try {
  const { stdout } = await engine.diff({
    from: { tag: "migrations", ...committedMigrations() },
    to: { tag: "schemaDatamodel", files },
    script: true,
    exitCode: null,
    filters,
  });
  const sql = (stdout ?? "").trim();
  const empty = sql === "" || sql === "-- This is an empty migration.";
  if (arg === "--check") {
    if (!empty) {
      console.error(`schema.prisma has changes that no migration holds; run npm run db:migration -- <name>:\n${sql}`);
      process.exitCode = 1;
    } else console.log("migrations match schema.prisma");
  } else if (empty) {
    console.log("no changes in schema.prisma");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${arg.replace(/\W+/g, "_")}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    console.log(`wrote ${dir}`);
  }
} finally {
  engine.free?.();
  await close();
}
