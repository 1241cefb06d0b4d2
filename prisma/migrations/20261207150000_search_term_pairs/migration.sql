-- Hand-written: a cheaper, better candidate set for the lexical ranking of a wide reader, and one exact
-- scan for a small workspace.
--
-- Candidates used to be the chunks holding the question's rarest terms, taken rarest first up to a
-- budget of 8,000 chunks. At 100,000 chunks that scan was most of a search's time (about 6,000 rows
-- read at random from the heap), yet a budget small enough to be fast lost up to a quarter of the
-- exact top 10: a chunk matching two of the commoner terms, and none of the rarest, was never scored.
-- Now candidates are the chunks holding one of the rarest terms (a smaller budget), or two of the next
-- commoner ones. Chunks holding two given terms are an intersection of two posting lists, which the
-- terms' GIN index computes without reading the table, and they are few. The retrieval bench chose
-- the numbers (bench/suites/retrieval.ts, candidate_budget): at 100,000 chunks a budget of 1,000 keeps
-- 97.6–99.1% of the exact top 10 at p95 40–44 ms, where the old candidates kept 91–95% at p95 39–42 ms.

-- How many of the commoner terms (after the rarest) are paired. Ten terms make at most 45 pairs.
CREATE FUNCTION lore_search_pair_terms() RETURNS INTEGER LANGUAGE sql IMMUTABLE AS 'SELECT 10';

-- The candidate condition on chunk_search c, with $3 standing for the rarest terms: chunks holding
-- one of them, or both terms of a pair of the next commoner ones. Pairs are taken in order of how many
-- chunks would hold both if terms occurred independently (df_a · df_b / chunks), while those expected
-- counts add up to at most half the budget.
CREATE FUNCTION lore_search_candidates(tenant UUID, known INTEGER[], rare INTEGER[], candidate_budget INTEGER) RETURNS TEXT
LANGUAGE plpgsql STABLE AS $$
DECLARE
    condition TEXT := 'c.term_ids && $3';
    pair RECORD;
BEGIN
    FOR pair IN
        WITH total AS (SELECT s.chunks::float8 AS n FROM search_tenant_stats s WHERE s.tenant_id = tenant),
        commoner AS (
            SELECT s.term_id AS term, s.chunks::float8 AS df FROM search_term_stats s
            WHERE s.tenant_id = tenant AND s.term_id = ANY(known) AND s.term_id <> ALL(rare) AND s.chunks > 0
            ORDER BY s.chunks, s.term_id LIMIT lore_search_pair_terms()),
        pairs AS (SELECT a.term AS a, b.term AS b, a.df * b.df / total.n AS expected FROM commoner a JOIN commoner b ON a.term < b.term, total)
        SELECT p.a, p.b FROM (SELECT pairs.*, sum(pairs.expected) OVER (ORDER BY pairs.expected, pairs.a, pairs.b) AS running FROM pairs) p
        WHERE p.running <= candidate_budget / 2.0
    LOOP
        condition := condition || format(' OR c.term_ids @> ARRAY[%s, %s]', pair.a, pair.b);
    END LOOP;
    RETURN condition;
END
$$;

-- Whether the workspace is small enough for its lexical ranking to score every chunk holding a term.
CREATE FUNCTION lore_search_is_small(tenant UUID, exact_readable INTEGER) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT s.chunks FROM search_tenant_stats s WHERE s.tenant_id = tenant), 0) <= exact_readable
$$;

-- The scan shared by the small workspace and the wide reader: every candidate scored once, the best
-- readable ones returned, and the unreadable ones among the best of all (what the ACL withheld).
CREATE FUNCTION lore_search_scan(candidates TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
    SELECT format(
        'WITH scored AS MATERIALIZED (
             SELECT c.chunk_id, -(c.term_weights <#> $4) AS score, c.acl && $2 AS readable FROM chunk_search c
             WHERE (%s) AND c.tenant_id = $1 AND c.live)
         (SELECT s.chunk_id, s.score, s.readable FROM scored s WHERE s.readable ORDER BY s.score DESC, s.chunk_id LIMIT $5)
         UNION ALL
         SELECT b.chunk_id, b.score, b.readable FROM (SELECT * FROM scored ORDER BY score DESC, chunk_id LIMIT $5) b WHERE NOT b.readable',
        candidates)
$$;

-- The lexical ranking of the calling tenant's searchable chunks for a question's terms (ids and their
-- counts in the question). Returns the best `top_k` chunks the principals may read, and the chunks
-- they may not read that rank among the best `top_k` of all (what the ACL withheld: ids only).
--
-- Three cases, cheapest exact one first:
-- - a workspace of at most `exact_readable` chunks: every chunk holding a term is scored, in one scan
--   that also yields the withheld ones (exact);
-- - a reader who may read at most `exact_readable` chunks: every readable chunk holding a term is
--   scored, found through the ACL index (exact); the withheld ones come from the candidates below;
-- - any other reader: the candidates of lore_search_candidates are scored (bounded cost; the bench
--   measures how much of the exact top 10 it keeps, recall_vs_exact).
-- The scans run as dynamic SQL so that each is planned for its own arrays.
CREATE OR REPLACE FUNCTION lore_lexical_search(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS TABLE (chunk_id UUID, score FLOAT8, readable BOOLEAN)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
    q RECORD;
BEGIN
    q := lore_search_query(principals, query_terms, query_counts, candidate_budget);
    IF q.known IS NULL THEN
        RETURN;
    END IF;
    IF lore_search_is_small(q.tenant, exact_readable) THEN
        RETURN QUERY EXECUTE lore_search_scan('c.term_ids && $3') USING q.tenant, q.keys, q.known, q.weights, top_k;
    ELSIF lore_search_is_narrow(q.tenant, q.keys, exact_readable) THEN
        RETURN QUERY EXECUTE 'SELECT * FROM lore_search_readable($1, $2, $3, $4, $5)' USING q.tenant, q.keys, q.known, q.weights, top_k;
        RETURN QUERY EXECUTE format(
            'SELECT s.chunk_id, s.score, s.readable FROM (
                 SELECT c.chunk_id, -(c.term_weights <#> $4) AS score, c.acl && $2 AS readable FROM chunk_search c
                 WHERE (%s) AND c.tenant_id = $1 AND c.live ORDER BY 2 DESC, 1 LIMIT $5) s
             WHERE NOT s.readable',
            lore_search_candidates(q.tenant, q.known, q.rare, candidate_budget))
            USING q.tenant, q.keys, q.rare, q.weights, top_k;
    ELSE
        RETURN QUERY EXECUTE lore_search_scan(lore_search_candidates(q.tenant, q.known, q.rare, candidate_budget))
            USING q.tenant, q.keys, q.rare, q.weights, top_k;
    END IF;
END
$$;

-- The plans of lore_lexical_search's scans for the same arguments (EXPLAIN ANALYZE), for tests and
-- the bench: they show which indexes run.
CREATE OR REPLACE FUNCTION lore_lexical_search_plan(
    principals TEXT[], query_terms INTEGER[], query_counts INTEGER[], top_k INTEGER, candidate_budget INTEGER, exact_readable INTEGER
) RETURNS SETOF TEXT
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off AS $$
DECLARE
    q RECORD;
BEGIN
    q := lore_search_query(principals, query_terms, query_counts, candidate_budget);
    IF q.known IS NULL THEN
        RETURN;
    END IF;
    IF lore_search_is_small(q.tenant, exact_readable) THEN
        RETURN NEXT 'every chunk holding a term scored (a small workspace):';
        RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) ' || lore_search_scan('c.term_ids && $3') USING q.tenant, q.keys, q.known, q.weights, top_k;
        RETURN;
    END IF;
    IF lore_search_is_narrow(q.tenant, q.keys, exact_readable) THEN
        RETURN NEXT 'readable chunks ranked exactly:';
        RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) SELECT * FROM lore_search_readable($1, $2, $3, $4, $5)' USING q.tenant, q.keys, q.known, q.weights, top_k;
    END IF;
    RETURN NEXT 'candidates from the rarest terms and pairs of commoner ones:';
    RETURN QUERY EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF) ' || lore_search_scan(lore_search_candidates(q.tenant, q.known, q.rare, candidate_budget))
        USING q.tenant, q.keys, q.rare, q.weights, top_k;
END
$$;

-- The old wide scan, replaced by lore_search_scan.
DROP FUNCTION lore_search_scored(UUID, TEXT[], INTEGER[], sparsevec);
