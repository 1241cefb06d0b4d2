-- Hand-written: the search table. Prisma cannot express its generated tsvector, its vector column or
-- its HNSW/GIN indexes, so it is listed under tables.external in prisma.config.ts and kept here.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE "chunks" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "heading_path" TEXT NOT NULL DEFAULT '',
    "page" INTEGER,
    "content_hash" TEXT NOT NULL,
    -- principals that may read the chunk ("everyone", "group:<id>", "user:<id>"), copied from the document
    "acl" TEXT[] NOT NULL,
    -- terms Postgres' parsers miss (Hangul bigrams, so a stem matches a word with its particle); see lib/retrieval/search-text.ts
    "search_text" TEXT NOT NULL DEFAULT '',
    "tsv" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', "heading_path"), 'A')
        || to_tsvector('english', "content")
        || to_tsvector('simple', "search_text")
    ) STORED,
    -- dimensionless so several embedders can coexist; each has a partial HNSW index on its own dimension
    "embedding" vector,
    "embedding_model" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chunks_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "chunks_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "chunks_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "chunks_document_id_ordinal_idx" ON "chunks" ("document_id", "ordinal");
CREATE INDEX "chunks_tenant_id_idx" ON "chunks" ("tenant_id");
CREATE INDEX "chunks_acl_gin" ON "chunks" USING gin ("acl");
CREATE INDEX "chunks_tsv_gin" ON "chunks" USING gin ("tsv");
CREATE INDEX "chunks_embedding_lexical_hash_v1_hnsw" ON "chunks"
    USING hnsw (("embedding"::vector(384)) vector_cosine_ops)
    WHERE "embedding_model" = 'lexical-hash-v1';

-- A question as an OR of its terms: plainto_tsquery ANDs every word, which finds nothing for most
-- natural questions. Ranking (ts_rank_cd) then rewards passages that match more of them.
CREATE FUNCTION lore_any_terms(question TEXT, question_search_text TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT replace(plainto_tsquery('english', question)::text, ' & ', ' | ')::tsquery
        || replace(plainto_tsquery('simple', question_search_text)::text, ' & ', ' | ')::tsquery
$$;
