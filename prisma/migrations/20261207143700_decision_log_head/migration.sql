-- The decision log's lock and its chain head, in one statement: what an append (and a checkpoint)
-- did in two round trips, an advisory lock and then a read of the newest record.
--
-- The read has to happen after the lock is held, with a snapshot taken then: in READ COMMITTED a
-- statement sees what was committed when it began, so a read in the same statement as the lock (a
-- CTE, a subquery) would see the head from before it waited, miss the record the previous holder
-- committed meanwhile and chain a second record to the same predecessor. A VOLATILE function takes a
-- fresh snapshot for each statement in it, so its read, after the lock, sees the previous holder's
-- record. The lock's key is made in one place, lore_lock_decision_log, which the head function and
-- the log's other writers (purges) take.
CREATE FUNCTION lore_lock_decision_log(tenant UUID) RETURNS VOID
LANGUAGE sql VOLATILE AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('decisions:' || tenant::text, 0));
$$;

-- The record the next one chains to, with the log locked until the transaction ends: the newest
-- record, or, when a purge removed every record, the last one removed as its purge checkpoint states
-- it (so the chain goes on where it was). No row: the log is empty.
CREATE FUNCTION lore_lock_decision_log_head(tenant UUID) RETURNS TABLE (seq INTEGER, hash TEXT, created_at TIMESTAMPTZ)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
    PERFORM lore_lock_decision_log(tenant);
    RETURN QUERY SELECT r.seq, r.hash, r.created_at::timestamptz FROM decision_records r WHERE r.tenant_id = tenant ORDER BY r.seq DESC LIMIT 1;
    IF NOT FOUND THEN
        RETURN QUERY SELECT c.seq, c.hash, c.created_at::timestamptz FROM audit_checkpoints c
            WHERE c.tenant_id = tenant AND c.reason = 'purge' ORDER BY c.seq DESC LIMIT 1;
    END IF;
END
$$;

GRANT EXECUTE ON FUNCTION lore_lock_decision_log(UUID), lore_lock_decision_log_head(UUID) TO lore_app;
