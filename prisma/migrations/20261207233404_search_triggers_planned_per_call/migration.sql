-- Hand-written: the search triggers' statements that join a transition table are planned for the rows
-- each call brings, not once for the first call's rows.
--
-- PL/pgSQL plans a statement once per session and keeps the plan; a statement without parameters
-- keeps its first plan for good (until an invalidation), and that plan was made for the transition
-- tables of that first call. A session whose first reader change or swap touched a handful of rows
-- kept a plan built for a handful (nested loops joining `after` to `before`), and every later swap of
-- a 1,000-chunk document ran it: lore_search_rows_changed took ~520 ms of a ~600 ms swap, and ~40 ms
-- once its plans were discarded (ingesting chat-bench documents on the embedded database, where the
-- worker keeps one session). Through EXECUTE each statement is planned for the call's own rows, for
-- well under a millisecond each. The statements themselves are those of migrations bm25_search and
-- search_reader_counts, unchanged; so are the statistics they keep.
--
-- The triggers whose statements read one transition table without a join (rows added and removed)
-- aggregate it, which a stale estimate does not make slow, and stay as they are.

CREATE OR REPLACE FUNCTION lore_search_rows_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE $sql$
        SELECT lore_lock_search_stats(ARRAY(
            SELECT n.tenant_id FROM after n JOIN before o ON o.chunk_id = n.chunk_id
            WHERE (n.live AND NOT o.live) OR o.acl IS DISTINCT FROM n.acl))$sql$;
    EXECUTE $sql$
        INSERT INTO search_term_stats (tenant_id, term_id, chunks)
        SELECT n.tenant_id, term, count(*) FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(n.term_ids) term
        WHERE n.live AND NOT o.live GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (tenant_id, term_id) DO UPDATE SET chunks = search_term_stats.chunks + excluded.chunks$sql$;
    EXECUTE $sql$
        INSERT INTO search_tenant_stats (tenant_id, chunks, terms)
        SELECT n.tenant_id, count(*), sum(n.term_count) FROM after n JOIN before o ON o.chunk_id = n.chunk_id
        WHERE n.live AND NOT o.live GROUP BY 1 ORDER BY 1
        ON CONFLICT (tenant_id) DO UPDATE SET chunks = search_tenant_stats.chunks + excluded.chunks, terms = search_tenant_stats.terms + excluded.terms$sql$;
    -- One signed change per (tenant, key): +1 for each new reader key, -1 for each one dropped.
    EXECUTE $sql$
        INSERT INTO search_acl_stats (tenant_id, acl_key, chunks)
        SELECT tenant_id, acl_key, sum(delta) FROM (
            SELECT n.tenant_id, k AS acl_key, 1 AS delta FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(n.acl) k
            WHERE o.acl IS DISTINCT FROM n.acl
            UNION ALL
            SELECT o.tenant_id, k, -1 FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(o.acl) k
            WHERE o.acl IS DISTINCT FROM n.acl
        ) changes GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
        ON CONFLICT (tenant_id, acl_key) DO UPDATE SET chunks = search_acl_stats.chunks + excluded.chunks$sql$;
    EXECUTE $sql$
        DELETE FROM search_acl_stats s
        USING (SELECT DISTINCT o.tenant_id, k FROM after n JOIN before o ON o.chunk_id = n.chunk_id, unnest(o.acl) k WHERE o.acl IS DISTINCT FROM n.acl) d
        WHERE s.tenant_id = d.tenant_id AND s.acl_key = d.k AND s.chunks <= 0$sql$;
    RETURN NULL;
END
$$;

-- A change of readers, or terms computed again (a new analysis, or the backfill of older chunks).
CREATE OR REPLACE FUNCTION lore_chunks_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE $sql$
        UPDATE chunk_search s SET acl = lore_search_acl(n.tenant_id, n.acl)
        FROM after n JOIN before o ON o.id = n.id
        WHERE s.chunk_id = n.id AND o.acl IS DISTINCT FROM n.acl AND o.terms_version = n.terms_version$sql$;
    EXECUTE $sql$
        DELETE FROM chunk_search s USING after n JOIN before o ON o.id = n.id
        WHERE s.chunk_id = n.id AND o.terms_version IS DISTINCT FROM n.terms_version$sql$;
    EXECUTE $sql$
        INSERT INTO chunk_search (chunk_id, tenant_id, document_id, generation, live, acl, term_ids, term_weights, term_count)
        SELECT n.id, n.tenant_id, n.document_id, n.generation, n.generation <= d.indexed_generation,
               lore_search_acl(n.tenant_id, n.acl), n.term_ids, n.term_weights, n.term_count
        FROM after n JOIN before o ON o.id = n.id JOIN documents d ON d.id = n.document_id
        WHERE o.terms_version IS DISTINCT FROM n.terms_version AND n.term_ids IS NOT NULL AND n.term_weights IS NOT NULL$sql$;
    RETURN NULL;
END
$$;

-- The swap of an indexing job: raising indexed_generation makes the new version's chunks searchable.
CREATE OR REPLACE FUNCTION lore_documents_swapped() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    EXECUTE $sql$
        UPDATE chunk_search s SET live = true
        FROM after n JOIN before o ON o.id = n.id
        WHERE n.indexed_generation > o.indexed_generation AND s.document_id = n.id AND NOT s.live AND s.generation <= n.indexed_generation$sql$;
    RETURN NULL;
END
$$;
