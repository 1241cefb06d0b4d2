-- Hand-written: the search table's changes for background indexing and embedder switches (the table
-- is external to Prisma's diff, see prisma.config.ts).
--
-- generation: an indexing job writes a document's new chunks in batches at the document's next
-- generation, invisible to search until one short transaction raises documents.indexed_generation
-- (and deletes the chunks that vanished), so a document's chunks change all at once.
ALTER TABLE "chunks" ADD COLUMN "generation" INTEGER NOT NULL DEFAULT 0;

-- A second slot for vectors: while the deployment switches embedder, the new embedder's vectors are
-- written beside the active one's, so search keeps using the old vectors until every chunk has a new
-- one. The next switch reuses the slot the previous embedder left. A chunk written while an embedder
-- does not occupy a slot leaves that slot NULL, so embedding_model can now be NULL too.
ALTER TABLE "chunks" ADD COLUMN "embedding_b" vector;
ALTER TABLE "chunks" ADD COLUMN "embedding_model_b" TEXT;
ALTER TABLE "chunks" ALTER COLUMN "embedding_model" DROP NOT NULL;

-- Every existing vector came from the lexical embedder, the only one before this migration.
INSERT INTO "embedders" ("id", "dimensions", "slot", "state", "settings", "activated_at")
VALUES ('lexical-hash-v1', 384, 'a', 'active', '{"provider": "lexical"}', CURRENT_TIMESTAMP);

-- Search (as lore_app) reads which embedder is active; only the owner connection changes it.
GRANT SELECT ON "embedders" TO lore_app;
