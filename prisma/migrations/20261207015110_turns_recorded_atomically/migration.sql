-- AlterEnum
ALTER TYPE "Outcome" ADD VALUE 'incomplete';

-- AlterTable
ALTER TABLE "decision_records" ADD COLUMN     "request_id" TEXT,
ADD COLUMN     "timings" JSONB;

-- CreateTable
CREATE TABLE "pending_turns" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "user_email" TEXT NOT NULL,
    "conversation_id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "prompt_version" TEXT NOT NULL,
    "policy_version" INTEGER,
    "verdicts" JSONB NOT NULL,
    "reserved_tokens" INTEGER NOT NULL,
    "request_id" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pending_turns_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pending_turns_tenant_id_deadline_idx" ON "pending_turns"("tenant_id", "deadline");

-- Hand-written: pending turns are tenant data (see the migration "security"). The sweeper closes
-- them tenant by tenant, inside each tenant's transaction.
GRANT SELECT, INSERT, UPDATE, DELETE ON "pending_turns" TO lore_app;
ALTER TABLE "pending_turns" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "pending_turns" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "pending_turns" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
