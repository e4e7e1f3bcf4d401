-- Issue 13, findings 4 and 6: staff sign-in that cannot be used as a weapon (docs/staff-sign-in.md).
-- 1. Wrong passwords are counted per (login, client address) as well as per account: an address that has
--    signed in to the login before is held back only by its own, progressive delays, so guesses from
--    elsewhere cannot lock the member out of the office. Unknown logins are counted alike, under the
--    login as typed, so a lock or a delay never tells that a login exists.
CREATE TABLE "staff_sign_in_throttles" (
	"tenant_id" uuid NOT NULL,
	"login" text NOT NULL,
	"ip" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	"last_failure_at" timestamp with time zone,
	"signed_in_at" timestamp with time zone,
	CONSTRAINT "staff_sign_in_throttles_tenant_id_login_ip_pk" PRIMARY KEY("tenant_id","login","ip")
);
--> statement-breakpoint
ALTER TABLE "staff_sign_in_throttles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "staff_sign_in_throttles" ADD CONSTRAINT "staff_sign_in_throttles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "staff_sign_in_throttles_tenant_isolation" ON "staff_sign_in_throttles" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- 2. A password an admin resets is temporary: the member must choose their own at the next sign-in.
ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- 3. Login and phone cannot collide: a login shaped like a mainland mobile number must be the member's own
--    phone (and phones are unique per tenant). Rows the old release let through are repaired first: such a
--    login becomes the member's phone when they have none and no one else holds it; any other is renamed
--    (a suffix "-login"), the member signing in by the new login or by their own phone.
UPDATE "staff" s SET "phone" = s."login"
 WHERE s."login" ~ '^1[3-9][0-9]{9}$' AND s."phone" IS NULL
   AND NOT EXISTS (SELECT 1 FROM "staff" o WHERE o."tenant_id" = s."tenant_id" AND o."phone" = s."login");--> statement-breakpoint
UPDATE "staff" SET "login" = "login" || '-login'
 WHERE "login" ~ '^1[3-9][0-9]{9}$' AND "login" IS DISTINCT FROM "phone";--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_login_not_phone_check" CHECK ("login" !~ '^1[3-9][0-9]{9}$' OR "login" IS NOT DISTINCT FROM "phone");
