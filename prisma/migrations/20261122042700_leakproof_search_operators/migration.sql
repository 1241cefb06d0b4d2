-- Hand-written: let ACL-filtered search use its GIN indexes under row-level security.
--
-- Tenant work runs as lore_app under a row-level security policy. Postgres then refuses to evaluate
-- a condition of the query before the policy's unless the condition's function is LEAKPROOF, and an
-- index scan evaluates its condition first. `acl && principals` (arrayoverlap) and `tsv @@ query`
-- (ts_match_vq) are not marked leakproof, so under RLS neither GIN index could be used: EXPLAIN
-- showed every search reading all of the tenant's chunks. Both functions only compare their
-- arguments and return a boolean; the SQL that calls them is the app's own, never a user's, so what
-- LEAKPROOF guards against (a function that leaks rows it is shown before the policy filters them)
-- does not arise. Marking a function leakproof needs a superuser: the embedded database's user is
-- one. On a managed Postgres without one, this is skipped with a notice; search stays correct and
-- scans the tenant's chunks through chunks_tenant_id_idx instead (run the two statements as a
-- superuser to get the GIN plans).
DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        ALTER FUNCTION arrayoverlap(anyarray, anyarray) LEAKPROOF;
        ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ELSE
        RAISE NOTICE 'not a superuser: arrayoverlap and ts_match_vq stay non-leakproof, so ACL-filtered search cannot use its GIN indexes under row-level security';
    END IF;
END
$$;
