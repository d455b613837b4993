CREATE TYPE "public"."eval_case_kind" AS ENUM('task', 'adversarial');--> statement-breakpoint
CREATE TYPE "public"."eval_verdict" AS ENUM('pass', 'fail');--> statement-breakpoint
CREATE TYPE "public"."taskset_difficulty" AS ENUM('easy', 'medium', 'hard');--> statement-breakpoint
ALTER TYPE "public"."event_source" ADD VALUE 'evaluation';--> statement-breakpoint
CREATE TABLE "model_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"api_key_sealed" text,
	"api_key_hint" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"output_id" text NOT NULL,
	"case_id" text NOT NULL,
	"kind" "eval_case_kind" NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"messages" jsonb,
	"expected" text NOT NULL,
	"checks" jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"difficulty" text,
	"attack" jsonb,
	"steps" jsonb NOT NULL,
	"final_answer" text,
	"stop_reason" text NOT NULL,
	"passed" boolean NOT NULL,
	"explanation" text NOT NULL,
	"latency_ms" double precision NOT NULL,
	"judge_score" double precision,
	"judge_reason" text,
	"safety" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_policies" (
	"project_id" text NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_policies_project_id_version_pk" PRIMARY KEY("project_id","version")
);
--> statement-breakpoint
CREATE TABLE "evaluation_ratings" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"output_id" text NOT NULL,
	"run_id" text NOT NULL,
	"user_id" text NOT NULL,
	"value" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"job_id" text NOT NULL,
	"taskset_id" text NOT NULL,
	"subject" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_label" text DEFAULT '' NOT NULL,
	"model_id" text,
	"rescore_of" text,
	"policy_version" integer,
	"policy" jsonb NOT NULL,
	"step_limit" integer NOT NULL,
	"seed" integer NOT NULL,
	"adversarial_count" integer NOT NULL,
	"case_count" integer NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"passed" integer DEFAULT 0 NOT NULL,
	"judge" jsonb,
	"scores" jsonb,
	"verdict" "eval_verdict",
	"gate" jsonb,
	"sent_back_dataset_id" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "taskset_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"taskset_id" text NOT NULL,
	"position" integer NOT NULL,
	"prompt" text NOT NULL,
	"messages" jsonb,
	"expected" text NOT NULL,
	"checks" jsonb NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"difficulty" "taskset_difficulty",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasksets" (
	"id" text NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"difficulty" "taskset_difficulty" DEFAULT 'medium' NOT NULL,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tools" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scenario_id" text,
	"source" jsonb NOT NULL,
	"judge_prompt" text,
	"parent_id" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasksets_project_id_id_pk" PRIMARY KEY("project_id","id")
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "sent_back_by" text;--> statement-breakpoint
ALTER TABLE "training_runs" ADD COLUMN "sent_back_by" text;--> statement-breakpoint
ALTER TABLE "model_endpoints" ADD CONSTRAINT "model_endpoints_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_cases" ADD CONSTRAINT "evaluation_cases_run_id_evaluation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."evaluation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_policies" ADD CONSTRAINT "evaluation_policies_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_ratings" ADD CONSTRAINT "evaluation_ratings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taskset_cases" ADD CONSTRAINT "taskset_cases_project_id_taskset_id_tasksets_project_id_id_fk" FOREIGN KEY ("project_id","taskset_id") REFERENCES "public"."tasksets"("project_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasksets" ADD CONSTRAINT "tasksets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "model_endpoints_name_idx" ON "model_endpoints" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "model_endpoints_project_id_created_at_index" ON "model_endpoints" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_cases_run_case_idx" ON "evaluation_cases" USING btree ("run_id","case_id");--> statement-breakpoint
CREATE INDEX "evaluation_cases_run_order_idx" ON "evaluation_cases" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "evaluation_cases_project_id_output_id_index" ON "evaluation_cases" USING btree ("project_id","output_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_ratings_output_user_idx" ON "evaluation_ratings" USING btree ("output_id","user_id");--> statement-breakpoint
CREATE INDEX "evaluation_ratings_project_id_index" ON "evaluation_ratings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_project_id_created_at_index" ON "evaluation_runs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evaluation_runs_project_id_model_id_created_at_index" ON "evaluation_runs" USING btree ("project_id","model_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "evaluation_runs_project_id_taskset_id_index" ON "evaluation_runs" USING btree ("project_id","taskset_id");--> statement-breakpoint
CREATE INDEX "evaluation_runs_job_id_index" ON "evaluation_runs" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "taskset_cases_order_idx" ON "taskset_cases" USING btree ("project_id","taskset_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "tasksets_name_version_idx" ON "tasksets" USING btree ("project_id","name","version");