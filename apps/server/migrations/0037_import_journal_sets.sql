-- The change journal of imports (0034) keeps one line per statement, not per row: a 500-row batch's insert
-- into repair_orders is one line with its 500 ids and fingerprints (and, for an update, the 500 rows before).
-- Per row, the journal was a second write of everything an import wrote (a million lines for 500,000
-- orders and their keys: 15% of the run). `import_changes` stays what readers see — one row per changed
-- record — as a view over the lines (undo, the preview and erasure read it unchanged).
CREATE TABLE "import_change_log" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY,
	"sheet" integer,
	"table_name" text NOT NULL,
	"op" text NOT NULL,
	"row_ids" uuid[] NOT NULL,
	"new_hashes" bigint[] NOT NULL,
	"old_rows" jsonb[],
	CONSTRAINT "import_change_log_tenant_id_import_id_seq_pk" PRIMARY KEY("tenant_id","import_id","seq")
);
--> statement-breakpoint
ALTER TABLE "import_change_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_change_log" ADD CONSTRAINT "import_change_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_change_log" ADD CONSTRAINT "import_change_log_tenant_id_import_id_import_jobs_tenant_id_id_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."import_jobs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "import_change_log_tenant_isolation" ON "import_change_log" AS PERMISSIVE FOR ALL TO "m4s_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The lines written so far, each row its own line, in their order.
INSERT INTO "import_change_log" (tenant_id, import_id, sheet, table_name, op, row_ids, new_hashes, old_rows)
SELECT tenant_id, import_id, sheet, table_name, op, ARRAY[row_id], ARRAY[new_hash],
       CASE WHEN op = 'update' THEN ARRAY[old_row] END
  FROM "import_changes" ORDER BY seq;
--> statement-breakpoint
DROP TABLE "import_changes";
--> statement-breakpoint
-- One row per changed record, as the table was (under the reader's own tenant policy).
CREATE VIEW "import_changes" WITH (security_invoker = true) AS
SELECT l.tenant_id, l.import_id, l.seq, l.sheet, l.table_name, u.row_id, l.op, u.old_row, u.new_hash
  FROM "import_change_log" l
 CROSS JOIN LATERAL unnest(l.row_ids, l.new_hashes, l.old_rows) AS u(row_id, new_hash, old_row);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_import_journal() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE import_id uuid := nullif(current_setting('m4s.import_id', true), '')::uuid;
DECLARE sheet integer := nullif(current_setting('m4s.import_sheet', true), '')::integer;
BEGIN
  IF import_id IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    EXECUTE format($q$
      INSERT INTO import_change_log (tenant_id, import_id, sheet, table_name, op, row_ids, new_hashes)
      SELECT n.tenant_id, $1, $2, %L, 'insert', array_agg(n.id), array_agg(hashtextextended(n::text, 0))
        FROM new_rows n GROUP BY n.tenant_id
    $q$, TG_TABLE_NAME) USING import_id, sheet;
  ELSE
    EXECUTE format($q$
      INSERT INTO import_change_log (tenant_id, import_id, sheet, table_name, op, row_ids, new_hashes, old_rows)
      SELECT n.tenant_id, $1, $2, %L, 'update', array_agg(n.id), array_agg(hashtextextended(n::text, 0)),
             array_agg(to_jsonb(o))
        FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id GROUP BY n.tenant_id
    $q$, TG_TABLE_NAME) USING import_id, sheet;
  END IF;
  RETURN NULL;
END $$;
