-- The platform operator: who onboards, suspends and exports dealer groups (tenants). Separate from every
-- tenant's staff: its own tables (not tenant-scoped), its own sessions and its own audit log, reached only
-- through its own database role. The tenant application role cannot read any of them.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'm4s_operator') THEN
    CREATE ROLE m4s_operator NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
-- PostgreSQL 15 allows SET ROLE only to a role one is a member of: the owner that runs the migrations (and
-- opens every transaction) joins it, as m4s_app is granted to it. Superusers (PGlite) are members already.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'm4s_operator', 'MEMBER') THEN
    EXECUTE format('GRANT m4s_operator TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO m4s_operator;
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"login" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operators_status_check" CHECK ("status" IN ('active', 'disabled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "operators_login_key" ON "operators" USING btree ("login");
--> statement-breakpoint
CREATE TABLE "operator_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL REFERENCES "operators" ("id"),
	"token_hash" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "operator_sessions_token_key" ON "operator_sessions" USING btree ("token_hash");
--> statement-breakpoint
CREATE TABLE "operator_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_kind" text NOT NULL,
	"operator_id" uuid REFERENCES "operators" ("id"),
	"actor_name" text,
	"action" text NOT NULL,
	"target_tenant_id" uuid REFERENCES "tenants" ("id"),
	"target_type" text,
	"target_id" text,
	"ip" text,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "operator_audit_actor_check" CHECK ("actor_kind" IN ('operator', 'cli'))
);
--> statement-breakpoint
CREATE INDEX "operator_audit_at_idx" ON "operator_audit" USING btree ("at");
--> statement-breakpoint
CREATE INDEX "operator_audit_tenant_idx" ON "operator_audit" USING btree ("target_tenant_id", "at");
--> statement-breakpoint
-- The default privileges of migration 0000 gave the tenant application role these tables: take them back.
REVOKE ALL ON "operators", "operator_sessions", "operator_audit" FROM m4s_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "operators", "operator_sessions" TO m4s_operator;
--> statement-breakpoint
-- The operator's audit log is append-only.
GRANT SELECT, INSERT ON "operator_audit" TO m4s_operator;
--> statement-breakpoint
-- The operator sees and creates every tenant's row (never the tenant's own tables: for those it switches to
-- the application role inside the tenant, under row-level security like a request).
GRANT SELECT, INSERT, UPDATE ON "tenants" TO m4s_operator;
--> statement-breakpoint
CREATE POLICY "tenants_operator" ON "tenants" AS PERMISSIVE FOR ALL TO m4s_operator USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "brands" text[] DEFAULT '{}' NOT NULL;
--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "suspended_at" timestamp with time zone;
--> statement-breakpoint
-- A suspended tenant's slug answers with its own error (SQLSTATE M4S01, mapped to TENANT_SUSPENDED in
-- platform/db/errors.ts), so sign-in says "suspended" instead of "no such dealer group".
CREATE OR REPLACE FUNCTION app_tenant_by_slug(p_slug text) RETURNS uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  found_id uuid;
  found_status text;
BEGIN
  SELECT id, status INTO found_id, found_status FROM tenants WHERE slug = p_slug;
  IF found_status = 'suspended' THEN
    RAISE EXCEPTION 'tenant % is suspended', p_slug USING ERRCODE = 'M4S01';
  END IF;
  RETURN CASE WHEN found_status = 'active' THEN found_id END;
END
$$;
