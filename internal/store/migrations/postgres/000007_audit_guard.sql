-- The access log cannot be emptied or wound back by the application's own
-- role (see README, "PostgreSQL roles": the running application connects
-- as a role that only SELECTs and INSERTs audit rows and owns nothing).
-- These triggers guard the owner's mistakes as well; the owner can still
-- drop them, which the keyed hashes and the anchors outside the database
-- show (internal/store/auditverify.go, internal/anchor).

-- TRUNCATE skips row triggers: refuse it with a statement trigger.
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
	FOR EACH STATEMENT EXECUTE FUNCTION audit_immutable();

-- A chain head only moves forward: its row number must grow with every
-- update (so the newest rows of a chain cannot be removed and the head
-- moved back to the last row left), and heads are never removed.
CREATE FUNCTION audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'audit chain heads cannot be removed';
	END IF;
	IF NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq THEN
		RAISE EXCEPTION 'an audit chain head only moves forward (chain %: % to %)', OLD.chain, OLD.seq, NEW.seq;
	END IF;
	RETURN NEW;
END;
$$;
CREATE TRIGGER audit_heads_forward BEFORE UPDATE OR DELETE ON audit_heads
	FOR EACH ROW EXECUTE FUNCTION audit_head_forward();
CREATE TRIGGER audit_heads_no_truncate BEFORE TRUNCATE ON audit_heads
	FOR EACH STATEMENT EXECUTE FUNCTION audit_immutable();
COMMENT ON TABLE audit_heads IS 'Newest row of each audit hash chain; only moves forward (trigger audit_heads_forward). Anchored outside the database by regie.';
