-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('open', 'resolved');

-- AlterTable
ALTER TABLE "feedback" ADD COLUMN     "assignee_id" UUID,
ADD COLUMN     "label" TEXT,
ADD COLUMN     "resolution_note" TEXT,
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "resolved_by_id" UUID,
ADD COLUMN     "status" "FeedbackStatus" NOT NULL DEFAULT 'open';

-- CreateIndex
CREATE INDEX "feedback_tenant_id_status_created_at_idx" ON "feedback"("tenant_id", "status", "created_at");
