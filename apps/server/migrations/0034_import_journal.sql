-- The change journal of imports (modules/imports/journal.ts): what a run inserted and what it filled in, so
-- a finished run can be undone, a failed one leaves nothing behind, and a preview can show what it would
-- write. Rows are logged by triggers, whatever module applies them, only in a transaction where the run
-- set `m4s.import_id` (markImportBatch); any other write (a person, the nightly pass, the bench's generator
-- under session_replication_role = replica, where these ORIGIN triggers do not even fire) logs nothing.
CREATE TABLE "import_changes" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY,
	"sheet" integer,
	"table_name" text NOT NULL,
	"row_id" uuid NOT NULL,
	"op" text NOT NULL,
	"old_row" jsonb,
	"new_hash" bigint NOT NULL,
	CONSTRAINT "import_changes_tenant_id_import_id_seq_pk" PRIMARY KEY("tenant_id","import_id","seq")
);
--> statement-breakpoint
ALTER TABLE "import_changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_changes" ADD CONSTRAINT "import_changes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_changes" ADD CONSTRAINT "import_changes_tenant_id_import_id_import_jobs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."import_jobs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "import_changes_tenant_isolation" ON "import_changes" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- Counts of a run's reported problems by message, for all of them (import_errors keeps the first 10,000).
ALTER TABLE "import_jobs" ADD COLUMN "error_counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- Statement-level, with transition tables: one INSERT … SELECT per statement of a set-based import.
-- new_hash: the fingerprint of the row as the statement left it (a 64-bit hash of its text, rendered in UTC
-- whatever the session's zone, so the run and a later undo compute the same); an undo goes ahead only while
-- the row still has it.
CREATE OR REPLACE FUNCTION app_import_journal() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE import_id uuid := nullif(current_setting('m4s.import_id', true), '')::uuid;
DECLARE sheet integer := nullif(current_setting('m4s.import_sheet', true), '')::integer;
BEGIN
  IF import_id IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format($q$
      INSERT INTO import_changes (tenant_id, import_id, sheet, table_name, row_id, op, old_row, new_hash)
      SELECT n.tenant_id, $1, $2, %L, n.id, 'insert', NULL, hashtextextended(n::text, 0) FROM new_rows n
    $q$, TG_TABLE_NAME) USING import_id, sheet;
  ELSE
    EXECUTE format($q$
      INSERT INTO import_changes (tenant_id, import_id, sheet, table_name, row_id, op, old_row, new_hash)
      SELECT n.tenant_id, $1, $2, %L, n.id, 'update', to_jsonb(o), hashtextextended(n::text, 0)
        FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
    $q$, TG_TABLE_NAME) USING import_id, sheet;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The tables an import writes: adding one is one line here (and one in journal.ts's journaledTables).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'customers',
    'customer_phones',
    'vehicles',
    'vehicle_ownerships',
    'mileage_readings',
    'sales_orders',
    'repair_orders',
    'repair_order_lines'
  ] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
      || 'FOR EACH STATEMENT EXECUTE FUNCTION app_import_journal()', t || '_import_journal_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows '
      || 'FOR EACH STATEMENT EXECUTE FUNCTION app_import_journal()', t || '_import_journal_update', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Undoes one run from its journal in the caller's transaction (as the caller, under the tenant policy).
-- p_tables: the journaled tables, parents first (journal.ts); a table logged but not named goes first in
-- the deletes (a child). Answers the records that block the undo — changed or deleted since the run left
-- them, or referenced since by a record the run did not write — and changes nothing if there is one;
-- otherwise restores what the run filled in (each row as it was before the run's first change) and
-- deletes what it created, children first, with the classes derived from them.
CREATE OR REPLACE FUNCTION app_import_undo(p_tenant uuid, p_import uuid, p_tables text[])
RETURNS TABLE (table_name text, row_id uuid, reason text) LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE
  tables text[];
  t text;
  cols text;
  blocked bigint := 0;
  n bigint;
  detail text;
  referencing text;
BEGIN
  tables := p_tables || (SELECT coalesce(array_agg(DISTINCT c.table_name), '{}') FROM import_changes c
                          WHERE c.tenant_id = p_tenant AND c.import_id = p_import AND NOT c.table_name = ANY (p_tables));

  FOREACH t IN ARRAY tables LOOP
    RETURN QUERY EXECUTE format($q$
      SELECT %L::text, j.row_id, CASE WHEN x.id IS NULL THEN 'gone' ELSE 'changed' END
        FROM (SELECT DISTINCT ON (c.row_id) c.row_id, c.new_hash FROM import_changes c
               WHERE c.tenant_id = $1 AND c.import_id = $2 AND c.table_name = %L
               ORDER BY c.row_id, c.seq DESC) j
        LEFT JOIN %I x ON x.tenant_id = $1 AND x.id = j.row_id
       WHERE x.id IS NULL OR hashtextextended(x::text, 0) <> j.new_hash
       LIMIT 100
    $q$, t, t, t) USING p_tenant, p_import;
    GET DIAGNOSTICS n = ROW_COUNT;
    blocked := blocked + n;
  END LOOP;
  IF blocked > 0 THEN RETURN; END IF;

  BEGIN
    -- What the run filled in: each row back to what it was before the run first changed it.
    FOREACH t IN ARRAY tables LOOP
      SELECT string_agg(format('%I = r.%I', a.attname, a.attname), ', ') INTO cols
        FROM pg_attribute a
       WHERE a.attrelid = t::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
         AND a.attname NOT IN ('tenant_id', 'id');
      EXECUTE format($q$
        UPDATE %I x SET %s
          FROM (SELECT c.row_id, (array_agg(c.old_row ORDER BY c.seq) FILTER (WHERE c.op = 'update'))[1] AS old_row
                  FROM import_changes c
                 WHERE c.tenant_id = $1 AND c.import_id = $2 AND c.table_name = %L
                 GROUP BY c.row_id HAVING NOT bool_or(c.op = 'insert')) j,
               jsonb_populate_record(NULL::%I, j.old_row) r
         WHERE x.tenant_id = $1 AND x.id = j.row_id
      $q$, t, cols, t, t) USING p_tenant, p_import;
    END LOOP;
    -- What it created, children first (and the classes the nightly pass derived from those customers/cars).
    FOR i IN REVERSE array_length(tables, 1)..1 LOOP
      t := tables[i];
      IF t = 'customers' THEN
        DELETE FROM customer_segments s USING import_changes c
         WHERE c.tenant_id = p_tenant AND c.import_id = p_import AND c.table_name = 'customers' AND c.op = 'insert'
           AND s.tenant_id = p_tenant AND s.customer_id = c.row_id;
      ELSIF t = 'vehicles' THEN
        DELETE FROM vehicle_segments s USING import_changes c
         WHERE c.tenant_id = p_tenant AND c.import_id = p_import AND c.table_name = 'vehicles' AND c.op = 'insert'
           AND s.tenant_id = p_tenant AND s.vehicle_id = c.row_id;
      END IF;
      EXECUTE format($q$
        DELETE FROM %I x USING import_changes c
         WHERE c.tenant_id = $1 AND c.import_id = $2 AND c.table_name = %L AND c.op = 'insert'
           AND x.tenant_id = $1 AND x.id = c.row_id
      $q$, t, t) USING p_tenant, p_import;
    END LOOP;
    DELETE FROM segment_dirty s USING import_changes c
     WHERE c.tenant_id = p_tenant AND c.import_id = p_import AND c.table_name = 'customers' AND c.op = 'insert'
       AND s.tenant_id = p_tenant AND s.customer_id = c.row_id;
  EXCEPTION WHEN foreign_key_violation THEN
    -- A record the run did not write refers to one it created (a booking on an imported car…).
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    referencing := substring(detail FROM 'from table "([^"]+)"');
    RETURN QUERY SELECT t, substring(detail FROM '=\([0-9a-f-]+, ([0-9a-f-]{36})\)')::uuid, 'referenced:' || coalesce(referencing, '');
  END;
END $$;
