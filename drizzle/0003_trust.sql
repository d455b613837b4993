CREATE TYPE "public"."ingest_status" AS ENUM('receiving', 'done', 'failed');--> statement-breakpoint
ALTER TYPE "public"."ingest_kind" ADD VALUE 'api';--> statement-breakpoint
ALTER TABLE "ingest_batches" ADD COLUMN "status" "ingest_status" DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE "ingest_batches" ADD COLUMN "finished_at" timestamp with time zone;