-- CreateTable
CREATE TABLE "user_preferences" (
    "user_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "locale" TEXT,
    "theme" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "user_preferences_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "user_preferences" ADD CONSTRAINT "user_preferences_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: preferences are tenant data like users (see the migration "security").
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_preferences" TO lore_app;
ALTER TABLE "user_preferences" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "user_preferences" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "user_preferences" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
