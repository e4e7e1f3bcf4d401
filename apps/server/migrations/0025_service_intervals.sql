-- Service intervals as data and the work a repair order line did (issue 11 points 1 and 3).
--
-- service_intervals: a tenant's maintenance intervals per brand, and per series (车系) where one differs
-- from its brand. The first maintenance counts from the purchase; later ones from the last maintenance
-- work. A car with no row uses the platform defaults (garage/next-service.ts: 3 months / 5,000 km first,
-- 6 months / 5,000 km later).
CREATE TABLE "service_intervals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"brand_id" text NOT NULL,
	"series_id" text,
	"first_months" integer NOT NULL,
	"first_km" integer NOT NULL,
	"later_months" integer NOT NULL,
	"later_km" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_intervals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_intervals_months_check" CHECK ("first_months" BETWEEN 1 AND 36 AND "later_months" BETWEEN 1 AND 36),
	CONSTRAINT "service_intervals_km_check" CHECK ("first_km" BETWEEN 500 AND 50000 AND "later_km" BETWEEN 500 AND 50000)
);
--> statement-breakpoint
ALTER TABLE "service_intervals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_intervals" ADD CONSTRAINT "service_intervals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_intervals" ADD CONSTRAINT "service_intervals_brand_id_car_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."car_brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_intervals" ADD CONSTRAINT "service_intervals_series_id_car_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."car_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_intervals" ADD CONSTRAINT "service_intervals_tenant_id_updated_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","updated_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_intervals_brand_series_key" ON "service_intervals" USING btree ("tenant_id","brand_id",COALESCE("series_id", ''));--> statement-breakpoint
CREATE POLICY "service_intervals_tenant_isolation" ON "service_intervals" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The one classifier of a line's work, from its description (first match wins): maintenance (保养 and
-- its consumables), accessory (精品, 加装), inspection (检测, 年检), repair (维修, 更换, wear parts),
-- else other. An explicit kind given by staff, the API or an import wins (the trigger fills NULL only).
CREATE OR REPLACE FUNCTION app_work_kind(description text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN description ~ '(保养|首保|机油|机滤|机油滤|空滤|空气滤|空调滤|燃油滤|汽油滤|火花塞|变速箱油|波箱油|刹车油|制动液|防冻液|冷却液|润滑|养护)' THEN 'maintenance'
    WHEN description ~ '(精品|加装|贴膜|脚垫|座套|行车记录仪|装饰|香水|挂件|改装|导航升级)' THEN 'accessory'
    WHEN description ~ '(检测|检查|诊断|年检|体检|预检|四轮定位)' THEN 'inspection'
    WHEN description ~ '(维修|修理|更换|修复|钣金|喷漆|拆装|故障|索赔|召回|刹车片|轮胎|蓄电池|电瓶|雨刮|灯泡|保险杠|线圈|总成)' THEN 'repair'
    ELSE 'other' END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_line_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.work IS NULL THEN NEW.work := app_work_kind(NEW.description); END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "work" text;--> statement-breakpoint
UPDATE "repair_order_lines" SET "work" = app_work_kind("description");--> statement-breakpoint
ALTER TABLE "repair_order_lines" ALTER COLUMN "work" SET NOT NULL;--> statement-breakpoint
-- WHEN: a row that brings its kind costs no function call (the generator and bulk imports stay fast).
CREATE TRIGGER "repair_order_lines_work" BEFORE INSERT OR UPDATE OF "description", "work" ON "repair_order_lines" FOR EACH ROW WHEN (NEW.work IS NULL) EXECUTE FUNCTION app_line_work();--> statement-breakpoint
-- The forecast's basis: an order's maintenance lines, found without reading its other lines.
CREATE INDEX "repair_order_lines_maintenance_idx" ON "repair_order_lines" USING btree ("tenant_id","repair_order_id") WHERE "work" = 'maintenance';--> statement-breakpoint
ALTER TABLE "estimate_lines" ADD COLUMN "work" text;--> statement-breakpoint
UPDATE "estimate_lines" SET "work" = app_work_kind("description");--> statement-breakpoint
ALTER TABLE "estimate_lines" ALTER COLUMN "work" SET NOT NULL;--> statement-breakpoint
CREATE TRIGGER "estimate_lines_work" BEFORE INSERT OR UPDATE OF "description", "work" ON "estimate_lines" FOR EACH ROW WHEN (NEW.work IS NULL) EXECUTE FUNCTION app_line_work();--> statement-breakpoint
-- What the predicted service counts from (the last maintenance work's day, else the purchase): the care
-- chase keys each step on it, so a forecast that moves with new readings never sends a step twice.
ALTER TABLE "vehicle_segments" ADD COLUMN "service_basis_on" date;--> statement-breakpoint
ALTER TABLE "vehicle_segments" ADD COLUMN "first_service" boolean;
--> statement-breakpoint
-- Every stored forecast is recomputed with the intervals and the work kinds on the next pass.
UPDATE "tenants" SET "segments_full" = true;
