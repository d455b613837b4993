DROP VIEW "public"."live_verdicts";--> statement-breakpoint
DROP VIEW "public"."event_ratings";--> statement-breakpoint
-- Verdicts carry their event's time (events are never updated), so a status filter is a range of one index.
ALTER TABLE "clean_verdicts" ADD COLUMN "occurred_at" timestamp with time zone;--> statement-breakpoint
DELETE FROM "clean_verdicts" v WHERE NOT EXISTS (SELECT 1 FROM "events" e WHERE e.id = v.event_id);--> statement-breakpoint
UPDATE "clean_verdicts" v SET "occurred_at" = e.occurred_at FROM "events" e WHERE e.id = v.event_id;--> statement-breakpoint
ALTER TABLE "clean_verdicts" ALTER COLUMN "occurred_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "clean_verdicts_status_time_idx" ON "clean_verdicts" USING btree ("project_id","status","occurred_at","event_id");--> statement-breakpoint
CREATE VIEW "public"."live_verdicts" AS (select v.event_id, v.run_id, v.project_id, v.status, v.clean_prompt, v.clean_response, v.filter_reason, v.duplicate_of, (v.status = 'kept' or v.filter_reason in ('exact_duplicate', 'near_duplicate')) as has_text, v.occurred_at from clean_verdicts v join clean_runs r on r.id = v.run_id and r.live);--> statement-breakpoint
-- The mean rating per event as a table the triggers below keep, in place of a view that aggregated on every read.
CREATE TABLE "event_ratings" (
	"event_id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"mean_rating" double precision NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_ratings" ADD CONSTRAINT "event_ratings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_ratings" ADD CONSTRAINT "event_ratings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_ratings_time_idx" ON "event_ratings" USING btree ("project_id","occurred_at","event_id");--> statement-breakpoint
CREATE INDEX "event_ratings_mean_idx" ON "event_ratings" USING btree ("project_id","mean_rating");--> statement-breakpoint
-- Rewritten on every rating, like the assignments it follows: the same thresholds (see 0008).
ALTER TABLE "event_ratings" SET (autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_scale_factor = 0.05);--> statement-breakpoint
-- Recomputed from the ratings themselves (never incremented), so a float sum can't drift a 0.75 to 0.7499….
-- Advisory locks serialise two raters of the same event: each recomputes after the other commits (a fresh snapshot
-- per statement under READ COMMITTED), so neither overwrites the other's mean. Events share 64 locks (class 8161),
-- taken in one order, so a bulk statement rating thousands of events holds 64 locks, not one per event.
CREATE OR REPLACE FUNCTION event_ratings_refresh(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(8161, b) FROM (SELECT DISTINCT (hashtext(id) & 63) AS b FROM unnest(ids) id ORDER BY 1) s;
  DELETE FROM event_ratings r WHERE r.event_id = ANY(ids)
    AND NOT EXISTS (SELECT 1 FROM annotation_assignments a WHERE a.event_id = r.event_id AND a.status = 'rated');
  INSERT INTO event_ratings (event_id, project_id, agent_id, occurred_at, mean_rating, n)
    SELECT e.id, e.project_id, e.agent_id, e.occurred_at, avg(a.value), count(*)::int
    FROM annotation_assignments a JOIN events e ON e.id = a.event_id
    WHERE a.event_id = ANY(ids) AND a.status = 'rated'
    GROUP BY e.id
    ON CONFLICT (event_id) DO UPDATE SET mean_rating = excluded.mean_rating, n = excluded.n
    WHERE (event_ratings.mean_rating, event_ratings.n) IS DISTINCT FROM (excluded.mean_rating, excluded.n);
END $$;
--> statement-breakpoint
-- Inserted or deleted rows: both triggers name their transition table changed_rows, so one function serves both.
CREATE OR REPLACE FUNCTION event_ratings_after_insert_or_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM event_ratings_refresh(array(SELECT event_id FROM changed_rows WHERE status = 'rated'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_ratings_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM event_ratings_refresh(array(
    SELECT n.event_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.status = 'rated' OR o.status = 'rated') AND (n.status, n.value, n.event_id) IS DISTINCT FROM (o.status, o.value, o.event_id)
    UNION SELECT o.event_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.status = 'rated' AND o.event_id <> n.event_id));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_ratings_after_insert AFTER INSERT ON annotation_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION event_ratings_after_insert_or_delete();--> statement-breakpoint
CREATE TRIGGER event_ratings_after_update AFTER UPDATE ON annotation_assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_ratings_after_update();--> statement-breakpoint
CREATE TRIGGER event_ratings_after_delete AFTER DELETE ON annotation_assignments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION event_ratings_after_insert_or_delete();--> statement-breakpoint
SELECT event_ratings_refresh(array(SELECT DISTINCT event_id FROM annotation_assignments WHERE status = 'rated'));
