CREATE TABLE "clean_verdicts" (
	"event_id" text NOT NULL,
	"run_id" text NOT NULL,
	"project_id" text NOT NULL,
	"status" "clean_status" NOT NULL,
	"clean_prompt" text,
	"clean_response" text,
	"filter_reason" text,
	"duplicate_of" text,
	CONSTRAINT "clean_verdicts_event_id_run_id_pk" PRIMARY KEY("event_id","run_id")
);
--> statement-breakpoint
DROP INDEX "events_project_status_idx";--> statement-breakpoint
ALTER TABLE "clean_runs" ADD COLUMN "live" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "clean_verdicts" ADD CONSTRAINT "clean_verdicts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_verdicts" ADD CONSTRAINT "clean_verdicts_run_id_clean_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."clean_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clean_verdicts_run_id_index" ON "clean_verdicts" USING btree ("run_id");--> statement-breakpoint
-- Verdicts written on the events before this migration move over under the run that wrote them; those runs become
-- the live ones. Clean text equal to the raw text is stored as NULL (readers coalesce).
INSERT INTO "clean_verdicts" ("event_id", "run_id", "project_id", "status", "clean_prompt", "clean_response", "filter_reason", "duplicate_of")
SELECT e."id", e."clean_run_id", e."project_id", e."clean_status",
  CASE WHEN e."clean_prompt" IS DISTINCT FROM e."prompt" THEN e."clean_prompt" END,
  CASE WHEN e."clean_response" IS DISTINCT FROM e."response" THEN e."clean_response" END,
  e."filter_reason", e."duplicate_of"
FROM "events" e JOIN "clean_runs" r ON r."id" = e."clean_run_id" AND r."project_id" = e."project_id"
WHERE e."clean_status" <> 'raw';--> statement-breakpoint
UPDATE "clean_runs" SET "live" = true WHERE "id" IN (SELECT DISTINCT "run_id" FROM "clean_verdicts");--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "clean_status";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "clean_prompt";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "clean_response";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "filter_reason";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "duplicate_of";--> statement-breakpoint
ALTER TABLE "events" DROP COLUMN "clean_run_id";--> statement-breakpoint
CREATE VIEW "public"."live_verdicts" AS (select v.event_id, v.run_id, v.project_id, v.status, v.clean_prompt, v.clean_response, v.filter_reason, v.duplicate_of, (v.status = 'kept' or v.filter_reason in ('exact_duplicate', 'near_duplicate')) as has_text from clean_verdicts v join clean_runs r on r.id = v.run_id and r.live);--> statement-breakpoint
-- The duplicate index of each run (server/data/cleaning/keys.ts): for every kept event its exact key (past 2^32) and
-- its LSH band keys (below 2^32). One partition per run, created when the run starts and dropped whole when nothing
-- reads it (a cancelled, failed or superseded run): no batched deletes, no dead rows left for vacuum. Indexed on
-- (key, ord): a probe reads at most the newest MAX_CANDIDATES entries of a key in each run, whatever a bucket holds.
CREATE TABLE "clean_keys" (
	"run_id" text NOT NULL,
	"key" bigint NOT NULL,
	"event_id" text NOT NULL,
	"ord" integer NOT NULL
) PARTITION BY LIST ("run_id");--> statement-breakpoint
CREATE INDEX "clean_keys_key_ord_idx" ON "clean_keys" USING btree ("key", "ord");
--> statement-breakpoint
-- A cleaning run writes a verdict per event in bulk: the same fresh-statistics thresholds as events (0008).
ALTER TABLE "clean_verdicts" SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05);
