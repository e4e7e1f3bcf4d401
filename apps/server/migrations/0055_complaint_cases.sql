-- Issue 15: complaints and suggestions become cases with a workflow and deadlines that act (docs/complaints.md):
-- the record grows (kind, classification, cause, request, stage, handler, escalation, deadlines, OEM report),
-- with its event log (transfers, escalations, warnings, breaches, deadline edits), improvement items and photos.
CREATE TABLE "complaint_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"owner_id" uuid,
	"from_id" uuid,
	"to_id" uuid,
	"public" boolean DEFAULT false NOT NULL,
	"text" text,
	"details" text,
	"key" text,
	CONSTRAINT "complaint_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "complaint_improvements" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"what" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_improvements_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_improvements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "complaint_photos" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"complaint_id" uuid NOT NULL,
	"data_url" text NOT NULL,
	"staff_id" uuid,
	"owner_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_photos_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaint_photos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "complaint_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "kind" text DEFAULT 'complaint' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "classification" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "cause" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "customer_request" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "stage" text DEFAULT 'received' NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "handler_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "handler_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "escalation_level" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "escalated_to" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_contact_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "answer_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "follow_up_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "oem_report_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "oem_report_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "oem_report" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "evaluation_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "evaluated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "adopted" boolean;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "solution" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "completion_date" date;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "satisfied" boolean;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "reopen_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "closing_report" text;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_tenant_id_complaint_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_tenant_id_actor_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","actor_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_improvements" ADD CONSTRAINT "complaint_improvements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_improvements" ADD CONSTRAINT "complaint_improvements_tenant_id_complaint_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_improvements" ADD CONSTRAINT "complaint_improvements_tenant_id_owner_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_improvements" ADD CONSTRAINT "complaint_improvements_tenant_id_done_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","done_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_photos" ADD CONSTRAINT "complaint_photos_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_photos" ADD CONSTRAINT "complaint_photos_tenant_id_complaint_id_complaints_tenant_id_id_fk" FOREIGN KEY ("tenant_id","complaint_id") REFERENCES "public"."complaints"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_events_case_idx" ON "complaint_events" USING btree ("tenant_id","complaint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_events_key" ON "complaint_events" USING btree ("tenant_id","complaint_id","key");--> statement-breakpoint
CREATE INDEX "complaint_improvements_case_idx" ON "complaint_improvements" USING btree ("tenant_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_photos_case_idx" ON "complaint_photos" USING btree ("tenant_id","complaint_id");--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_tenant_id_handler_id_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","handler_id") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_tenant_id_escalated_to_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","escalated_to") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_open_idx" ON "complaints" USING btree ("tenant_id","status","received_at");--> statement-breakpoint
CREATE POLICY "complaint_events_tenant_isolation" ON "complaint_events" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "complaint_improvements_tenant_isolation" ON "complaint_improvements" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "complaint_photos_tenant_isolation" ON "complaint_photos" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Existing complaints migrate: closed ones are closed cases; open ones stand received, their deadlines counted
-- from receipt in plain hours (the sweep escalates those long past, as it does any other).
UPDATE "complaints" SET "stage" = 'closed' WHERE "status" = 'closed';--> statement-breakpoint
UPDATE "complaints" SET "first_contact_due" = "received_at" + interval '2 hours', "answer_due" = "received_at" + interval '1 day',
  "oem_report_due" = CASE WHEN "severity" = 'major' THEN "received_at" + interval '4 hours' ELSE NULL END
 WHERE "status" = 'open';
