-- Issue 11 §6: one topic list. Opt-outs the admin console stored under names the gate never sends
-- ("新车推荐" new_car, events, survey) become the topics they meant; anything else unknown is dropped.
UPDATE "customers" SET "topics_opted_out" = ARRAY(
  SELECT DISTINCT m FROM unnest("topics_opted_out") AS u(x)
    CROSS JOIN LATERAL (SELECT CASE u.x WHEN 'new_car' THEN 'trade_in' WHEN 'events' THEN 'offers'
      WHEN 'survey' THEN 'follow_up' ELSE u.x END AS m) AS mapped
  WHERE m IN ('booking', 'visit', 'account', 'follow_up', 'maintenance', 'insurance', 'inspection', 'warranty',
    'birthday', 'win_back', 'trade_in', 'offers')
  ORDER BY m)
WHERE NOT ("topics_opted_out" <@ ARRAY['booking', 'visit', 'account', 'follow_up', 'maintenance', 'insurance',
  'inspection', 'warranty', 'birthday', 'win_back', 'trade_in', 'offers']::text[]);--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_topics_opted_out_known" CHECK ("customers"."topics_opted_out" <@ ARRAY['booking', 'visit', 'account', 'follow_up', 'maintenance', 'insurance', 'inspection', 'warranty', 'birthday', 'win_back', 'trade_in', 'offers']::text[]);
--> statement-breakpoint
CREATE INDEX "repair_orders_customer_out_idx" ON "repair_orders" USING btree ("tenant_id","customer_id",COALESCE("date_out", "date_in"));
