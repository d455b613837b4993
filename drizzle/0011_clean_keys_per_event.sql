-- The duplicate index of each run (server/data/cleaning/keys.ts), one row per kept event instead of one per key: its
-- exact key and its LSH band keys as an int4 array in band order (the 32-bit keys read as signed). A run writes one
-- row where it wrote 22, and indexes its partition once, at its end, with a B-tree per band position. The old rows
-- (one per key) do not say which band a key was, so they are dropped: a "new events only" run indexes a live run
-- whose keys are missing before it starts, with a progress bar (server/data/cleaning/backfill-keys.ts).
DROP TABLE "clean_keys";--> statement-breakpoint
CREATE TABLE "clean_keys" (
	"run_id" text NOT NULL,
	"event_id" text NOT NULL,
	"ord" integer NOT NULL,
	"exact" bigint NOT NULL,
	"bands" integer[] NOT NULL
) PARTITION BY LIST ("run_id");
