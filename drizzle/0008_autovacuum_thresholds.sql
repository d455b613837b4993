-- Tables that grow in bulk keep their planner statistics fresh on a server whose autovacuum runs with the defaults
-- (which re-analyze only after 10% of a table changed and vacuum after 20%): at a million events, an agent filter
-- or a word search planned on stale statistics took 1–4 s instead of 11–135 ms (issue 16). These are per-table
-- storage parameters, so they apply whatever the server's own settings are; the app also analyzes after its own
-- bulk writes (server/data/stats-refresh.ts) for servers that run with autovacuum off.
ALTER TABLE "events" SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "dataset_examples" SET (autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_insert_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "annotation_items" SET (autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "annotation_assignments" SET (autovacuum_analyze_scale_factor = 0.05, autovacuum_vacuum_scale_factor = 0.05);
