CREATE INDEX "vehicles_insurance_idx" ON "vehicles" USING btree ("tenant_id","insurance_expiry");--> statement-breakpoint
CREATE INDEX "vehicles_inspection_idx" ON "vehicles" USING btree ("tenant_id","inspection_due");--> statement-breakpoint
CREATE INDEX "vehicles_purchase_idx" ON "vehicles" USING btree ("tenant_id","purchase_date");--> statement-breakpoint
CREATE INDEX "repair_orders_date_in_idx" ON "repair_orders" USING btree ("tenant_id","date_in");--> statement-breakpoint
CREATE INDEX "repair_orders_date_out_idx" ON "repair_orders" USING btree ("tenant_id","date_out");--> statement-breakpoint
CREATE INDEX "sales_orders_delivery_idx" ON "sales_orders" USING btree ("tenant_id","delivery_date");