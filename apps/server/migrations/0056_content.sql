-- 轮生活 and 用车知识 (issue 17, docs/feed.md): the feed's posts, reads and likes, the knowledge base.
CREATE TABLE "feed_likes" (
	"tenant_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "feed_likes_tenant_id_post_id_owner_id_pk" PRIMARY KEY("tenant_id","post_id","owner_id")
);
--> statement-breakpoint
ALTER TABLE "feed_likes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "feed_posts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"cover" text,
	"target_store_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"target_tiers" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_segments" text[] DEFAULT '{}'::text[] NOT NULL,
	"publish_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"withdrawn" boolean DEFAULT false NOT NULL,
	"reads" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"pushed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "feed_posts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "feed_posts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "feed_reads" (
	"tenant_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "feed_reads_tenant_id_post_id_owner_id_pk" PRIMARY KEY("tenant_id","post_id","owner_id")
);
--> statement-breakpoint
ALTER TABLE "feed_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"shipped_key" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kb_articles_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "kb_articles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "feed_likes" ADD CONSTRAINT "feed_likes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_likes" ADD CONSTRAINT "feed_likes_tenant_id_post_id_feed_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."feed_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_likes" ADD CONSTRAINT "feed_likes_tenant_id_owner_id_owners_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."owners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_posts" ADD CONSTRAINT "feed_posts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_posts" ADD CONSTRAINT "feed_posts_tenant_id_store_id_stores_tenant_id_id_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_posts" ADD CONSTRAINT "feed_posts_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_reads" ADD CONSTRAINT "feed_reads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_reads" ADD CONSTRAINT "feed_reads_tenant_id_post_id_feed_posts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","post_id") REFERENCES "public"."feed_posts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_reads" ADD CONSTRAINT "feed_reads_tenant_id_owner_id_owners_tenant_id_id_fk" FOREIGN KEY ("tenant_id","owner_id") REFERENCES "public"."owners"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_tenant_id_updated_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feed_likes_owner_idx" ON "feed_likes" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE INDEX "feed_posts_live_idx" ON "feed_posts" USING btree ("tenant_id","publish_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE NOT withdrawn AND publish_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "feed_posts_updated_idx" ON "feed_posts" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "feed_reads_owner_idx" ON "feed_reads" USING btree ("tenant_id","owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_shipped_key" ON "kb_articles" USING btree ("tenant_id","shipped_key");--> statement-breakpoint
CREATE INDEX "kb_articles_updated_idx" ON "kb_articles" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE POLICY "feed_likes_tenant_isolation" ON "feed_likes" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "feed_posts_tenant_isolation" ON "feed_posts" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "feed_reads_tenant_isolation" ON "feed_reads" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "kb_articles_tenant_isolation" ON "kb_articles" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
