-- The audit log's id and time are the database's, whoever inserts (issue 16 review M2): the app's
-- role may INSERT, but an entry with an id of its own choosing (a forged, backdated entry, or one
-- ahead of the sequence that makes the next real entries fail on the key) is refused, and the
-- time is always the transaction's, whatever the insert says. An id that came from the column's
-- default is the sequence's current value in this session; any other is not. The table's owner
-- (migrations, an administrator restoring a backup, test fixtures) is exempt: it could drop the
-- trigger anyway.
CREATE FUNCTION "audit_entry_insert_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  issued bigint;
BEGIN
  IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
    RETURN NEW;
  END IF;
  BEGIN
    issued := currval(pg_get_serial_sequence('"AuditEntry"', 'id'));
  EXCEPTION WHEN object_not_in_prerequisite_state THEN
    issued := NULL;
  END;
  IF issued IS NULL OR NEW."id" <> issued THEN
    RAISE EXCEPTION 'The audit log numbers its entries itself: an entry cannot choose its id'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW."createdAt" := now() AT TIME ZONE 'UTC';
  RETURN NEW;
END
$$;

CREATE TRIGGER "AuditEntry_insert_guard"
  BEFORE INSERT ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "audit_entry_insert_guard"();
