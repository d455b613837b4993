CREATE TYPE "public"."deployment_status" AS ENUM('starting', 'live', 'stopped', 'failed');--> statement-breakpoint
CREATE TABLE "deployment_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"deployment_id" text NOT NULL,
	"status" integer NOT NULL,
	"latency_ms" double precision NOT NULL,
	"stream" integer DEFAULT 0 NOT NULL,
	"event_id" text,
	"prompt" text DEFAULT '' NOT NULL,
	"answer" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"model_id" text NOT NULL,
	"template_id" text NOT NULL,
	"config" jsonb NOT NULL,
	"status" "deployment_status" DEFAULT 'starting' NOT NULL,
	"evaluation_run_id" text,
	"traffic_percent" integer DEFAULT 100 NOT NULL,
	"status_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "runtime_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tools" jsonb NOT NULL,
	"system_prompt" text DEFAULT '' NOT NULL,
	"step_limit" integer NOT NULL,
	"request_timeout_ms" integer NOT NULL,
	"memory_limit_mb" integer NOT NULL,
	"pool_min" integer NOT NULL,
	"pool_max" integer NOT NULL,
	"health_interval_ms" integer NOT NULL,
	"health_probe" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD CONSTRAINT "deployment_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_requests" ADD CONSTRAINT "deployment_requests_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime_templates" ADD CONSTRAINT "runtime_templates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_requests_deployment_id_created_at_index" ON "deployment_requests" USING btree ("deployment_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_name_version_idx" ON "deployments" USING btree ("project_id","name","version");--> statement-breakpoint
CREATE INDEX "deployments_project_id_status_index" ON "deployments" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "deployments_project_id_created_at_index" ON "deployments" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "runtime_templates_name_idx" ON "runtime_templates" USING btree ("project_id","name");