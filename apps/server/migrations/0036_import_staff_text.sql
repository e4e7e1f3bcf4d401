-- Staff named in an imported file (issue 12): a name that matches no one staff member of the tenant (or
-- several) is kept as text on the record, beside the id it could not fill — the customer's sales
-- consultant and service advisor, a repair order's advisor, a sale's consultant. Staff names, not the
-- customer's personal data. The id wins where both are set; an import fills the text only where both are empty.
ALTER TABLE "customers" ADD COLUMN "sales_consultant_name" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "service_advisor_name" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "advisor_name" text;--> statement-breakpoint
ALTER TABLE "sales_orders" ADD COLUMN "consultant_name" text;
