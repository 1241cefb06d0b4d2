-- CreateEnum
CREATE TYPE "FeedbackReason" AS ENUM ('wrong', 'not_cited', 'outdated', 'harmful', 'other');

-- AlterTable
ALTER TABLE "feedback" ADD COLUMN     "reason" "FeedbackReason";
