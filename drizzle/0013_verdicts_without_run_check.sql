ALTER TABLE "clean_verdicts" DROP CONSTRAINT "clean_verdicts_run_id_clean_runs_id_fk";
--> statement-breakpoint
-- The cascade the foreign key gave, without its check on every inserted verdict: a deleted run (its project
-- deleted) takes its verdicts with it.
CREATE OR REPLACE FUNCTION clean_runs_delete_verdicts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM clean_verdicts v USING old_runs o WHERE v.run_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clean_runs_delete_verdicts AFTER DELETE ON clean_runs
  REFERENCING OLD TABLE AS old_runs FOR EACH STATEMENT EXECUTE FUNCTION clean_runs_delete_verdicts();
