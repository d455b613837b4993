ALTER TABLE "clean_redactions" DROP CONSTRAINT "clean_redactions_event_id_events_id_fk";
--> statement-breakpoint
ALTER TABLE "clean_verdicts" DROP CONSTRAINT "clean_verdicts_event_id_events_id_fk";
