-- The application role: not a superuser, owns nothing, so row-level security applies to it.
-- Requests and jobs run as it through SET LOCAL ROLE; migrations run as the connecting (owner) user.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'm4s_app') THEN
    CREATE ROLE m4s_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO m4s_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO m4s_app;
