CREATE TABLE "car_brands" (
	"id" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"initial" text NOT NULL,
	"origin" text NOT NULL,
	"warranty_years" integer DEFAULT 2 NOT NULL,
	"warranty_km" integer DEFAULT 40000
);
--> statement-breakpoint
CREATE TABLE "car_models" (
	"id" text PRIMARY KEY NOT NULL,
	"series_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"year" integer NOT NULL,
	"fuel" text NOT NULL,
	"price_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "car_series" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"body_type" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "car_models" ADD CONSTRAINT "car_models_series_id_car_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."car_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "car_series" ADD CONSTRAINT "car_series_brand_id_car_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."car_brands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "car_models_series_trim_key" ON "car_models" USING btree ("series_id","year","name_zh");--> statement-breakpoint
CREATE INDEX "car_series_brand_idx" ON "car_series" USING btree ("brand_id");