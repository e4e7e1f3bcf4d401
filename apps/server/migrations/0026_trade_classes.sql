-- Classes the trade means (issue 11 point 4; docs/segments.md). Seasonal/relocated becomes a flag beside the
-- visit class (copied from customers.seasonal so the churn measure is one count); RFM keeps how the class was
-- reached (inside a band, the nearest band, no history) and the distance; a lapsing high-value flag and the
-- customer's usual gap between visits; the last day a customer stays a new owner.
ALTER TABLE "customer_segments" ADD COLUMN "seasonal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "lapsing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "rfm_basis" text DEFAULT 'band' NOT NULL;--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "rfm_distance" numeric(8, 2);--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "usual_gap_days" integer;--> statement-breakpoint
ALTER TABLE "customer_segments" ADD COLUMN "new_owner_until" date;--> statement-breakpoint
-- Stored 'seasonal' classes become the visit class of the stored 12-month visits (the tenant's thresholds,
-- else the defaults 3 / 2), the flag set; every tenant's next pass is a full one under the new rules.
UPDATE "customer_segments" s SET
  "seasonal" = true,
  "frequency" = CASE
    WHEN s."visits_12m" >= COALESCE((t."segment_rules" #>> '{frequency,activeMinVisits}')::int, 3) THEN 'active'
    WHEN s."visits_12m" >= COALESCE((t."segment_rules" #>> '{frequency,swingMinVisits}')::int, 2) THEN 'swing'
    WHEN s."visits_12m" >= 1 THEN 'swing_to_churn'
    ELSE 'churned' END
  FROM "tenants" t WHERE t."id" = s."tenant_id" AND s."frequency" = 'seasonal';--> statement-breakpoint
UPDATE "customer_segments" s SET "seasonal" = true FROM "customers" c
  WHERE c."tenant_id" = s."tenant_id" AND c."id" = s."customer_id" AND c."seasonal";--> statement-breakpoint
UPDATE "tenants" SET "segments_full" = true;--> statement-breakpoint
CREATE INDEX "customer_segments_lapsing_idx" ON "customer_segments" USING btree ("tenant_id") WHERE "lapsing";
