-- CreateEnum
CREATE TYPE "EmbeddingSlot" AS ENUM ('a', 'b');

-- CreateEnum
CREATE TYPE "EmbedderState" AS ENUM ('active', 'pending');

-- AlterEnum
ALTER TYPE "DocumentStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "indexed_generation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "title_from_file" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "embedders" (
    "id" TEXT NOT NULL,
    "dimensions" INTEGER NOT NULL,
    "slot" "EmbeddingSlot" NOT NULL,
    "state" "EmbedderState" NOT NULL,
    "settings" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),

    CONSTRAINT "embedders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "embedders_state_key" ON "embedders"("state");

-- CreateIndex
CREATE INDEX "documents_tenant_id_content_hash_idx" ON "documents"("tenant_id", "content_hash");
