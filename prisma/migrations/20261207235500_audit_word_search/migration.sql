-- Hand-written: a word search in the audit console finds the newest matches without reading all.
--
-- A word search asks decision_search for `terms @@ <every word, as a word or the start of one>`,
-- newest first, a page at a time. Postgres estimates a prefix match (`word:*`) at a fixed 2% whatever
-- the word, so for two words it expected 400 rows of a million, and always chose the terms' GIN index:
-- every matching record read, then sorted by seq. For the words of everyday questions that is most of
-- the log: at a million records "휴가 규정" matched 804,717 of them and a page took 1.04 s ("vacation
-- days", 100,243 matches: 156 ms). Reading the newest records in seq order until a page is full finds
-- such a page after a few hundred records (0.1–0.4 ms), but a word found in none would read the whole
-- log (0.53 s), so neither plan is right for every word, and the planner cannot tell them apart.
--
-- So a word search first reads a window of the newest records below the page's start (`word_window`,
-- lib/audit/queries.ts), in seq order, and keeps the matches. If they fill the page, that is the page.
-- Otherwise the words are rare among recent records, and the rest of the page comes from the GIN
-- index below the window, where it finds few. Other filters are unchanged: their estimates are good.

-- As in migration audit_console, with `newest`: when given, only the newest `newest` records below
-- `before_seq` are searched ($13).
DROP FUNCTION lore_audit_query(UUID, JSONB, TEXT, TEXT, INTEGER, INTEGER);
CREATE FUNCTION lore_audit_query(tenant UUID, filter JSONB, head TEXT, tail TEXT, before_seq INTEGER, max_rows INTEGER, newest INTEGER DEFAULT NULL)
RETURNS SETOF RECORD
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    bounds RECORD := lore_audit_seq_range(tenant, filter);
    below TEXT := CASE WHEN before_seq IS NULL THEN '' ELSE ' AND s.seq < $11' END;
BEGIN
    RETURN QUERY EXECUTE
        'SELECT ' || head || ' FROM '
        -- A subquery with its own LIMIT: the conditions below are not pushed into it, so it stays an ordered index scan.
        || CASE WHEN newest IS NULL THEN 'decision_search s'
                ELSE '(SELECT * FROM decision_search s WHERE s.tenant_id = $1' || below || ' ORDER BY s.seq DESC LIMIT $13) s' END
        || ' WHERE s.tenant_id = $1' || lore_audit_condition(filter) || below
        || ' ' || tail
    USING tenant,
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'all', '[]'))),
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'any', '[]'))),
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'none', '[]'))),
        bounds.first_seq, bounds.last_seq,
        (filter ->> 'from')::timestamptz, (filter ->> 'to')::timestamptz,
        lore_audit_words(filter ->> 'words'),
        filter ->> 'feedback',
        before_seq, max_rows, newest;
END
$$;

-- A page of the tenant's records that match a filter, newest first: their seqs, below `before_seq`
-- (the last seq of the previous page; NULL for the first page). A word search reads the newest
-- `word_window` records first (see above).
DROP FUNCTION lore_audit_find(JSONB, INTEGER, INTEGER);
-- (SET enable_indexscan here confines the change below to this function.)
CREATE FUNCTION lore_audit_find(filter JSONB, before_seq INTEGER, max_rows INTEGER, word_window INTEGER) RETURNS SETOF INTEGER
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_indexscan = on AS $$
DECLARE
    tenant UUID := lore_audit_tenant();
    found INTEGER;
    window_rows INTEGER;
    window_end INTEGER;
BEGIN
    IF filter ? 'words' THEN
        RETURN QUERY SELECT q.seq FROM lore_audit_query(tenant, filter, 's.seq', 'ORDER BY s.seq DESC LIMIT $12', before_seq, max_rows, word_window) AS q(seq INTEGER);
        GET DIAGNOSTICS found = ROW_COUNT;
        IF found >= max_rows THEN
            RETURN;
        END IF;
        SELECT count(*), min(w.seq) INTO window_rows, window_end
        FROM (SELECT s.seq FROM decision_search s WHERE s.tenant_id = tenant AND s.seq < coalesce(before_seq, 2147483647) ORDER BY s.seq DESC LIMIT word_window) w;
        -- The window held every record left: nothing more to find.
        IF window_rows < word_window THEN
            RETURN;
        END IF;
        before_seq := window_end;
        max_rows := max_rows - found;
        -- Through the GIN index, not by walking back in seq order: the planner's 2% could choose that.
        PERFORM set_config('enable_indexscan', 'off', true);
    END IF;
    RETURN QUERY SELECT q.seq FROM lore_audit_query(tenant, filter, 's.seq', 'ORDER BY s.seq DESC LIMIT $12', before_seq, max_rows) AS q(seq INTEGER);
END
$$;

REVOKE ALL ON FUNCTION lore_audit_query(UUID, JSONB, TEXT, TEXT, INTEGER, INTEGER, INTEGER), lore_audit_find(JSONB, INTEGER, INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lore_audit_find(JSONB, INTEGER, INTEGER, INTEGER) TO lore_app;
