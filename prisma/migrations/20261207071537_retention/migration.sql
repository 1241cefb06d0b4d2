-- CreateTable
CREATE TABLE "retention_settings" (
    "tenant_id" UUID NOT NULL,
    "days" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID NOT NULL,
    "updated_by_label" TEXT NOT NULL,

    CONSTRAINT "retention_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "legal_holds" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "user_id" UUID,
    "user_email" TEXT,
    "held_from" TIMESTAMPTZ(3),
    "held_until" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL,
    "placed_at" TIMESTAMPTZ(3) NOT NULL,
    "placed_by_id" UUID NOT NULL,
    "placed_by_label" TEXT NOT NULL,
    "released_at" TIMESTAMPTZ(3),
    "released_by_id" UUID,
    "released_by_label" TEXT,

    CONSTRAINT "legal_holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "legal_holds_tenant_id_placed_at_idx" ON "legal_holds"("tenant_id", "placed_at");

-- AddForeignKey
ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: retention of the decision log and legal holds (lib/audit/retention.ts, legal-holds.ts, purge.ts).
--
-- Both tables are tenant data, read and written by the app inside its tenant transaction.
GRANT SELECT, INSERT, UPDATE ON "retention_settings", "legal_holds" TO lore_app;
ALTER TABLE "retention_settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "retention_settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "retention_settings" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());
ALTER TABLE "legal_holds" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "legal_holds" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "legal_holds" USING (tenant_id = lore_current_tenant()) WITH CHECK (tenant_id = lore_current_tenant());

ALTER TABLE "retention_settings" ADD CONSTRAINT "retention_settings_days" CHECK (days BETWEEN 1 AND 36500);
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_scope" CHECK (
    (scope = 'tenant' AND user_id IS NULL AND held_from IS NULL AND held_until IS NULL)
    OR (scope = 'user' AND user_id IS NOT NULL AND held_from IS NULL AND held_until IS NULL)
    OR (scope = 'dates' AND user_id IS NULL AND held_from IS NOT NULL AND held_until IS NOT NULL AND held_from < held_until)
);
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_release" CHECK (
    (released_at IS NULL) = (released_by_id IS NULL) AND (released_at IS NULL) = (released_by_label IS NULL)
);

-- A hold is the history of itself: never removed, never changed, except to be released, once.
CREATE FUNCTION lore_legal_hold_release_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.released_at IS NOT NULL THEN
        RAISE EXCEPTION 'legal hold % was already released', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.released_at IS NULL
       OR (NEW.id, NEW.tenant_id, NEW.scope, NEW.user_id, NEW.user_email, NEW.held_from, NEW.held_until, NEW.reason, NEW.placed_at, NEW.placed_by_id, NEW.placed_by_label)
          IS DISTINCT FROM (OLD.id, OLD.tenant_id, OLD.scope, OLD.user_id, OLD.user_email, OLD.held_from, OLD.held_until, OLD.reason, OLD.placed_at, OLD.placed_by_id, OLD.placed_by_label) THEN
        RAISE EXCEPTION 'a legal hold can only be released, not changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER legal_holds_release_only BEFORE UPDATE ON "legal_holds" FOR EACH ROW EXECUTE FUNCTION lore_legal_hold_release_only();
CREATE TRIGGER legal_holds_append_only BEFORE DELETE ON "legal_holds" FOR EACH ROW EXECUTE FUNCTION lore_refuse_change();
CREATE TRIGGER legal_holds_no_truncate BEFORE TRUNCATE ON "legal_holds" FOR EACH STATEMENT EXECUTE FUNCTION lore_refuse_change();

-- Whether an active hold of the tenant covers a record of this person and time.
CREATE FUNCTION lore_record_held(tenant UUID, record_user UUID, record_time TIMESTAMPTZ) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM legal_holds h
        WHERE h.tenant_id = tenant AND h.released_at IS NULL
          AND (h.scope = 'tenant'
               OR (h.scope = 'user' AND h.user_id = record_user)
               OR (h.scope = 'dates' AND record_time >= h.held_from AND record_time < h.held_until))
    )
$$;

-- What a purge may remove now, for the transaction's tenant: records older than the cut-off (now minus
-- the tenant's retention, or `default_days` when it has set none) and under no active hold. A purge
-- removes the oldest records only, up to the first one it must keep, so that what remains is still one
-- chain whose first record links to the purge checkpoint: a record kept by a hold keeps every later
-- one too. `expired_through` is the last expired record (holds aside), `through_seq` the last one a
-- purge may remove, `records` how many records that is (0: nothing to purge).
CREATE FUNCTION lore_purge_plan(default_days INTEGER, OUT cutoff TIMESTAMPTZ, OUT expired_through INTEGER, OUT through_seq INTEGER, OUT records INTEGER)
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    tenant UUID := lore_audit_tenant();
    first_seq INTEGER;
    stop INTEGER;
    hold RECORD;
BEGIN
    IF default_days IS NULL OR default_days < 1 THEN
        RAISE EXCEPTION 'a retention of at least one day is needed' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    cutoff := now() - make_interval(days => coalesce((SELECT s.days FROM retention_settings s WHERE s.tenant_id = tenant), default_days));
    SELECT min(r.seq) INTO first_seq FROM decision_records r WHERE r.tenant_id = tenant;
    -- Records get non-decreasing times in seq order (lib/audit/records.ts), so the first unexpired one ends the expired ones.
    SELECT r.seq INTO stop FROM decision_records r WHERE r.tenant_id = tenant AND r.created_at >= cutoff ORDER BY r.created_at, r.seq LIMIT 1;
    stop := coalesce(stop, (SELECT max(r.seq) + 1 FROM decision_records r WHERE r.tenant_id = tenant), 1);
    expired_through := stop - 1;
    FOR hold IN SELECT * FROM legal_holds h WHERE h.tenant_id = tenant AND h.released_at IS NULL LOOP
        stop := least(stop, CASE hold.scope
            WHEN 'tenant' THEN first_seq
            WHEN 'user' THEN (SELECT min(r.seq) FROM decision_records r WHERE r.tenant_id = tenant AND r.user_id = hold.user_id AND r.seq < stop)
            ELSE (SELECT r.seq FROM decision_records r WHERE r.tenant_id = tenant AND r.created_at >= hold.held_from AND r.created_at < hold.held_until ORDER BY r.created_at, r.seq LIMIT 1)
        END);
    END LOOP;
    through_seq := stop - 1;
    records := CASE WHEN first_seq IS NULL OR through_seq < first_seq THEN 0 ELSE through_seq - first_seq + 1 END;
END
$$;

-- The only way a decision record is ever removed. Run in the tenant's transaction after the app has
-- written (and signed) a purge checkpoint naming the last record to go and its hash, which the
-- verifier then starts the chain from (lib/audit/verify.ts). It removes the tenant's records through
-- `through_seq` if the plan allows that many, and returns how many it removed. The append-only trigger
-- lets a row go only while this function's flag names the row's tenant and cut-off, and only if the
-- row is older than the cut-off and under no active hold (checked again, row by row). Their feedback
-- and search-index rows go with them (ON DELETE CASCADE); audit events and chat messages that name a
-- record keep its id.
CREATE FUNCTION lore_purge_decision_records(default_days INTEGER, through_seq INTEGER) RETURNS INTEGER
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    tenant UUID := lore_audit_tenant();
    plan RECORD := lore_purge_plan(default_days);
    boundary_hash TEXT;
    removed INTEGER;
BEGIN
    IF through_seq IS NULL OR through_seq > plan.through_seq THEN
        RAISE EXCEPTION 'records through #% may not be purged (the retention and legal holds allow #% at most)', through_seq, plan.through_seq
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT r.hash INTO boundary_hash FROM decision_records r WHERE r.tenant_id = tenant AND r.seq = through_seq;
    IF boundary_hash IS NULL OR NOT EXISTS (
        SELECT 1 FROM audit_checkpoints c WHERE c.tenant_id = tenant AND c.reason = 'purge' AND c.seq = through_seq AND c.hash = boundary_hash
    ) THEN
        RAISE EXCEPTION 'a purge through #% needs a purge checkpoint of that record first', through_seq USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('lore.purge', tenant::text || '|' || plan.cutoff::text, true);
    DELETE FROM decision_records r WHERE r.tenant_id = tenant AND r.seq <= through_seq;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('lore.purge', '', true);
    RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION lore_purge_decision_records(INTEGER, INTEGER) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lore_purge_decision_records(INTEGER, INTEGER), lore_purge_plan(INTEGER) TO lore_app;

-- The decision log's guard, now with the purge's one exception (UPDATE and TRUNCATE stay refused).
CREATE FUNCTION lore_decision_records_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    purge TEXT[] := string_to_array(nullif(current_setting('lore.purge', true), ''), '|');
BEGIN
    IF TG_OP = 'DELETE' AND purge IS NOT NULL AND OLD.tenant_id::text = purge[1]
       AND OLD.created_at < purge[2]::timestamptz AND NOT lore_record_held(OLD.tenant_id, OLD.user_id, OLD.created_at) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER decision_records_append_only ON "decision_records";
CREATE TRIGGER decision_records_append_only BEFORE UPDATE OR DELETE ON "decision_records"
    FOR EACH ROW EXECUTE FUNCTION lore_decision_records_guard();
