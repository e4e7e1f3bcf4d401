-- Timings from the seeds (issue 11 point 5) and touches that wait for a cap (point 6d).
-- The recorded moment of a new car's hand-over: the 2-hour care call counts from it. NULL when only the
-- date is known (older orders): the call then counts from 16:00 local on the delivery date.
ALTER TABLE "sales_orders" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
-- A touch held back by a cap waits ('held', send_at = the next free moment) until expires_at, the moment
-- after which it no longer makes sense (then 'expired'). What it will say is kept beside it until it goes.
ALTER TABLE "touches" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "priority" integer;--> statement-breakpoint
ALTER TABLE "touches" ADD COLUMN "held" jsonb;--> statement-breakpoint
CREATE INDEX "touches_held_idx" ON "touches" USING btree ("tenant_id","send_at") WHERE decision = 'held';--> statement-breakpoint
-- The post-repair follow-up counts in hours now (seed 002: within 24 hours): a stored day count becomes hours.
UPDATE "care_rules" SET "timing" = jsonb_build_object('hoursAfter',
    least(72, greatest(1, 24 * COALESCE(("timing"->>'daysAfter')::int, 1))))
  WHERE "rule_key" = 'post_repair' AND "timing" ? 'daysAfter';
