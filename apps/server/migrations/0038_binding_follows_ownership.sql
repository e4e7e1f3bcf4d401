-- Issue 13, finding 1: a binding follows the car's ownership. A confirmed binding records the ownership
-- it was confirmed under; it is current only while that ownership is open, and a transfer ends it
-- (status 'ended', ended_at), kept as history. An ended binding no longer blocks a new claim.
ALTER TABLE "vehicle_bindings" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vehicle_bindings" ADD COLUMN "ownership_id" uuid;--> statement-breakpoint
-- The ownership each live binding was decided (or asked) under: the latest one begun by that day. A car
-- sold since then has that ownership closed, so a binding the old release left behind is no longer current.
UPDATE "vehicle_bindings" b SET "ownership_id" = (
  SELECT o.id FROM "vehicle_ownerships" o
   WHERE o.tenant_id = b.tenant_id AND o.vehicle_id = b.vehicle_id
     AND o.from_date <= COALESCE(b.decided_at, b.requested_at)::date
   ORDER BY o.from_date DESC, o.to_date DESC NULLS FIRST LIMIT 1)
 WHERE b.status IN ('pending', 'confirmed');--> statement-breakpoint
DROP INDEX "vehicle_bindings_live_key";--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_bindings_live_key" ON "vehicle_bindings" USING btree ("tenant_id","owner_id","vehicle_id") WHERE status IN ('pending', 'confirmed');
