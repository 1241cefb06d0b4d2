-- CreateTable
CREATE TABLE "identities" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_settings" (
    "tenant_id" UUID NOT NULL,
    "password_sign_in" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sign_in_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE INDEX "identities_user_id_idx" ON "identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "identities_tenant_id_issuer_subject_key" ON "identities"("tenant_id", "issuer", "subject");

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant data under row-level security (see the migration "security").
GRANT SELECT, INSERT, UPDATE, DELETE ON "identities", "sign_in_settings" TO lore_app;
ALTER TABLE "identities" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "identities" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "identities" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
ALTER TABLE "sign_in_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sign_in_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "sign_in_settings" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
