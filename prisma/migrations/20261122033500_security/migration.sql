-- Hand-written: tenant isolation and the append-only decision log.
--
-- The app does tenant work as the NOLOGIN role lore_app (SET LOCAL ROLE inside the transaction, see
-- lib/db/tenant.ts), never as the owner: row-level security does not apply to superusers, and the
-- embedded database's default user is one. Each policy compares tenant_id with the transaction's
-- app.tenant_id, so a query that forgets its tenant filter still sees only its own tenant.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lore_app') THEN
        CREATE ROLE lore_app NOLOGIN;
    END IF;
    IF NOT pg_has_role(current_user, 'lore_app', 'MEMBER') THEN
        EXECUTE format('GRANT lore_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO lore_app;
GRANT SELECT ON "tenants" TO lore_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
    "users", "groups", "group_memberships", "documents", "document_files", "chunks", "ingest_jobs",
    "conversations", "messages", "feedback", "policy_versions", "policy_activations", "rate_counters"
    TO lore_app;
GRANT SELECT, INSERT ON "decision_records" TO lore_app;

CREATE FUNCTION lore_current_tenant() RETURNS UUID
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY[
        'users', 'groups', 'group_memberships', 'documents', 'document_files', 'chunks', 'ingest_jobs',
        'conversations', 'messages', 'decision_records', 'feedback', 'policy_versions', 'policy_activations', 'rate_counters'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format(
            'CREATE POLICY tenant_isolation ON %I USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant())',
            t
        );
    END LOOP;
END
$$;

-- The ingest worker claims jobs of every tenant (FOR UPDATE SKIP LOCKED) before it knows whose they
-- are, so the jobs table binds lore_app but not the owner connection the worker claims with. A job
-- row holds ids, progress and errors, no document content; the work itself runs in a tenant transaction.
ALTER TABLE "ingest_jobs" NO FORCE ROW LEVEL SECURITY;

-- Decision records are evidence: nobody, not even the owner, may change or remove one.
CREATE FUNCTION lore_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'decision records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER decision_records_append_only BEFORE UPDATE OR DELETE ON "decision_records"
    FOR EACH ROW EXECUTE FUNCTION lore_refuse_change();
CREATE TRIGGER decision_records_no_truncate BEFORE TRUNCATE ON "decision_records"
    FOR EACH STATEMENT EXECUTE FUNCTION lore_refuse_change();
