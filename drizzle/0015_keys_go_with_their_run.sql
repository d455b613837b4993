-- A deleted run (its project deleted) takes its duplicate keys with it, as it takes its verdicts: its partition of
-- clean_keys (or its unattached table, from a run that never finished) is dropped. Before this, a deleted project's
-- key tables stayed behind for good, a million-event run's 700 MB among them.
CREATE OR REPLACE FUNCTION clean_runs_delete_verdicts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  DELETE FROM clean_verdicts v USING old_runs o WHERE v.run_id = o.id;
  FOR r IN SELECT o.id FROM old_runs o WHERE to_regclass(quote_ident('clean_keys_' || o.id)) IS NOT NULL LOOP
    EXECUTE format('DROP TABLE %I', 'clean_keys_' || r.id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The ones already left behind: key tables of runs that no longer exist.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
    WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname LIKE 'clean\_keys\_%'
      AND NOT EXISTS (SELECT 1 FROM clean_runs r WHERE 'clean_keys_' || r.id = c.relname)
  LOOP
    EXECUTE format('DROP TABLE %I', t.relname);
  END LOOP;
END $$;
