-- Hand-written: a search reads its workspace's chunk count once, and its cases are written once.
--
-- lore_search_query reads the count (search_tenant_stats) for the terms' idf; lore_search_is_small
-- and lore_search_candidates read the same row again in the same search. lore_search_query now
-- returns it (OUT total), which decides a small workspace in place of lore_search_is_small and is
-- given to lore_search_candidates: each search reads the row once, not two or three times. The search
-- is one STABLE function, so every read saw the same row: the results are the same.
--
-- lore_lexical_search and lore_lexical_search_plan chose between the small, narrow and wide cases
-- apart, each with its own copy of the statements. lore_search_scans now yields the case's statements;
-- the search runs them and the plan runs them under EXPLAIN, so the plan shows the search's own scans
-- (for a narrow reader, the withheld chunks' scan rather than the wide reader's).

DROP FUNCTION lore_search_is_small(UUID, INTEGER);

-- As in migration bm25_search, with the tenant's chunk count returned (`total`) instead of kept.
DROP FUNCTION lore_search_query(TEXT[], INTEGER[], INTEGER[], INTEGER);
CREATE FUNCTION lore_search_query(principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], candidate_budget INTEGER,
    OUT tenant UUID, OUT keys TEXT[], OUT weights sparsevec, OUT rare INTEGER[], OUT known INTEGER[], OUT total INTEGER)
LANGUAGE plpgsql STABLE AS $$
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

-- As in migration search_term_pairs, given the tenant's chunk count (`total`, more than 0) rather than reading it.
DROP FUNCTION lore_search_candidates(UUID, INTEGER[], INTEGER[], INTEGER);
CREATE FUNCTION lore_search_candidates(tenant UUID, total INTEGER, known INTEGER[], rare INTEGER[], candidate_budget INTEGER) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $$
DECLARE
    condition TEXT := 'c.term_ids && $3';
    pair RECORD;
BEGIN
    FOR pair IN
        WITH commoner AS (
            SELECT s.term_id AS term, s.chunks::float8 AS df FROM search_term_stats s
            WHERE s.tenant_id = tenant AND s.term_id = ANY(known) AND s.term_id <> ALL(rare) AND s.chunks > 0
            ORDER BY s.chunks, s.term_id LIMIT lore_search_pair_terms()),
        pairs AS (SELECT a.term AS a, b.term AS b, a.df * b.df / total AS expected FROM commoner a JOIN commoner b ON a.term < b.term)
        SELECT p.a, p.b FROM (SELECT pairs.*, sum(pairs.expected) OVER (ORDER BY pairs.expected, pairs.a, pairs.b) AS running FROM pairs) p
        WHERE p.running <= candidate_budget / 2.0
    LOOP
        condition := condition || format(' OR c.term_ids @> ARRAY[%s, %s]', pair.a, pair.b);
    END LOOP;
    RETURN condition;
END
$$;

-- The scans of the calling tenant's lexical search for a question's terms (ids and their counts in the
-- question), in the order they run: what each finds (a line of the plan), its statement and what it
-- is run with ($1 tenant, $2 the reader's ACL keys, $3 terms, $4 the query vector; $5 is top_k). None
-- when the tenant knows none of the terms. Three cases, cheapest exact one first:
-- - a workspace of at most `exact_readable` chunks: every chunk holding a term is scored, in one scan
--   that also yields the withheld ones (exact);
-- - a reader who may read at most `exact_readable` chunks: every readable chunk holding a term is
--   scored, found through the ACL index (exact); the withheld ones come from the candidates below;
-- - any other reader: the candidates of lore_search_candidates are scored (bounded cost; the bench
--   measures how much of the exact top 10 it keeps, recall_vs_exact).
-- The scans run as dynamic SQL so that each is planned for its own arrays.
CREATE FUNCTION lore_search_scans(principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], candidate_budget INTEGER, exact_readable INTEGER)
RETURNS TABLE (label TEXT, statement TEXT, tenant UUID, keys TEXT[], terms INTEGER[], weights sparsevec)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    q RECORD;
BEGIN
    q := lore_search_query(principals, query_terms, query_counts, candidate_budget);
    IF q.known IS NULL THEN
        RETURN;
    END IF;
    IF q.total <= exact_readable THEN
        RETURN QUERY SELECT 'every chunk holding a term scored (a small workspace):', lore_search_scan('c.term_ids && $3'), q.tenant, q.keys, q.known, q.weights;
    ELSIF lore_search_is_narrow(q.tenant, q.keys, exact_readable) THEN
        RETURN QUERY VALUES
            ('readable chunks ranked exactly:', 'SELECT * FROM lore_search_readable($1, $2, $3, $4, $5)', q.tenant, q.keys, q.known, q.weights),
            ('candidates from the rarest terms and pairs of commoner ones:', format(
                'SELECT s.chunk_id, s.score, s.readable FROM (
                     SELECT c.chunk_id, -(c.term_weights <#> $4) AS score, c.acl && $2 AS readable FROM chunk_search c
                     WHERE (%s) AND c.tenant_id = $1 AND c.live ORDER BY 2 DESC, 1 LIMIT $5) s
                 WHERE NOT s.readable',
                lore_search_candidates(q.tenant, q.total, q.known, q.rare, candidate_budget)), q.tenant, q.keys, q.rare, q.weights);
    ELSE
        RETURN QUERY SELECT 'candidates from the rarest terms and pairs of commoner ones:',
            lore_search_scan(lore_search_candidates(q.tenant, q.total, q.known, q.rare, candidate_budget)), q.tenant, q.keys, q.rare, q.weights;
    END IF;
END
$$;

-- The lexical ranking of the calling tenant's searchable chunks for a question's terms. Returns the
-- best `top_k` chunks the principals may read, and the chunks they may not read that rank among the
-- best `top_k` of all (what the ACL withheld: ids only). How, lore_search_scans says.
CREATE OR REPLACE FUNCTION lore_lexical_search(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS TABLE (chunk_id UUID, score FLOAT8, readable BOOLEAN)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
    scan RECORD;
BEGIN
    FOR scan IN SELECT * FROM lore_search_scans(principals, query_terms, query_counts, candidate_budget, exact_readable) LOOP
        RETURN QUERY EXECUTE scan.statement USING scan.tenant, scan.keys, scan.terms, scan.weights, top_k;
    END LOOP;
END
$$;

-- The plans of lore_lexical_search's scans for the same arguments (EXPLAIN ANALYZE), for tests and
-- the bench: they show which indexes run.
CREATE OR REPLACE FUNCTION lore_lexical_search_plan(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS SETOF TEXT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
    scan RECORD;
BEGIN
    FOR scan IN SELECT * FROM lore_search_scans(principals, query_terms, query_counts, candidate_budget, exact_readable) LOOP
        RETURN NEXT scan.label;
        RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) ' || scan.statement USING scan.tenant, scan.keys, scan.terms, scan.weights, top_k;
    END LOOP;
END
$$;
