-- Hand-written: BM25 search inside Postgres, fast under row-level security without LEAKPROOF marks.
--
-- Ranking. A chunk stores its terms (ids of hashed, tenant-salted terms) and its BM25 document-side
-- weights as a pgvector sparsevec (lib/retrieval/bm25.ts computes both); a question carries inverse
-- document frequencies from per-tenant statistics; their inner product is the BM25 score.
--
-- Speed without LEAKPROOF. Under row-level security Postgres evaluates a condition before the policy's
-- only if its function is LEAKPROOF (marking one needs a superuser, which managed Postgres services do
-- not give), and a GIN index scan evaluates `&&` first, so ACL and term indexes on a table under RLS go
-- unused. So the search index lives in its own table, chunk_search, which holds ids, readers, term ids
-- and weights (no text). Row-level security is enabled on it with no policy and nothing is granted on
-- it to lore_app, so the app role cannot read it at all; it is not FORCEd, so its owner can. Only the
-- SECURITY DEFINER function lore_lexical_search reads it, as the owner, and states the tenant (from the
-- transaction's app.tenant_id, never from an argument) and the ACL as explicit conditions, so both
-- GIN indexes run. Triggers owned by the same owner keep it and the statistics in step with chunks.
--
-- Full text (the generated tsvector, its GIN index and lore_any_terms) gives way to it.
DROP INDEX IF EXISTS "chunks_tsv_gin";
ALTER TABLE "chunks" DROP COLUMN "tsv";
ALTER TABLE "chunks" DROP COLUMN "search_text";
DROP FUNCTION lore_any_terms(TEXT, TEXT);

-- Written with the chunk by ingestion; NULL for chunks written before this migration until the
-- start-up backfill computes them (terms_version says which analysis made them).
ALTER TABLE "chunks" ADD COLUMN "term_ids" INTEGER[];
ALTER TABLE "chunks" ADD COLUMN "term_weights" sparsevec;
ALTER TABLE "chunks" ADD COLUMN "term_count" INTEGER;
ALTER TABLE "chunks" ADD COLUMN "terms_version" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "chunk_search" (
    "chunk_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "document_id" UUID NOT NULL,
    "generation" INTEGER NOT NULL,
    -- searchable: generation <= the document's indexed_generation (chunks of a version being written are not)
    "live" BOOLEAN NOT NULL,
    -- the chunk's readers, with "everyone" made tenant-specific ("everyone:<tenant id>")
    "acl" TEXT[] NOT NULL,
    "term_ids" INTEGER[] NOT NULL,
    "term_weights" sparsevec NOT NULL,
    "term_count" INTEGER NOT NULL,
    CONSTRAINT "chunk_search_pkey" PRIMARY KEY ("chunk_id"),
    CONSTRAINT "chunk_search_chunk_id_fkey" FOREIGN KEY ("chunk_id") REFERENCES "chunks"("id") ON DELETE CASCADE
);
-- fastupdate off: a pending list would be scanned by every search until a vacuum merges it, and the
-- embedded database runs no autovacuum.
CREATE INDEX "chunk_search_terms_gin" ON "chunk_search" USING gin ("term_ids") WITH (fastupdate = off);
CREATE INDEX "chunk_search_acl_gin" ON "chunk_search" USING gin ("acl") WITH (fastupdate = off);
CREATE INDEX "chunk_search_document_id_idx" ON "chunk_search" ("document_id");
ALTER TABLE "chunk_search" ENABLE ROW LEVEL SECURITY;

-- How many searchable chunks of a tenant hold each term, and how many there are: inverse document
-- frequencies. Counted by the triggers below, so they stay right as documents are added, re-indexed
-- and deleted.
CREATE TABLE "search_term_stats" (
    "tenant_id" UUID NOT NULL,
    "term_id" INTEGER NOT NULL,
    "chunks" INTEGER NOT NULL,
    CONSTRAINT "search_term_stats_pkey" PRIMARY KEY ("tenant_id", "term_id"),
    CONSTRAINT "search_term_stats_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE
);
CREATE TABLE "search_tenant_stats" (
    "tenant_id" UUID NOT NULL,
    "chunks" INTEGER NOT NULL,
    "terms" BIGINT NOT NULL,
    CONSTRAINT "search_tenant_stats_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "search_tenant_stats_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE
);
ALTER TABLE "search_term_stats" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "search_tenant_stats" ENABLE ROW LEVEL SECURITY;

CREATE FUNCTION lore_search_acl(tenant UUID, acl TEXT[]) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_replace(acl, 'everyone', 'everyone:' || tenant::text)
$$;

-- Statistics writers of one tenant take turns (until commit): two ingestion transactions that each
-- update several statistics rows could otherwise lock them in opposite orders and deadlock.
CREATE FUNCTION lore_lock_search_stats(tenants UUID[]) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    tenant UUID;
BEGIN
    FOR tenant IN SELECT DISTINCT t FROM unnest(tenants) AS t ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(72707370, hashtext(tenant::text));
    END LOOP;
END
$$;

CREATE FUNCTION lore_search_rows_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(SELECT tenant_id FROM added WHERE live));
    INSERT INTO search_term_stats (tenant_id, term_id, chunks)
    SELECT tenant_id, term, count(*) FROM added, unnest(term_ids) term WHERE live GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, term_id) DO UPDATE SET chunks = search_term_stats.chunks + excluded.chunks;
    INSERT INTO search_tenant_stats (tenant_id, chunks, terms)
    SELECT tenant_id, count(*), sum(term_count) FROM added WHERE live GROUP BY 1 ORDER BY 1
    ON CONFLICT (tenant_id) DO UPDATE SET chunks = search_tenant_stats.chunks + excluded.chunks, terms = search_tenant_stats.terms + excluded.terms;
    RETURN NULL;
END
$$;

CREATE FUNCTION lore_search_rows_went_live() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(SELECT n.tenant_id FROM after n JOIN before o ON o.chunk_id = n.chunk_id WHERE n.live AND NOT o.live));
    INSERT INTO search_term_stats (tenant_id, term_id, chunks)
    SELECT n.tenant_id, term, count(*) FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(n.term_ids) term
    WHERE n.live AND NOT o.live GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, term_id) DO UPDATE SET chunks = search_term_stats.chunks + excluded.chunks;
    INSERT INTO search_tenant_stats (tenant_id, chunks, terms)
    SELECT n.tenant_id, count(*), sum(n.term_count) FROM after n JOIN before o ON o.chunk_id = n.chunk_id
    WHERE n.live AND NOT o.live GROUP BY 1 ORDER BY 1
    ON CONFLICT (tenant_id) DO UPDATE SET chunks = search_tenant_stats.chunks + excluded.chunks, terms = search_tenant_stats.terms + excluded.terms;
    RETURN NULL;
END
$$;

CREATE FUNCTION lore_search_rows_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(SELECT tenant_id FROM removed WHERE live));
    -- Only updates: when a whole tenant is deleted its statistics rows may already be gone.
    UPDATE search_term_stats s SET chunks = s.chunks - d.n
    FROM (SELECT tenant_id, term, count(*) AS n FROM removed, unnest(term_ids) term WHERE live GROUP BY 1, 2 ORDER BY 1, 2) d
    WHERE s.tenant_id = d.tenant_id AND s.term_id = d.term;
    DELETE FROM search_term_stats s
    USING (SELECT DISTINCT tenant_id, term FROM removed, unnest(term_ids) term WHERE live) d
    WHERE s.tenant_id = d.tenant_id AND s.term_id = d.term AND s.chunks <= 0;
    UPDATE search_tenant_stats s SET chunks = s.chunks - d.n, terms = s.terms - d.terms
    FROM (SELECT tenant_id, count(*) AS n, sum(term_count) AS terms FROM removed WHERE live GROUP BY 1) d
    WHERE s.tenant_id = d.tenant_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER chunk_search_stats_insert AFTER INSERT ON "chunk_search"
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lore_search_rows_added();
CREATE TRIGGER chunk_search_stats_update AFTER UPDATE ON "chunk_search"
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION lore_search_rows_went_live();
CREATE TRIGGER chunk_search_stats_delete AFTER DELETE ON "chunk_search"
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION lore_search_rows_removed();

-- chunks → chunk_search. Chunks are written inside tenant transactions, so the owner's view of
-- documents (row-level security applies to it) holds the chunk's document.
CREATE FUNCTION lore_chunks_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO chunk_search (chunk_id, tenant_id, document_id, generation, live, acl, term_ids, term_weights, term_count)
    SELECT a.id, a.tenant_id, a.document_id, a.generation, a.generation <= d.indexed_generation,
           lore_search_acl(a.tenant_id, a.acl), a.term_ids, a.term_weights, a.term_count
    FROM added a JOIN documents d ON d.id = a.document_id
    WHERE a.term_ids IS NOT NULL AND a.term_weights IS NOT NULL;
    RETURN NULL;
END
$$;

-- A change of readers, or terms computed again (a new analysis, or the backfill of older chunks).
CREATE FUNCTION lore_chunks_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE chunk_search s SET acl = lore_search_acl(n.tenant_id, n.acl)
    FROM after n JOIN before o ON o.id = n.id
    WHERE s.chunk_id = n.id AND o.acl IS DISTINCT FROM n.acl AND o.terms_version = n.terms_version;
    DELETE FROM chunk_search s USING after n JOIN before o ON o.id = n.id
    WHERE s.chunk_id = n.id AND o.terms_version IS DISTINCT FROM n.terms_version;
    INSERT INTO chunk_search (chunk_id, tenant_id, document_id, generation, live, acl, term_ids, term_weights, term_count)
    SELECT n.id, n.tenant_id, n.document_id, n.generation, n.generation <= d.indexed_generation,
           lore_search_acl(n.tenant_id, n.acl), n.term_ids, n.term_weights, n.term_count
    FROM after n JOIN before o ON o.id = n.id JOIN documents d ON d.id = n.document_id
    WHERE o.terms_version IS DISTINCT FROM n.terms_version AND n.term_ids IS NOT NULL AND n.term_weights IS NOT NULL;
    RETURN NULL;
END
$$;

-- The swap of an indexing job: raising indexed_generation makes the new version's chunks searchable.
CREATE FUNCTION lore_documents_swapped() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE chunk_search s SET live = true
    FROM after n JOIN before o ON o.id = n.id
    WHERE n.indexed_generation > o.indexed_generation AND s.document_id = n.id AND NOT s.live AND s.generation <= n.indexed_generation;
    RETURN NULL;
END
$$;

CREATE TRIGGER chunks_search_insert AFTER INSERT ON "chunks"
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lore_chunks_added();
CREATE TRIGGER chunks_search_update AFTER UPDATE ON "chunks"
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION lore_chunks_changed();
CREATE TRIGGER documents_search_swap AFTER UPDATE ON "documents"
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION lore_documents_swapped();

-- The two candidate scans of lore_lexical_search, as plain SQL functions so that Postgres inlines them
-- (their plans are the plans of the search, which lore_lexical_search_plan shows). They read
-- chunk_search, which only the owner can, so only the owner's functions below can call them usefully.
CREATE FUNCTION lore_search_readable(tenant UUID, keys TEXT[], terms INTEGER[], weights sparsevec, top_k INTEGER)
RETURNS TABLE (chunk_id UUID, score FLOAT8, readable BOOLEAN)
LANGUAGE sql STABLE AS $$
    SELECT c.chunk_id, -(c.term_weights <#> weights), true
    FROM chunk_search c
    WHERE c.acl && keys AND c.term_ids && terms AND c.tenant_id = tenant AND c.live
    ORDER BY c.term_weights <#> weights, c.chunk_id
    LIMIT top_k
$$;

CREATE FUNCTION lore_search_scored(tenant UUID, keys TEXT[], terms INTEGER[], weights sparsevec)
RETURNS TABLE (chunk_id UUID, score FLOAT8, readable BOOLEAN)
LANGUAGE sql STABLE AS $$
    SELECT c.chunk_id, -(c.term_weights <#> weights), c.acl && keys
    FROM chunk_search c
    WHERE c.term_ids && terms AND c.tenant_id = tenant AND c.live
$$;

-- A question's terms in the calling tenant: the ACL keys, the idf-weighted query vector, the terms
-- the tenant knows, and the rarest of them whose chunk counts add up to at most candidate_budget
-- (the rarest always). Lucene's BM25 idf, ln(1 + (N - df + 0.5) / (df + 0.5)), is always positive.
CREATE FUNCTION lore_search_query(principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], candidate_budget INTEGER,
    OUT tenant UUID, OUT keys TEXT[], OUT weights sparsevec, OUT rare INTEGER[], OUT known INTEGER[])
LANGUAGE plpgsql STABLE AS $$
DECLARE
    total INTEGER;
BEGIN
    tenant := lore_current_tenant();
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'lexical search runs in a tenant transaction (app.tenant_id is not set)' USING ERRCODE = 'insufficient_privilege';
    END IF;
    keys := lore_search_acl(tenant, principals);
    SELECT s.chunks INTO total FROM search_tenant_stats s WHERE s.tenant_id = tenant;
    IF coalesce(total, 0) = 0 THEN
        RETURN;
    END IF;
    SELECT format('{%s}/%s', string_agg(format('%s:%s', q.term, q.n * ln(1 + (total - q.df + 0.5) / (q.df + 0.5))), ',' ORDER BY q.term), 1000000000)::sparsevec,
           array_agg(q.term) FILTER (WHERE q.running - q.df < candidate_budget),
           array_agg(q.term)
    INTO weights, rare, known
    FROM (
        SELECT t.term, t.n, s.chunks AS df, sum(s.chunks) OVER (ORDER BY s.chunks, t.term) AS running
        FROM unnest(query_terms, query_counts) AS t(term, n)
        JOIN search_term_stats s ON s.tenant_id = tenant AND s.term_id = t.term
        WHERE s.chunks > 0
    ) q;
END
$$;

-- Whether the principals may read at most `exact_readable` of the tenant's chunks.
CREATE FUNCTION lore_search_is_narrow(tenant UUID, keys TEXT[], exact_readable INTEGER) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT count(*) <= exact_readable FROM (SELECT 1 FROM chunk_search c WHERE c.acl && keys AND c.tenant_id = tenant LIMIT exact_readable + 1) readable_chunks
$$;

-- The lexical ranking of the calling tenant's searchable chunks for a question's terms (ids and their
-- counts in the question). Returns the best `top_k` chunks the principals may read, and the chunks
-- they may not read that rank among the best `top_k` of all (what the ACL withheld: ids only).
--
-- Cost is bounded. Candidates are the chunks holding the question's rarest terms, taken rarest first
-- while their chunk counts add up to at most `candidate_budget`, and are scored on every term of the
-- question. A reader who may read at most `exact_readable` chunks instead has every readable chunk
-- holding any of the terms scored, which is exact and cheap because the ACL index leaves few. Chunks
-- holding only common terms rarely outrank those: the bench measures it (recall_vs_exact). The scans
-- run as dynamic SQL so that each is planned for its own arrays.
CREATE FUNCTION lore_lexical_search(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS TABLE (chunk_id UUID, score FLOAT8, readable BOOLEAN)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    q RECORD;
BEGIN
    q := lore_search_query(principals, query_terms, query_counts, candidate_budget);
    IF q.known IS NULL THEN
        RETURN;
    END IF;
    IF lore_search_is_narrow(q.tenant, q.keys, exact_readable) THEN
        RETURN QUERY EXECUTE 'SELECT * FROM lore_search_readable($1, $2, $3, $4, $5)' USING q.tenant, q.keys, q.known, q.weights, top_k;
        RETURN QUERY EXECUTE
            'SELECT s.chunk_id, s.score, s.readable FROM (SELECT * FROM lore_search_scored($1, $2, $3, $4) ORDER BY score DESC, chunk_id LIMIT $5) s WHERE NOT s.readable'
            USING q.tenant, q.keys, q.rare, q.weights, top_k;
    ELSE
        RETURN QUERY EXECUTE
            'WITH scored AS MATERIALIZED (SELECT * FROM lore_search_scored($1, $2, $3, $4))
             (SELECT s.chunk_id, s.score, s.readable FROM scored s WHERE s.readable ORDER BY s.score DESC, s.chunk_id LIMIT $5)
             UNION ALL
             SELECT b.chunk_id, b.score, b.readable FROM (SELECT * FROM scored ORDER BY score DESC, chunk_id LIMIT $5) b WHERE NOT b.readable'
            USING q.tenant, q.keys, q.rare, q.weights, top_k;
    END IF;
END
$$;

-- The plans of lore_lexical_search's scans for the same arguments (EXPLAIN ANALYZE), for tests and
-- the bench: they show which indexes run.
CREATE FUNCTION lore_lexical_search_plan(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS SETOF TEXT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    q RECORD;
BEGIN
    q := lore_search_query(principals, query_terms, query_counts, candidate_budget);
    IF q.known IS NULL THEN
        RETURN;
    END IF;
    IF lore_search_is_narrow(q.tenant, q.keys, exact_readable) THEN
        RETURN NEXT 'readable chunks ranked exactly:';
        RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM lore_search_readable($1, $2, $3, $4, $5)' USING q.tenant, q.keys, q.known, q.weights, top_k;
    END IF;
    RETURN NEXT 'candidates from the rarest terms:';
    RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM lore_search_scored($1, $2, $3, $4)' USING q.tenant, q.keys, q.rare, q.weights;
END
$$;

REVOKE ALL ON FUNCTION lore_lexical_search(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) FROM PUBLIC;
REVOKE ALL ON FUNCTION lore_lexical_search_plan(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lore_lexical_search(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) TO lore_app;
GRANT EXECUTE ON FUNCTION lore_lexical_search_plan(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) TO lore_app;

-- The embedded database used to mark arrayoverlap and ts_match_vq LEAKPROOF (migration
-- leakproof_search_operators) so that GIN indexes ran under row-level security. Search no longer
-- needs that; undoing it where this migration can (as a superuser) makes the embedded database
-- behave as a managed Postgres does, so tests and benchmarks measure what production gets.
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION arrayoverlap(anyarray, anyarray) NOT LEAKPROOF;
        ALTER FUNCTION ts_match_vq(tsvector, tsquery) NOT LEAKPROOF;
    END IF;
END
$$;
