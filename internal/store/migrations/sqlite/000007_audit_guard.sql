-- A chain head only moves forward: its row number must grow with every
-- update (so the newest rows of a chain cannot be removed and the head
-- moved back to the last row left), and heads are never removed. Whoever
-- holds the database file can drop these triggers; the keyed hashes and
-- the anchors outside the database show what they did
-- (internal/store/auditverify.go, internal/anchor).
CREATE TRIGGER audit_heads_forward BEFORE UPDATE ON audit_heads
	WHEN NEW.chain <> OLD.chain OR NEW.seq <= OLD.seq
BEGIN
	SELECT RAISE(ABORT, 'an audit chain head only moves forward');
END;
CREATE TRIGGER audit_heads_no_delete BEFORE DELETE ON audit_heads
BEGIN
	SELECT RAISE(ABORT, 'audit chain heads cannot be removed');
END;
