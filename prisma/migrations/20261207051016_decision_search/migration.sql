-- AlterTable
ALTER TABLE "decision_records" ADD COLUMN     "search" JSONB;
