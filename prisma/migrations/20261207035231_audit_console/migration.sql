-- CreateTable
CREATE TABLE "audit_events" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "record_id" UUID,
    "filter" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_created_at_idx" ON "audit_events"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the audit events are tenant data and evidence (see the migration "security").
GRANT SELECT, INSERT ON "audit_events" TO lore_app;
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "audit_events" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION lore_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION lore_refuse_change();

-- Hand-written: the audit console's search index.
--
-- The console filters a tenant's decision log (possibly millions of records) by date, person, group,
-- outcome, rule, detector, action, trial, policy version, model, feedback and words, newest first, a
-- page at a time. Under row-level security Postgres uses an index for a condition only if the
-- condition's function is LEAKPROOF (or it is the policy's own), and neither `tags @> …` nor
-- `terms @@ …` (nor even enum equality) is: on decision_records those filters would read the whole
-- log. So, as for chunk search, the index lives in its own table, decision_search: one row per record
-- with its seq, time, token counts, "tags" (every discrete thing a filter can ask for, see
-- lore_decision_tags) and "terms" (the stored, already redacted, question and answer as a tsvector).
-- Nothing on it is granted to lore_app and its row-level security has no policy and is not FORCEd:
-- the app role cannot read it at all, its owner can. It is filled by a trigger on decision_records and
-- read only by the SECURITY DEFINER functions below, which take the tenant from the transaction's
-- app.tenant_id (never from an argument) and state it as an explicit condition, so the GIN and btree
-- indexes run. Removing a record (only a purge may, see the retention migration) removes its row.
CREATE TABLE "decision_search" (
    "record_id" UUID NOT NULL PRIMARY KEY REFERENCES "decision_records"("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "tokens_in" INTEGER NOT NULL,
    "tokens_out" INTEGER NOT NULL,
    "withheld_count" INTEGER NOT NULL,
    "tags" TEXT[] NOT NULL,
    "terms" tsvector NOT NULL
);
CREATE UNIQUE INDEX "decision_search_tenant_seq" ON "decision_search" ("tenant_id", "seq");
CREATE INDEX "decision_search_tenant_time" ON "decision_search" ("tenant_id", "created_at", "seq");
CREATE INDEX "decision_search_tags" ON "decision_search" USING gin ("tags");
CREATE INDEX "decision_search_terms" ON "decision_search" USING gin ("terms");
ALTER TABLE "decision_search" ENABLE ROW LEVEL SECURITY;

-- Every discrete thing a console filter can ask of a record, as text: "user:<id>", "outcome:blocked",
-- "model:<model>", "policy:<version>" (or "policy:default"), "withheld" (a passage was withheld), and
-- per verdict "rule:<rule path>", "detector:<name>", "action:<action>", "applied:<rule>" (it changed
-- something), "blocked:<rule>" (applied, and its action refused), "trial" and "trial:<rule>" (a rule on
-- trial found something). lib/audit/console-filter.ts asks with the same words. Verdicts written
-- before they named their rule are named by stage and check, as the record page names them.
CREATE FUNCTION lore_decision_tags(user_id UUID, outcome TEXT, model TEXT, policy_version INTEGER, withheld_count INTEGER, verdicts JSONB)
RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(DISTINCT tag ORDER BY tag), '{}') FROM (
        SELECT 'user:' || user_id AS tag
        UNION ALL SELECT 'outcome:' || outcome
        UNION ALL SELECT 'model:' || model
        UNION ALL SELECT 'policy:' || coalesce(policy_version::text, 'default')
        UNION ALL SELECT 'withheld' WHERE withheld_count > 0
        UNION ALL
        SELECT unnest(ARRAY[
            'rule:' || r.rule,
            'action:' || (v ->> 'action'),
            'detector:' || (v ->> 'detector'),
            CASE WHEN v -> 'applied' = 'true' THEN 'applied:' || r.rule END,
            CASE WHEN v -> 'applied' = 'true' AND v ->> 'action' = 'block' THEN 'blocked:' || r.rule END,
            CASE WHEN v -> 'shadow' = 'true' THEN 'trial' END,
            CASE WHEN v -> 'shadow' = 'true' THEN 'trial:' || r.rule END
        ])
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(verdicts) = 'array' THEN verdicts ELSE '[]' END) v,
             LATERAL (SELECT coalesce(v ->> 'rule', (v ->> 'stage') || '.' || (v ->> 'check')) AS rule) r
        UNION ALL
        SELECT 'detector:' || d
        FROM jsonb_array_elements(CASE WHEN jsonb_typeof(verdicts) = 'array' THEN verdicts ELSE '[]' END) v,
             LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(v -> 'detectors') = 'array' THEN v -> 'detectors' ELSE '[]' END) d
    ) tags WHERE tag IS NOT NULL
$$;

CREATE FUNCTION lore_decision_indexed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO decision_search (record_id, tenant_id, seq, created_at, tokens_in, tokens_out, withheld_count, tags, terms)
    VALUES (NEW.id, NEW.tenant_id, NEW.seq, NEW.created_at, NEW.tokens_in, NEW.tokens_out, NEW.withheld_count,
            lore_decision_tags(NEW.user_id, NEW.outcome::text, NEW.model, NEW.policy_version, NEW.withheld_count, NEW.verdicts),
            to_tsvector('simple', NEW.question || ' ' || NEW.answer));
    RETURN NULL;
END
$$;
CREATE TRIGGER decision_records_indexed AFTER INSERT ON "decision_records"
    FOR EACH ROW EXECUTE FUNCTION lore_decision_indexed();

INSERT INTO decision_search (record_id, tenant_id, seq, created_at, tokens_in, tokens_out, withheld_count, tags, terms)
SELECT id, tenant_id, seq, created_at, tokens_in, tokens_out, withheld_count,
       lore_decision_tags(user_id, outcome::text, model, policy_version, withheld_count, verdicts),
       to_tsvector('simple', question || ' ' || answer)
FROM decision_records;

-- The condition a console filter puts on decision_search (alias s), with its values as parameters:
--   $2 tags all required, $3 tags of which one is required (a group's people), $4 tags none allowed,
--   $5/$6 first/last seq of the date range, $7/$8 the date range itself, $9 the words (tsquery),
--   $10 feedback: "up", "down", "any" or "none".
-- The filter (JSON, built by lib/audit/console-filter.ts) holds: all, any, none (text arrays), from,
-- to (timestamps, to exclusive), words (text), feedback. The date range is also turned into a seq
-- range, which the (tenant_id, seq) index can walk: records get non-decreasing times in seq order.
CREATE FUNCTION lore_audit_condition(filter JSONB) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    condition TEXT := '';
BEGIN
    IF jsonb_array_length(coalesce(filter -> 'all', '[]')) > 0 THEN condition := condition || ' AND s.tags @> $2'; END IF;
    IF filter ? 'any' THEN condition := condition || ' AND s.tags && $3'; END IF;
    IF jsonb_array_length(coalesce(filter -> 'none', '[]')) > 0 THEN condition := condition || ' AND NOT s.tags && $4'; END IF;
    IF filter ? 'from' THEN condition := condition || ' AND s.seq >= $5 AND s.created_at >= $7'; END IF;
    IF filter ? 'to' THEN condition := condition || ' AND s.seq <= $6 AND s.created_at < $8'; END IF;
    IF filter ? 'words' THEN condition := condition || ' AND s.terms @@ $9'; END IF;
    condition := condition || CASE filter ->> 'feedback'
        WHEN 'up' THEN ' AND EXISTS (SELECT 1 FROM feedback f WHERE f.decision_id = s.record_id AND f.rating = ''up'')'
        WHEN 'down' THEN ' AND EXISTS (SELECT 1 FROM feedback f WHERE f.decision_id = s.record_id AND f.rating = ''down'')'
        WHEN 'any' THEN ' AND EXISTS (SELECT 1 FROM feedback f WHERE f.decision_id = s.record_id)'
        WHEN 'none' THEN ' AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.decision_id = s.record_id)'
        ELSE '' END;
    RETURN condition;
END
$$;

-- The words of a search as a query: every word must appear, as a word or the start of one (so that
-- "휴가" finds "휴가는" and "refund" finds "refunds"), split and lower-cased as the records were.
CREATE FUNCTION lore_audit_words(words TEXT) RETURNS tsquery
LANGUAGE sql IMMUTABLE AS $$
    SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & ' ORDER BY lexeme))
    FROM unnest(to_tsvector('simple', coalesce(words, ''))) AS t(lexeme)
$$;

-- The seq range of a date range, from the (tenant_id, created_at, seq) index.
-- (Called only from the functions below, which run as the owner.)
CREATE FUNCTION lore_audit_seq_range(tenant UUID, filter JSONB, OUT first_seq INTEGER, OUT last_seq INTEGER)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF filter ? 'from' THEN
        SELECT s.seq INTO first_seq FROM decision_search s
            WHERE s.tenant_id = tenant AND s.created_at >= (filter ->> 'from')::timestamptz ORDER BY s.created_at, s.seq LIMIT 1;
        first_seq := coalesce(first_seq, 2147483647);
    END IF;
    IF filter ? 'to' THEN
        SELECT s.seq INTO last_seq FROM decision_search s
            WHERE s.tenant_id = tenant AND s.created_at < (filter ->> 'to')::timestamptz ORDER BY s.created_at DESC, s.seq DESC LIMIT 1;
        last_seq := coalesce(last_seq, 0);
    END IF;
END
$$;

CREATE FUNCTION lore_audit_tenant() RETURNS UUID
LANGUAGE plpgsql STABLE AS $$
DECLARE
    tenant UUID := lore_current_tenant();
BEGIN
    IF tenant IS NULL THEN
        RAISE EXCEPTION 'the audit console needs a tenant transaction' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN tenant;
END
$$;

-- The one query over decision_search: `head` (a select list over s) for the tenant's records that match
-- a filter, then `tail` (GROUP BY / ORDER BY; LIMIT $12 if given), below `before_seq` if given. The
-- functions below (SECURITY DEFINER, granted to the app) fill in head and tail; this one takes SQL
-- text, so it is granted to nobody.
CREATE FUNCTION lore_audit_query(tenant UUID, filter JSONB, head TEXT, tail TEXT, before_seq INTEGER, max_rows INTEGER) RETURNS SETOF RECORD
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    bounds RECORD := lore_audit_seq_range(tenant, filter);
BEGIN
    RETURN QUERY EXECUTE
        'SELECT ' || head || ' FROM decision_search s WHERE s.tenant_id = $1' || lore_audit_condition(filter)
        || CASE WHEN before_seq IS NULL THEN '' ELSE ' AND s.seq < $11' END
        || ' ' || tail
    USING tenant,
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'all', '[]'))),
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'any', '[]'))),
        ARRAY(SELECT jsonb_array_elements_text(coalesce(filter -> 'none', '[]'))),
        bounds.first_seq, bounds.last_seq,
        (filter ->> 'from')::timestamptz, (filter ->> 'to')::timestamptz,
        lore_audit_words(filter ->> 'words'),
        filter ->> 'feedback',
        before_seq, max_rows;
END
$$;

-- A page of the tenant's records that match a filter, newest first: their seqs, below `before_seq`
-- (the last seq of the previous page; NULL for the first page). Keyset pagination: every page costs
-- the same, however deep.
CREATE FUNCTION lore_audit_find(filter JSONB, before_seq INTEGER, max_rows INTEGER) RETURNS SETOF INTEGER
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT q.seq FROM lore_audit_query(lore_audit_tenant(), filter, 's.seq', 'ORDER BY s.seq DESC LIMIT $12', before_seq, max_rows) AS q(seq INTEGER)
$$;

-- The dashboard's figures for the records that match a filter: per UTC day and outcome, turns, tokens,
-- turns with a passage withheld and turns with negative feedback.
CREATE FUNCTION lore_audit_daily(filter JSONB)
RETURNS TABLE (day DATE, outcome TEXT, turns BIGINT, tokens_in BIGINT, tokens_out BIGINT, withheld_turns BIGINT, negative_turns BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT * FROM lore_audit_query(lore_audit_tenant(), filter,
        '(s.created_at AT TIME ZONE ''UTC'')::date,'
        || ' (SELECT substr(t, 9) FROM unnest(s.tags) t WHERE t LIKE ''outcome:%'' LIMIT 1),'
        || ' count(*), sum(s.tokens_in)::bigint, sum(s.tokens_out)::bigint,'
        || ' count(*) FILTER (WHERE s.withheld_count > 0),'
        || ' count(*) FILTER (WHERE EXISTS (SELECT 1 FROM feedback f WHERE f.decision_id = s.record_id AND f.rating = ''down''))',
        'GROUP BY 1, 2 ORDER BY 1, 2', NULL, NULL
    ) AS q(day DATE, outcome TEXT, turns BIGINT, tokens_in BIGINT, tokens_out BIGINT, withheld_turns BIGINT, negative_turns BIGINT)
$$;

-- Per rule, in how many matching records it found something, changed something, refused, and found
-- something on trial.
CREATE FUNCTION lore_audit_rules(filter JSONB)
RETURNS TABLE (rule TEXT, found BIGINT, applied BIGINT, blocked BIGINT, trial BIGINT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT split_part(q.tag, ':', 2) AS rule,
        count(*) FILTER (WHERE q.tag LIKE 'rule:%'), count(*) FILTER (WHERE q.tag LIKE 'applied:%'),
        count(*) FILTER (WHERE q.tag LIKE 'blocked:%'), count(*) FILTER (WHERE q.tag LIKE 'trial:%')
    FROM lore_audit_query(lore_audit_tenant(), filter,
        'unnest(ARRAY(SELECT t FROM unnest(s.tags) t WHERE t ~ ''^(rule|applied|blocked|trial):''))', '', NULL, NULL
    ) AS q(tag TEXT)
    GROUP BY 1 ORDER BY 2 DESC, 1
$$;

REVOKE ALL ON FUNCTION lore_audit_query(UUID, JSONB, TEXT, TEXT, INTEGER, INTEGER), lore_audit_seq_range(UUID, JSONB) FROM PUBLIC;
REVOKE ALL ON FUNCTION lore_audit_find(JSONB, INTEGER, INTEGER), lore_audit_daily(JSONB), lore_audit_rules(JSONB) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lore_audit_find(JSONB, INTEGER, INTEGER), lore_audit_daily(JSONB), lore_audit_rules(JSONB) TO lore_app;
