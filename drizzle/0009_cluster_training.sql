ALTER TABLE "credentials" ADD COLUMN "allocation_id" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "app_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "clusters" ADD COLUMN "app_dir" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "credentials_allocation_id_index" ON "credentials" USING btree ("allocation_id");