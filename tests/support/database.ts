import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

/** The test file's embedded database with every committed migration applied. */
export async function migratedDatabase() {
  const db = database();
  await applyMigrations(db);
  return db;
}
