-- Reference rows: the staff roles and their row scope (the permissions themselves live in contracts).
INSERT INTO roles (code, scope) VALUES
  ('group_admin', 'group'), ('store_manager', 'store'), ('service_manager', 'store'),
  ('sales_consultant', 'own'), ('service_advisor', 'own'), ('cs_specialist', 'store'),
  ('cashier', 'store'), ('oem_viewer', 'group')
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON roles FROM m4s_app;
--> statement-breakpoint
-- Tenants are created and removed by the platform (seed, CLI), never by a request.
REVOKE INSERT, DELETE ON tenants FROM m4s_app;
--> statement-breakpoint
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE ON audit_log FROM m4s_app;
--> statement-breakpoint
-- The two questions asked before a tenant is known: which tenant a slug names (sign-in, the owner
-- app's branding), and which tenants exist (system jobs that then open each tenant's context).
-- SECURITY DEFINER runs them as the owner, so they see past RLS; they return ids only.
CREATE FUNCTION app_tenant_by_slug(p_slug text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM tenants WHERE slug = p_slug AND status = 'active' $$;
--> statement-breakpoint
CREATE FUNCTION app_tenant_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT id FROM tenants WHERE status = 'active' ORDER BY created_at $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_tenant_by_slug(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_tenant_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_tenant_by_slug(text) TO m4s_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_tenant_ids() TO m4s_app;
