CREATE TYPE "public"."clean_status" AS ENUM('raw', 'kept', 'filtered');--> statement-breakpoint
CREATE TYPE "public"."event_source" AS ENUM('api', 'upload', 'environment', 'runtime', 'seed');--> statement-breakpoint
CREATE TYPE "public"."ingest_kind" AS ENUM('upload', 'cli');--> statement-breakpoint
CREATE TYPE "public"."assignment_status" AS ENUM('pending', 'rated', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."dataset_split" AS ENUM('train', 'validation');--> statement-breakpoint
CREATE TYPE "public"."dataset_status" AS ENUM('building', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."dataset_type" AS ENUM('sft');--> statement-breakpoint
CREATE TYPE "public"."allocation_status" AS ENUM('queued', 'granted', 'released', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."pool_type" AS ENUM('training', 'inference');--> statement-breakpoint
CREATE TYPE "public"."resource_type" AS ENUM('cpu', 'gpu');--> statement-breakpoint
CREATE TYPE "public"."case_matcher" AS ENUM('exact', 'numeric', 'regex', 'contains');--> statement-breakpoint
CREATE TYPE "public"."scenario_type" AS ENUM('math_calculator', 'qa_exact');--> statement-breakpoint
CREATE TYPE "public"."scenario_validation" AS ENUM('unvalidated', 'passed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."clean_field" AS ENUM('prompt', 'response');--> statement-breakpoint
CREATE TYPE "public"."clean_run_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."clean_scope" AS ENUM('raw', 'all');--> statement-breakpoint
CREATE TYPE "public"."redaction_review" AS ENUM('pending', 'approved', 'corrected');--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"client_id" text,
	"agent_id" text NOT NULL,
	"source" "event_source" NOT NULL,
	"prompt" text NOT NULL,
	"response" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"batch_id" text,
	"clean_status" "clean_status" DEFAULT 'raw' NOT NULL,
	"clean_prompt" text,
	"clean_response" text,
	"filter_reason" text,
	"duplicate_of" text,
	"clean_run_id" text
);
--> statement-breakpoint
CREATE TABLE "ingest_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"kind" "ingest_kind" NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"bytes" integer DEFAULT 0 NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"step" integer NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"train_loss" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"run_id" text,
	"job_id" text,
	"base" text NOT NULL,
	"dataset_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"allocation_id" text,
	"hyper_params" jsonb NOT NULL,
	"architecture" jsonb NOT NULL,
	"metrics" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"job_id" text NOT NULL,
	"name" text NOT NULL,
	"dataset_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"allocation_id" text,
	"base" text NOT NULL,
	"hyper_params" jsonb NOT NULL,
	"model_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annotation_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"queue_id" text NOT NULL,
	"item_id" text NOT NULL,
	"event_id" text NOT NULL,
	"user_id" text NOT NULL,
	"status" "assignment_status" DEFAULT 'pending' NOT NULL,
	"value" double precision,
	"comment" text,
	"duration_ms" integer,
	"rated_at" timestamp with time zone,
	"assigned_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annotation_items" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"queue_id" text NOT NULL,
	"event_id" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "annotation_queues" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"overlap" integer DEFAULT 1 NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"scale_points" integer DEFAULT 5 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_endpoints" (
	"project_id" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"api_key_sealed" text,
	"api_key_hint" text,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"queue_id" text NOT NULL,
	"item_id" text NOT NULL,
	"event_id" text NOT NULL,
	"value" double precision NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"model" text NOT NULL,
	"job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_examples" (
	"project_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"event_id" text NOT NULL,
	"split" "dataset_split" NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"response" text NOT NULL,
	"cleaned" boolean DEFAULT false NOT NULL,
	CONSTRAINT "dataset_examples_project_id_dataset_id_event_id_pk" PRIMARY KEY("project_id","dataset_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"type" "dataset_type" DEFAULT 'sft' NOT NULL,
	"status" "dataset_status" DEFAULT 'building' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"filter" jsonb NOT NULL,
	"seed" integer NOT NULL,
	"validation_fraction" double precision NOT NULL,
	"example_count" integer DEFAULT 0 NOT NULL,
	"train_count" integer DEFAULT 0 NOT NULL,
	"validation_count" integer DEFAULT 0 NOT NULL,
	"membership_hash" text,
	"clean_run_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stats" jsonb,
	"train_export_sha256" text,
	"validation_export_sha256" text,
	"job_id" text,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"built_at" timestamp with time zone,
	CONSTRAINT "datasets_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "allocations" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"seq" bigserial NOT NULL,
	"pool_type" "pool_type" NOT NULL,
	"resource_type" "resource_type" NOT NULL,
	"count" integer NOT NULL,
	"memory_mb" integer NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"status" "allocation_status" DEFAULT 'queued' NOT NULL,
	"job_id" text,
	"purpose" text DEFAULT '' NOT NULL,
	"requested_by" text,
	"machine_id" text,
	"machine_name" text,
	"end_reason" text,
	"restarted_from" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_at" timestamp with time zone,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compute_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"cpus" integer NOT NULL,
	"cpus_allocated" integer NOT NULL,
	"cpu_load" double precision NOT NULL,
	"memory_mb" integer NOT NULL,
	"memory_allocated_mb" integer NOT NULL,
	"memory_used_mb" integer NOT NULL,
	"gpus" integer NOT NULL,
	"gpus_allocated" integer NOT NULL,
	"by_pool" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environment_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"job_id" text NOT NULL,
	"policy" text NOT NULL,
	"policy_name" text,
	"seed" integer NOT NULL,
	"step_limit" integer NOT NULL,
	"case_count" integer NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "scenario_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"expected" text NOT NULL,
	"matcher" "case_matcher" NOT NULL,
	"tolerance" double precision,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenarios" (
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"type" "scenario_type" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tools" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"parent_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"validation_status" "scenario_validation" DEFAULT 'unvalidated' NOT NULL,
	"validation_report" jsonb,
	"validation_job_id" text,
	"validated_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"used_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scenarios_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
CREATE TABLE "trajectories" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"scenario_id" text NOT NULL,
	"case_id" text NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"expected" text NOT NULL,
	"matcher" "case_matcher" NOT NULL,
	"tolerance" double precision,
	"steps" jsonb NOT NULL,
	"final_answer" text,
	"passed" boolean NOT NULL,
	"explanation" text NOT NULL,
	"stop_reason" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clean_gold_labels" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"event_id" text NOT NULL,
	"field" "clean_field" NOT NULL,
	"text" text NOT NULL,
	"entities" jsonb NOT NULL,
	"verdict" "redaction_review" NOT NULL,
	"run_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clean_redactions" (
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"event_id" text NOT NULL,
	"field" "clean_field" NOT NULL,
	"before" text NOT NULL,
	"after" text NOT NULL,
	"entities" jsonb NOT NULL,
	"review" "redaction_review" DEFAULT 'pending' NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "clean_redactions_run_id_event_id_field_pk" PRIMARY KEY("run_id","event_id","field")
);
--> statement-breakpoint
CREATE TABLE "clean_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"job_id" text,
	"scope" "clean_scope" NOT NULL,
	"config" jsonb NOT NULL,
	"status" "clean_run_status" DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"kept" integer DEFAULT 0 NOT NULL,
	"filtered" integer DEFAULT 0 NOT NULL,
	"redacted" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_batches" ADD CONSTRAINT "ingest_batches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_run_id_training_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."training_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_run_id_training_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."training_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_assignments" ADD CONSTRAINT "annotation_assignments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_assignments" ADD CONSTRAINT "annotation_assignments_queue_id_annotation_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."annotation_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_assignments" ADD CONSTRAINT "annotation_assignments_item_id_annotation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."annotation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_assignments" ADD CONSTRAINT "annotation_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_queue_id_annotation_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."annotation_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_queues" ADD CONSTRAINT "annotation_queues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annotation_queues" ADD CONSTRAINT "annotation_queues_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_endpoints" ADD CONSTRAINT "judge_endpoints_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_ratings" ADD CONSTRAINT "judge_ratings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_ratings" ADD CONSTRAINT "judge_ratings_queue_id_annotation_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."annotation_queues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_ratings" ADD CONSTRAINT "judge_ratings_item_id_annotation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."annotation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_examples" ADD CONSTRAINT "dataset_examples_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocations" ADD CONSTRAINT "allocations_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compute_samples" ADD CONSTRAINT "compute_samples_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_runs" ADD CONSTRAINT "environment_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_runs" ADD CONSTRAINT "environment_runs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_runs" ADD CONSTRAINT "environment_runs_project_id_scenario_id_scenarios_project_id_id_fk" FOREIGN KEY ("project_id","scenario_id") REFERENCES "public"."scenarios"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_cases" ADD CONSTRAINT "scenario_cases_project_id_scenario_id_scenarios_project_id_id_fk" FOREIGN KEY ("project_id","scenario_id") REFERENCES "public"."scenarios"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_run_id_environment_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."environment_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_gold_labels" ADD CONSTRAINT "clean_gold_labels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_gold_labels" ADD CONSTRAINT "clean_gold_labels_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_redactions" ADD CONSTRAINT "clean_redactions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_redactions" ADD CONSTRAINT "clean_redactions_run_id_clean_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."clean_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_redactions" ADD CONSTRAINT "clean_redactions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clean_runs" ADD CONSTRAINT "clean_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_client_id_idx" ON "events" USING btree ("project_id","client_id") WHERE client_id is not null;--> statement-breakpoint
CREATE INDEX "events_project_time_idx" ON "events" USING btree ("project_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "events_project_agent_idx" ON "events" USING btree ("project_id","agent_id");--> statement-breakpoint
CREATE INDEX "events_project_status_idx" ON "events" USING btree ("project_id","clean_status");--> statement-breakpoint
CREATE INDEX "events_prompt_trgm_idx" ON "events" USING gin ("prompt" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "events_response_trgm_idx" ON "events" USING gin ("response" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ingest_batches_project_id_created_at_index" ON "ingest_batches" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "checkpoints_run_id_step_index" ON "checkpoints" USING btree ("run_id","step" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_project_id_created_at_index" ON "models" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "training_runs_project_id_created_at_index" ON "training_runs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "training_runs_job_id_index" ON "training_runs" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "annotation_assignments_item_user_idx" ON "annotation_assignments" USING btree ("item_id","user_id");--> statement-breakpoint
CREATE INDEX "annotation_assignments_rater_idx" ON "annotation_assignments" USING btree ("user_id","queue_id","status");--> statement-breakpoint
CREATE INDEX "annotation_assignments_queue_idx" ON "annotation_assignments" USING btree ("queue_id","status");--> statement-breakpoint
CREATE INDEX "annotation_assignments_event_idx" ON "annotation_assignments" USING btree ("event_id") WHERE status = 'rated';--> statement-breakpoint
CREATE UNIQUE INDEX "annotation_items_event_idx" ON "annotation_items" USING btree ("queue_id","event_id");--> statement-breakpoint
CREATE INDEX "annotation_items_queue_id_position_index" ON "annotation_items" USING btree ("queue_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "annotation_queues_name_idx" ON "annotation_queues" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "annotation_queues_project_id_created_at_index" ON "annotation_queues" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "judge_ratings_item_idx" ON "judge_ratings" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "judge_ratings_queue_id_index" ON "judge_ratings" USING btree ("queue_id");--> statement-breakpoint
CREATE INDEX "dataset_examples_order_idx" ON "dataset_examples" USING btree ("project_id","dataset_id","split","position");--> statement-breakpoint
CREATE INDEX "dataset_examples_event_id_index" ON "dataset_examples" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_name_version_idx" ON "datasets" USING btree ("project_id","name","version");--> statement-breakpoint
CREATE INDEX "datasets_project_id_created_at_index" ON "datasets" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "allocations_active_idx" ON "allocations" USING btree ("status","priority" DESC NULLS LAST,"seq") WHERE status in ('queued', 'granted');--> statement-breakpoint
CREATE INDEX "allocations_project_id_created_at_index" ON "allocations" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "allocations_job_idx" ON "allocations" USING btree ("job_id") WHERE job_id is not null and status in ('queued', 'granted');--> statement-breakpoint
CREATE INDEX "compute_samples_project_id_at_index" ON "compute_samples" USING btree ("project_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "environment_runs_project_id_scenario_id_created_at_index" ON "environment_runs" USING btree ("project_id","scenario_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "environment_runs_project_id_created_at_index" ON "environment_runs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scenario_cases_order_idx" ON "scenario_cases" USING btree ("project_id","scenario_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "scenarios_name_version_idx" ON "scenarios" USING btree ("project_id","name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_run_case_idx" ON "trajectories" USING btree ("run_id","case_id");--> statement-breakpoint
CREATE INDEX "trajectories_run_order_idx" ON "trajectories" USING btree ("run_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "clean_gold_labels_event_idx" ON "clean_gold_labels" USING btree ("project_id","event_id","field");--> statement-breakpoint
CREATE INDEX "clean_gold_labels_project_id_created_at_index" ON "clean_gold_labels" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clean_redactions_project_id_run_id_review_index" ON "clean_redactions" USING btree ("project_id","run_id","review");--> statement-breakpoint
CREATE INDEX "clean_runs_project_id_created_at_index" ON "clean_runs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "clean_runs_active_idx" ON "clean_runs" USING btree ("project_id") WHERE status in ('queued', 'running');--> statement-breakpoint
CREATE VIEW "public"."event_ratings" AS (select event_id, project_id, avg(value) as mean_rating, count(*)::int as n from annotation_assignments where status = 'rated' group by event_id, project_id);