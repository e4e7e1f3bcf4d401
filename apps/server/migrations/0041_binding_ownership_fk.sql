-- Issue 13, finding 1 (the rest): a binding's ownership (migration 0038) is a real reference, tenant
-- included like every foreign key here. A value no ownership row holds (none is known; kept safe) is
-- cleared first: such a binding is then one "written before its ownership was recorded".
UPDATE "vehicle_bindings" b SET "ownership_id" = NULL
 WHERE b."ownership_id" IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM "vehicle_ownerships" o WHERE o.tenant_id = b.tenant_id AND o.id = b.ownership_id);--> statement-breakpoint
ALTER TABLE "vehicle_bindings" ADD CONSTRAINT "vehicle_bindings_ownership_fk" FOREIGN KEY ("tenant_id","ownership_id") REFERENCES "public"."vehicle_ownerships"("tenant_id","id") ON DELETE no action ON UPDATE no action;
