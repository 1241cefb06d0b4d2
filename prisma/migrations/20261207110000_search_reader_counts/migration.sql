-- Hand-written: how many chunks each reader key holds, so that lore_lexical_search tells a narrow
-- reader from a wide one by adding a few counters. Counting the readable rows instead (up to
-- exact_readable + 1 of them) cost a reader of the whole tenant about 70 ms at 100,000 chunks: the
-- ACL index's bitmap covers every chunk before the first row is counted (bench: retrieval).
CREATE TABLE "search_acl_stats" (
    "tenant_id" UUID NOT NULL,
    -- a key of chunk_search.acl ("user:<id>", "group:<id>", "everyone:<tenant id>")
    "acl_key" TEXT NOT NULL,
    -- chunk_search rows holding the key, searchable or not yet (a version being written counts too)
    "chunks" INTEGER NOT NULL,
    CONSTRAINT "search_acl_stats_pkey" PRIMARY KEY ("tenant_id", "acl_key"),
    CONSTRAINT "search_acl_stats_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE
);
ALTER TABLE "search_acl_stats" ENABLE ROW LEVEL SECURITY;

INSERT INTO search_acl_stats (tenant_id, acl_key, chunks)
SELECT tenant_id, acl_key, count(*) FROM chunk_search, unnest(acl) acl_key GROUP BY 1, 2;

CREATE OR REPLACE FUNCTION lore_search_rows_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(SELECT tenant_id FROM added));
    INSERT INTO search_term_stats (tenant_id, term_id, chunks)
    SELECT tenant_id, term, count(*) FROM added, unnest(term_ids) term WHERE live GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, term_id) DO UPDATE SET chunks = search_term_stats.chunks + excluded.chunks;
    INSERT INTO search_tenant_stats (tenant_id, chunks, terms)
    SELECT tenant_id, count(*), sum(term_count) FROM added WHERE live GROUP BY 1 ORDER BY 1
    ON CONFLICT (tenant_id) DO UPDATE SET chunks = search_tenant_stats.chunks + excluded.chunks, terms = search_tenant_stats.terms + excluded.terms;
    INSERT INTO search_acl_stats (tenant_id, acl_key, chunks)
    SELECT tenant_id, acl_key, count(*) FROM added, unnest(acl) acl_key GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, acl_key) DO UPDATE SET chunks = search_acl_stats.chunks + excluded.chunks;
    RETURN NULL;
END
$$;

-- Rows that went live count in the term statistics; rows whose readers changed move between keys.
CREATE FUNCTION lore_search_rows_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(
        SELECT n.tenant_id FROM after n JOIN before o ON o.chunk_id = n.chunk_id
        WHERE (n.live AND NOT o.live) OR o.acl IS DISTINCT FROM n.acl));
    INSERT INTO search_term_stats (tenant_id, term_id, chunks)
    SELECT n.tenant_id, term, count(*) FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(n.term_ids) term
    WHERE n.live AND NOT o.live GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (tenant_id, term_id) DO UPDATE SET chunks = search_term_stats.chunks + excluded.chunks;
    INSERT INTO search_tenant_stats (tenant_id, chunks, terms)
    SELECT n.tenant_id, count(*), sum(n.term_count) FROM after n JOIN before o ON o.chunk_id = n.chunk_id
    WHERE n.live AND NOT o.live GROUP BY 1 ORDER BY 1
    ON CONFLICT (tenant_id) DO UPDATE SET chunks = search_tenant_stats.chunks + excluded.chunks, terms = search_tenant_stats.terms + excluded.terms;
    -- One signed change per (tenant, key): +1 for each new reader key, -1 for each one dropped.
    INSERT INTO search_acl_stats (tenant_id, acl_key, chunks)
    SELECT tenant_id, acl_key, sum(delta) FROM (
        SELECT n.tenant_id, k AS acl_key, 1 AS delta FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(n.acl) k
        WHERE o.acl IS DISTINCT FROM n.acl
        UNION ALL
        SELECT o.tenant_id, k, -1 FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(o.acl) k
        WHERE o.acl IS DISTINCT FROM n.acl
    ) changes GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
    ON CONFLICT (tenant_id, acl_key) DO UPDATE SET chunks = search_acl_stats.chunks + excluded.chunks;
    DELETE FROM search_acl_stats s
    USING (SELECT DISTINCT o.tenant_id, k FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(o.acl) k WHERE o.acl IS DISTINCT FROM n.acl) d
    WHERE s.tenant_id = d.tenant_id AND s.acl_key = d.k AND s.chunks <= 0;
    RETURN NULL;
END
$$;

DROP TRIGGER chunk_search_stats_update ON "chunk_search";
DROP FUNCTION lore_search_rows_went_live();
CREATE TRIGGER chunk_search_stats_update AFTER UPDATE ON "chunk_search"
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION lore_search_rows_changed();

CREATE OR REPLACE FUNCTION lore_search_rows_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM lore_lock_search_stats(ARRAY(SELECT tenant_id FROM removed));
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
    UPDATE search_acl_stats s SET chunks = s.chunks - d.n
    FROM (SELECT tenant_id, acl_key, count(*) AS n FROM removed, unnest(acl) acl_key GROUP BY 1, 2 ORDER BY 1, 2) d
    WHERE s.tenant_id = d.tenant_id AND s.acl_key = d.acl_key;
    DELETE FROM search_acl_stats s
    USING (SELECT DISTINCT tenant_id, acl_key FROM removed, unnest(acl) acl_key) d
    WHERE s.tenant_id = d.tenant_id AND s.acl_key = d.acl_key AND s.chunks <= 0;
    RETURN NULL;
END
$$;

-- Whether the principals may read at most `exact_readable` of the tenant's chunks. The sum counts a
-- chunk once per key it shares with the reader, so it can only call a narrow reader wide (who then
-- gets the bounded candidate scan), never the reverse.
CREATE OR REPLACE FUNCTION lore_search_is_narrow(tenant UUID, keys TEXT[], exact_readable INTEGER) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT coalesce(sum(s.chunks), 0) <= exact_readable FROM search_acl_stats s WHERE s.tenant_id = tenant AND s.acl_key = ANY(keys)
$$;

-- The planner estimates `term_ids && <terms>` badly on small tenants: at 10,000 chunks it chose to
-- read every row (a sequential scan of 140 ms) over the terms' index (a few ms; bench: retrieval,
-- plans). The scans run inside these functions only, so the setting holds for them alone.
ALTER FUNCTION lore_lexical_search(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) SET enable_seqscan = off;
ALTER FUNCTION lore_lexical_search_plan(TEXT[], INTEGER[], INTEGER[], INTEGER, INTEGER, INTEGER) SET enable_seqscan = off;
