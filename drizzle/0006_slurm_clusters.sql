CREATE TYPE "public"."cluster_credential" AS ENUM('token', 'jwt_key');--> statement-breakpoint
CREATE TYPE "public"."pool_backend" AS ENUM('slurm');--> statement-breakpoint
ALTER TYPE "public"."allocation_status" ADD VALUE 'failed';--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"backend" "pool_backend" DEFAULT 'slurm' NOT NULL,
	"url" text NOT NULL,
	"user_name" text NOT NULL,
	"credential_kind" "cluster_credential" NOT NULL,
	"credential_sealed" text,
	"credential_hint" text,
	"default_partition" text DEFAULT '' NOT NULL,
	"work_dir" text DEFAULT '' NOT NULL,
	"last_ok_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_pools" jsonb,
	"last_reconciled_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "cluster_id" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "partition" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "cpus" integer;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "time_limit_minutes" integer;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "external_job_id" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "external_state" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "external_reason" text;--> statement-breakpoint
ALTER TABLE "allocations" ADD COLUMN "gpu_indices" jsonb;--> statement-breakpoint
ALTER TABLE "compute_samples" ADD COLUMN "cluster_cpus" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compute_samples" ADD COLUMN "cluster_cpus_allocated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compute_samples" ADD COLUMN "cluster_gpus" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compute_samples" ADD COLUMN "cluster_gpus_allocated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clusters_name_idx" ON "clusters" USING btree ("project_id","name");--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocations_cluster_idx" ON "allocations" USING btree ("cluster_id") WHERE cluster_id is not null and status in ('queued', 'granted');