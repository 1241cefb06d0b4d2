-- AlterTable
ALTER TABLE "users" ADD COLUMN     "last_sign_in_at" TIMESTAMPTZ(3),
ALTER COLUMN "password_hash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "welcome_links" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "welcome_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "admin_activity" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" UUID,
    "target_label" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "admin_activity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "welcome_links_token_hash_key" ON "welcome_links"("token_hash");

-- CreateIndex
CREATE INDEX "welcome_links_tenant_id_user_id_idx" ON "welcome_links"("tenant_id", "user_id");

-- CreateIndex
CREATE INDEX "admin_activity_tenant_id_created_at_idx" ON "admin_activity"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "welcome_links" ADD CONSTRAINT "welcome_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "admin_activity" ADD CONSTRAINT "admin_activity_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: both tables are tenant data (see the migration "security"); the activity log is
-- append-only for everyone, the owner included, like the decision log.
GRANT SELECT, INSERT, UPDATE, DELETE ON "welcome_links" TO lore_app;
GRANT SELECT, INSERT ON "admin_activity" TO lore_app;
ALTER TABLE "welcome_links" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "welcome_links" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "welcome_links" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
ALTER TABLE "admin_activity" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "admin_activity" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "admin_activity" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
CREATE FUNCTION lore_refuse_activity_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the admin activity log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER admin_activity_append_only BEFORE UPDATE OR DELETE ON "admin_activity"
    FOR EACH ROW EXECUTE FUNCTION lore_refuse_activity_change();
CREATE TRIGGER admin_activity_no_truncate BEFORE TRUNCATE ON "admin_activity"
    FOR EACH STATEMENT EXECUTE FUNCTION lore_refuse_activity_change();
