ALTER TABLE "clean_verdicts" DROP CONSTRAINT "clean_verdicts_event_id_events_id_fk";
