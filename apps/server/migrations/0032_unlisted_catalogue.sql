-- Issue 12 (the DMS import), catalogue part: what the file wrote when the catalogue had no match, the
-- run's list of such values, the tenant's own catalogue additions, and the 2026 global catalogue.

-- 1. A car's brand / series / model as the file wrote them when the catalogue had no match (NULL once matched).
ALTER TABLE "vehicles" ADD COLUMN "brand_text" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "series_text" text;--> statement-breakpoint
ALTER TABLE "vehicles" ADD COLUMN "model_text" text;--> statement-breakpoint
-- The cars that keep a text (few): what an import's unlisted list reads to suggest a brand and series.
CREATE INDEX "vehicles_catalogue_text_idx" ON "vehicles" USING btree ("tenant_id") WHERE brand_text IS NOT NULL OR series_text IS NOT NULL OR model_text IS NOT NULL;--> statement-breakpoint
-- 2. An import's values that matched nothing in the catalogue: { "series\u0001朗逸X": rows, … }, merged per batch.
ALTER TABLE "import_jobs" ADD COLUMN "unlisted" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint

-- 3. The tenant's own series and models, added from an import's list (or by hand): tenant tables under the
-- tenancy rules, read together with the global rows through the catalogue_series / catalogue_models views.
CREATE TABLE "tenant_car_series" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"brand_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"body_type" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_car_series_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tenant_car_series_id_check" CHECK ("id" LIKE 't-%')
);
--> statement-breakpoint
CREATE TABLE "tenant_car_models" (
	"tenant_id" uuid NOT NULL,
	"id" text NOT NULL,
	"series_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"year" integer NOT NULL,
	"fuel" text NOT NULL,
	"price_fen" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_car_models_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "tenant_car_models_id_check" CHECK ("id" LIKE 't-%')
);
--> statement-breakpoint
ALTER TABLE "tenant_car_series" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_car_models" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_car_series" ADD CONSTRAINT "tenant_car_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_car_series" ADD CONSTRAINT "tenant_car_series_brand_id_car_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."car_brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_car_series" ADD CONSTRAINT "tenant_car_series_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_car_models" ADD CONSTRAINT "tenant_car_models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_car_models" ADD CONSTRAINT "tenant_car_models_tenant_id_created_by_staff_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."staff"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A name is added once per brand (series) or series and year (model) in a tenant.
CREATE UNIQUE INDEX "tenant_car_series_name_key" ON "tenant_car_series" USING btree ("tenant_id","brand_id","name_zh");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_car_models_trim_key" ON "tenant_car_models" USING btree ("tenant_id","series_id","year","name_zh");--> statement-breakpoint
CREATE POLICY "tenant_car_series_tenant_isolation" ON "tenant_car_series" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_car_models_tenant_isolation" ON "tenant_car_models" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint

-- The catalogue as a tenant sees it: the global rows and its own, `own` telling them apart (the explicit
-- filter keeps an owner connection, which bypasses RLS, to the tenant of the transaction too). The views
-- carry no tenant_id column: they are not tenant tables, and the tenancy suite finds tables by that column. Every read of series and models
-- goes through these views.
CREATE VIEW "catalogue_series" WITH (security_invoker = true) AS
  SELECT id, brand_id, name_zh, name_en, body_type, false AS own FROM car_series
  UNION ALL
  SELECT id, brand_id, name_zh, name_en, body_type, true FROM tenant_car_series
   WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid;--> statement-breakpoint
CREATE VIEW "catalogue_models" WITH (security_invoker = true) AS
  SELECT id, series_id, name_zh, year, fuel, price_fen, false AS own FROM car_models
  UNION ALL
  SELECT id, series_id, name_zh, year, fuel, price_fen, true FROM tenant_car_models
   WHERE tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid;--> statement-breakpoint
GRANT SELECT ON "catalogue_series", "catalogue_models" TO m4s_app;--> statement-breakpoint

-- A car's series and model are the global catalogue's or its own tenant's: a foreign key cannot say
-- "one of two tables", so a trigger checks it (and refuses as a foreign key would, SQLSTATE 23503).
ALTER TABLE "vehicles" DROP CONSTRAINT "vehicles_series_id_car_series_id_fk";--> statement-breakpoint
ALTER TABLE "vehicles" DROP CONSTRAINT "vehicles_model_id_car_models_id_fk";--> statement-breakpoint
CREATE FUNCTION vehicles_catalogue_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.series_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM car_series WHERE id = NEW.series_id)
     AND NOT EXISTS (SELECT 1 FROM tenant_car_series WHERE tenant_id = NEW.tenant_id AND id = NEW.series_id) THEN
    RAISE EXCEPTION 'vehicles.series_id % is not in the catalogue', NEW.series_id USING ERRCODE = '23503';
  END IF;
  IF NEW.model_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM car_models WHERE id = NEW.model_id)
     AND NOT EXISTS (SELECT 1 FROM tenant_car_models WHERE tenant_id = NEW.tenant_id AND id = NEW.model_id) THEN
    RAISE EXCEPTION 'vehicles.model_id % is not in the catalogue', NEW.model_id USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "vehicles_catalogue_check" BEFORE INSERT OR UPDATE OF series_id, model_id ON "vehicles"
  FOR EACH ROW EXECUTE FUNCTION vehicles_catalogue_check();--> statement-breakpoint
-- A tenant model's series is the global catalogue's or the same tenant's.
CREATE FUNCTION tenant_car_models_series_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM car_series WHERE id = NEW.series_id)
     AND NOT EXISTS (SELECT 1 FROM tenant_car_series WHERE tenant_id = NEW.tenant_id AND id = NEW.series_id) THEN
    RAISE EXCEPTION 'tenant_car_models.series_id % is not in the catalogue', NEW.series_id USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "tenant_car_models_series_check" BEFORE INSERT OR UPDATE OF series_id ON "tenant_car_models"
  FOR EACH ROW EXECUTE FUNCTION tenant_car_models_series_check();--> statement-breakpoint

-- 4. The 2026 catalogue: the brands that sell most in mainland China, new-energy brands included (new-energy
-- cars are over 60% of 2026 new sales by the trade's forecast quoted in the product's research, seed 003).
-- Source: the makers' published lineups and guide prices (厂商指导价, at each trim's launch, in fen) as
-- known to the authors from the makers' launch announcements up to mid-2025; rows marked "-- est." are
-- rounded from memory of the announcements and should be checked against the maker's current price
-- list before being relied on. Warranty terms: each brand's published whole-vehicle new-car terms
-- (first-owner extras such as lifetime battery cover are not modelled); "-- est." marks terms not
-- confirmed against the maker's current policy. Geely Galaxy (吉利银河) is sold as Geely: its series are
-- the 吉利 brand's (imports read the 吉利银河 brand name as 吉利).
INSERT INTO car_brands (id, name_zh, name_en, initial, origin, warranty_years, warranty_km) VALUES
  ('lynk-co', '领克', 'Lynk & Co', 'L', '自主', 4, 150000),
  ('zeekr', '极氪', 'ZEEKR', 'J', '自主', 4, 100000),
  ('deepal', '深蓝', 'Deepal', 'S', '自主', 3, 120000), -- est.
  ('avatr', '阿维塔', 'AVATR', 'A', '自主', 4, 100000), -- est.
  ('aito', '问界', 'AITO', 'W', '自主', 4, 100000),
  ('xiaomi', '小米', 'Xiaomi', 'X', '自主', 5, 100000),
  ('leapmotor', '零跑', 'Leapmotor', 'L', '自主', 4, 120000), -- est.
  ('chery', '奇瑞', 'Chery', 'Q', '自主', 3, 100000), -- est.
  ('onvo', '乐道', 'ONVO', 'L', '自主', 5, 100000) -- est.
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO car_series (id, brand_id, name_zh, name_en, body_type) VALUES
  ('byd-seal', 'byd', '海豹', 'Seal', 'sedan'),
  ('byd-seagull', 'byd', '海鸥', 'Seagull', 'hatchback'),
  ('byd-seal-06', 'byd', '海豹06', 'Seal 06', 'sedan'),
  ('byd-sealion-07', 'byd', '海狮07', 'Sealion 07', 'suv'),
  ('byd-qin-l', 'byd', '秦L', 'Qin L', 'sedan'),
  ('byd-song-pro', 'byd', '宋Pro', 'Song Pro', 'suv'),
  ('byd-song-l', 'byd', '宋L', 'Song L', 'suv'),
  ('byd-yuan-up', 'byd', '元UP', 'Yuan UP', 'suv'),
  ('geely-galaxy-e5', 'geely', '银河E5', 'Galaxy E5', 'suv'),
  ('geely-galaxy-l6', 'geely', '银河L6', 'Galaxy L6', 'sedan'),
  ('geely-xingyuan', 'geely', '星愿', 'Xingyuan', 'hatchback'),
  ('lynk-co-01', 'lynk-co', '领克01', 'Lynk & Co 01', 'suv'),
  ('lynk-co-03', 'lynk-co', '领克03', 'Lynk & Co 03', 'sedan'),
  ('lynk-co-06', 'lynk-co', '领克06', 'Lynk & Co 06', 'suv'),
  ('lynk-co-08', 'lynk-co', '领克08', 'Lynk & Co 08', 'suv'),
  ('lynk-co-z10', 'lynk-co', '领克Z10', 'Lynk & Co Z10', 'sedan'),
  ('zeekr-001', 'zeekr', '极氪001', 'ZEEKR 001', 'hatchback'),
  ('zeekr-007', 'zeekr', '极氪007', 'ZEEKR 007', 'sedan'),
  ('zeekr-7x', 'zeekr', '极氪7X', 'ZEEKR 7X', 'suv'),
  ('zeekr-009', 'zeekr', '极氪009', 'ZEEKR 009', 'mpv'),
  ('zeekr-x', 'zeekr', '极氪X', 'ZEEKR X', 'suv'),
  ('deepal-sl03', 'deepal', '深蓝SL03', 'Deepal SL03', 'sedan'),
  ('deepal-s7', 'deepal', '深蓝S7', 'Deepal S7', 'suv'),
  ('deepal-s05', 'deepal', '深蓝S05', 'Deepal S05', 'suv'),
  ('deepal-g318', 'deepal', '深蓝G318', 'Deepal G318', 'suv'),
  ('avatr-11', 'avatr', '阿维塔11', 'AVATR 11', 'suv'),
  ('avatr-12', 'avatr', '阿维塔12', 'AVATR 12', 'sedan'),
  ('avatr-07', 'avatr', '阿维塔07', 'AVATR 07', 'suv'),
  ('aito-m5', 'aito', '问界M5', 'AITO M5', 'suv'),
  ('aito-m7', 'aito', '问界M7', 'AITO M7', 'suv'),
  ('aito-m8', 'aito', '问界M8', 'AITO M8', 'suv'),
  ('aito-m9', 'aito', '问界M9', 'AITO M9', 'suv'),
  ('xiaomi-su7', 'xiaomi', 'SU7', 'SU7', 'sedan'),
  ('xiaomi-yu7', 'xiaomi', 'YU7', 'YU7', 'suv'),
  ('li-auto-l6', 'li-auto', '理想L6', 'Li L6', 'suv'),
  ('nio-et5t', 'nio', 'ET5T', 'ET5T', 'hatchback'),
  ('nio-ec6', 'nio', 'EC6', 'EC6', 'suv'),
  ('onvo-l60', 'onvo', '乐道L60', 'ONVO L60', 'suv'),
  ('xpeng-mona-m03', 'xpeng', 'MONA M03', 'MONA M03', 'sedan'),
  ('xpeng-p7-plus', 'xpeng', '小鹏P7+', 'P7+', 'sedan'),
  ('leapmotor-c10', 'leapmotor', '零跑C10', 'Leapmotor C10', 'suv'),
  ('leapmotor-c11', 'leapmotor', '零跑C11', 'Leapmotor C11', 'suv'),
  ('leapmotor-b10', 'leapmotor', '零跑B10', 'Leapmotor B10', 'suv'),
  ('chery-tiggo-8', 'chery', '瑞虎8', 'Tiggo 8', 'suv'),
  ('chery-tiggo-7', 'chery', '瑞虎7', 'Tiggo 7', 'suv'),
  ('chery-arrizo-8', 'chery', '艾瑞泽8', 'Arrizo 8', 'sedan'),
  ('chery-fulwin-a8', 'chery', '风云A8', 'Fulwin A8', 'sedan')
ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO car_models (id, series_id, name_zh, year, fuel, price_fen) VALUES
  ('byd-han-2024-1', 'byd-han', '荣耀版 EV 506KM 尊贵型', 2024, 'ev', 16980000),
  ('byd-han-2024-2', 'byd-han', '荣耀版 DM-i 121KM 尊贵型', 2024, 'phev', 16980000),
  ('byd-qin-plus-2024-1', 'byd-qin-plus', '荣耀版 DM-i 55KM 领先型', 2024, 'phev', 7980000),
  ('byd-qin-plus-2025-1', 'byd-qin-plus', '智驾版 DM-i 55KM 领先型', 2025, 'phev', 7980000),
  ('byd-song-plus-2024-1', 'byd-song-plus', '荣耀版 DM-i 110KM 旗舰型', 2024, 'phev', 15980000), -- est.
  ('byd-yuan-plus-2024-1', 'byd-yuan-plus', '荣耀版 430KM 领先型', 2024, 'ev', 11980000),
  ('byd-seal-2022-1', 'byd-seal', '550KM 标准续航后驱版', 2022, 'ev', 21280000),
  ('byd-seal-2024-1', 'byd-seal', '荣耀版 550KM 后驱精英型', 2024, 'ev', 17980000), -- est.
  ('byd-seagull-2023-1', 'byd-seagull', '305KM 活力版', 2023, 'ev', 7380000),
  ('byd-seagull-2025-1', 'byd-seagull', '智驾版 305KM 活力版', 2025, 'ev', 5580000),
  ('byd-seal-06-2024-1', 'byd-seal-06', 'DM-i 80KM 尊贵型', 2024, 'phev', 9980000),
  ('byd-sealion-07-2024-1', 'byd-sealion-07', 'EV 550 智航版', 2024, 'ev', 18980000),
  ('byd-qin-l-2024-1', 'byd-qin-l', 'DM-i 80KM 领先型', 2024, 'phev', 9980000),
  ('byd-song-pro-2024-1', 'byd-song-pro', '荣耀版 DM-i 71KM 领先型', 2024, 'phev', 11980000), -- est.
  ('byd-song-l-2024-1', 'byd-song-l', 'DM-i 75KM 领先型', 2024, 'phev', 13580000),
  ('byd-yuan-up-2024-1', 'byd-yuan-up', '301KM 活力版', 2024, 'ev', 9680000),
  ('tesla-model-3-2024-2', 'tesla-model-3', '焕新版 长续航全轮驱动', 2024, 'ev', 28590000),
  ('tesla-model-y-2025-1', 'tesla-model-y', '焕新版 后轮驱动', 2025, 'ev', 26350000),
  ('tesla-model-y-2025-2', 'tesla-model-y', '焕新版 长续航全轮驱动', 2025, 'ev', 29950000), -- est.
  ('geely-galaxy-e5-2024-1', 'geely-galaxy-e5', '440km 星舰版', 2024, 'ev', 10980000), -- est.
  ('geely-galaxy-l6-2023-1', 'geely-galaxy-l6', '125km MAX', 2023, 'phev', 8980000), -- est.
  ('geely-xingyuan-2024-1', 'geely-xingyuan', '310km 灵巧款', 2024, 'ev', 6880000),
  ('lynk-co-01-2023-1', 'lynk-co-01', 'EM-P 1.5T 长续航 Pro', 2023, 'phev', 18980000), -- est.
  ('lynk-co-03-2023-1', 'lynk-co-03', '2.0TD 耀影版', 2023, 'petrol', 14880000), -- est.
  ('lynk-co-06-2024-1', 'lynk-co-06', 'EM-P 84km Plus', 2024, 'phev', 12380000), -- est.
  ('lynk-co-08-2023-1', 'lynk-co-08', 'EM-P 120 Pro', 2023, 'phev', 20880000), -- est.
  ('lynk-co-z10-2024-1', 'lynk-co-z10', '602km 后驱智驾 Pro', 2024, 'ev', 20180000), -- est.
  ('zeekr-001-2023-1', 'zeekr-001', 'WE版 86kWh', 2023, 'ev', 30000000),
  ('zeekr-001-2024-1', 'zeekr-001', 'WE版 100kWh', 2024, 'ev', 26900000),
  ('zeekr-007-2024-1', 'zeekr-007', '后驱智驾版 75kWh', 2024, 'ev', 20990000),
  ('zeekr-7x-2024-1', 'zeekr-7x', '后驱智驾版 75kWh', 2024, 'ev', 22990000),
  ('zeekr-009-2024-1', 'zeekr-009', 'WE版 116kWh', 2024, 'ev', 43900000), -- est.
  ('zeekr-x-2023-1', 'zeekr-x', '四驱 YOU版', 2023, 'ev', 20980000), -- est.
  ('deepal-sl03-2022-1', 'deepal-sl03', '515 纯电版', 2022, 'ev', 17190000),
  ('deepal-s7-2023-1', 'deepal-s7', '增程 121 Max', 2023, 'phev', 14990000), -- est.
  ('deepal-s05-2024-1', 'deepal-s05', '增程 215 Max', 2024, 'phev', 11990000), -- est.
  ('deepal-g318-2024-1', 'deepal-g318', '增程 190 Pro', 2024, 'phev', 17590000), -- est.
  ('avatr-11-2022-1', 'avatr-11', '90kWh 长续航双电机版', 2022, 'ev', 34990000),
  ('avatr-12-2023-1', 'avatr-12', '700 后驱 Max', 2023, 'ev', 26590000), -- est.
  ('avatr-07-2024-1', 'avatr-07', '增程 Max', 2024, 'phev', 21990000), -- est.
  ('aito-m5-2024-1', 'aito-m5', '增程 Pro', 2024, 'phev', 24980000), -- est.
  ('aito-m7-2024-1', 'aito-m7', 'Pro 增程 两驱版', 2024, 'phev', 24980000),
  ('aito-m8-2025-1', 'aito-m8', '增程 Max 六座', 2025, 'phev', 36980000), -- est.
  ('aito-m9-2024-1', 'aito-m9', '增程 Max', 2024, 'phev', 46980000),
  ('xiaomi-su7-2024-1', 'xiaomi-su7', '标准版', 2024, 'ev', 21590000),
  ('xiaomi-su7-2024-2', 'xiaomi-su7', 'Pro', 2024, 'ev', 24590000),
  ('xiaomi-su7-2024-3', 'xiaomi-su7', 'Max', 2024, 'ev', 29990000),
  ('xiaomi-su7-2025-1', 'xiaomi-su7', 'Ultra', 2025, 'ev', 52990000),
  ('xiaomi-yu7-2025-1', 'xiaomi-yu7', '标准版', 2025, 'ev', 25350000),
  ('li-auto-l6-2024-1', 'li-auto-l6', 'Pro', 2024, 'phev', 24980000),
  ('nio-et5t-2024-1', 'nio-et5t', '75kWh', 2024, 'ev', 29800000),
  ('nio-ec6-2024-1', 'nio-ec6', '75kWh', 2024, 'ev', 33800000),
  ('nio-es6-2024-1', 'nio-es6', '75kWh', 2024, 'ev', 33800000),
  ('onvo-l60-2024-1', 'onvo-l60', '60kWh 标准续航版', 2024, 'ev', 20690000), -- est.
  ('xpeng-mona-m03-2024-1', 'xpeng-mona-m03', '515 长续航版', 2024, 'ev', 11980000),
  ('xpeng-p7-plus-2025-1', 'xpeng-p7-plus', 'Max 长续航版', 2025, 'ev', 18680000), -- est.
  ('leapmotor-c10-2024-1', 'leapmotor-c10', '增程 Pro', 2024, 'phev', 12880000), -- est.
  ('leapmotor-c11-2024-1', 'leapmotor-c11', '580 智享版', 2024, 'ev', 14980000), -- est.
  ('leapmotor-b10-2025-1', 'leapmotor-b10', '510 Pro', 2025, 'ev', 10980000), -- est.
  ('chery-tiggo-8-2024-1', 'chery-tiggo-8', 'PLUS 1.6T 智享版', 2024, 'petrol', 12890000), -- est.
  ('chery-tiggo-7-2024-1', 'chery-tiggo-7', '1.5T CVT 致享版', 2024, 'petrol', 9990000), -- est.
  ('chery-arrizo-8-2024-1', 'chery-arrizo-8', '1.6T DCT 卓越版', 2024, 'petrol', 10990000), -- est.
  ('chery-fulwin-a8-2024-1', 'chery-fulwin-a8', 'PHEV 125km 智享版', 2024, 'phev', 11990000) -- est.
ON CONFLICT (id) DO NOTHING;
