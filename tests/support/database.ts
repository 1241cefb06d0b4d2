import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

/** The test file's database (embedded, or a copy of the Postgres template) with every committed migration applied. */
export async function migratedDatabase() {
  const db = database();
  await applyMigrations(db);
  return db;
}

/**
 * Runs statements as the database owner (the app's own connection) inside one tenant's context.
 * Row-level security binds the owner too wherever it is FORCEd, as on a Postgres server whose owner
 * is not a superuser, so without the tenant the statements would see no rows at all.
 */
export async function asOwnerInTenant(tenantId: string, statements: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(tenantId)) throw new Error("asOwnerInTenant needs a tenant id");
  // One simple-protocol call runs as one transaction, so the setting ends with it.
  await database().withSession((session) => session.exec(`SELECT set_config('app.tenant_id', '${tenantId}', true);\n${statements}`));
}

/**
 * What the database's owner (or a superuser) can do to the decision log: switch its append-only
 * guards off, run `statements` in one tenant, and switch them back on.
 */
export async function withAuditGuardsOff(tenantId: string, statements: string): Promise<void> {
  await asOwnerInTenant(
    tenantId,
    `ALTER TABLE decision_records DISABLE TRIGGER decision_records_append_only;
     ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only;
     ${statements};
     ALTER TABLE decision_records ENABLE TRIGGER decision_records_append_only;
     ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only;`,
  );
}
