-- Mileage you can trust (issue 11 point 2). A reading that contradicts the car's trusted series (below an
-- earlier one, or above a later one) from an import or the DMS is kept, flagged with its reason, for a
-- person to fix; flagged values never feed the km-per-day fit, the estimated odometer or the forecast.
ALTER TABLE "mileage_readings" ADD COLUMN "flag" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "mileage_flag" text;--> statement-breakpoint
-- The brand's typical distance per day: the forecast's fallback when a car's own readings say too little.
-- NULL: the platform default (vehicles/mileage.ts platformKmPerDay).
ALTER TABLE "car_brands" ADD COLUMN "typical_km_per_day" integer;
