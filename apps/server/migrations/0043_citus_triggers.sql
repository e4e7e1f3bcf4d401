-- Proven on Citus (issue 13): the statement triggers run on the shards there, where a statement that reads a
-- transition table (new_rows, old_rows) together with a distributed table fails ("could not find named
-- tuplestore"), and TG_TABLE_NAME names the shard (customers_102040). So the changed rows are read first, on
-- their own, and the journal records the table's own name. Same results on PostgreSQL and PGlite.
CREATE OR REPLACE FUNCTION app_segments_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE rel text; js jsonb; tenant uuid;
BEGIN
  -- TG_ARGV[0]: how the changed rows ($rows) name the customer(s) whose classes they feed. Run once per tenant
  -- of the rows (one, from the app) with the cars' tenant a parameter: on a Citus shard only a statement that
  -- pins every distributed table to one tenant may run.
  FOREACH rel IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
                                  ELSE ARRAY['new_rows', 'old_rows'] END LOOP
    EXECUTE format('SELECT jsonb_agg(to_jsonb(r)) FROM %I r', rel) INTO js;
    CONTINUE WHEN js IS NULL;
    FOR tenant IN SELECT DISTINCT (e->>'tenant_id')::uuid FROM jsonb_array_elements(js) e LOOP
      EXECUTE format($q$
        INSERT INTO segment_dirty (tenant_id, customer_id, marked_at)
        SELECT r.tenant_id, r.customer_id, clock_timestamp()
          FROM (SELECT DISTINCT q.tenant_id, q.customer_id FROM (%s) q WHERE q.customer_id IS NOT NULL) r
         WHERE r.tenant_id = $2
        ON CONFLICT (tenant_id, customer_id) DO UPDATE SET marked_at = excluded.marked_at
      $q$, replace(replace(TG_ARGV[0], '$rows',
                           format('jsonb_populate_recordset(NULL::%I.%I, $1)', TG_TABLE_SCHEMA, TG_TABLE_NAME)),
                   'v.tenant_id = x.tenant_id', 'v.tenant_id = $2 AND x.tenant_id = $2')) USING js, tenant;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_import_journal() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
DECLARE import_id uuid := nullif(current_setting('m4s.import_id', true), '')::uuid;
DECLARE sheet integer := nullif(current_setting('m4s.import_sheet', true), '')::integer;
-- On a Citus shard the trigger's table is customers_102040: the journal names the table.
DECLARE tbl text := regexp_replace(TG_TABLE_NAME, '_[0-9]+$', '');
DECLARE e record;
BEGIN
  IF import_id IS NULL THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    FOR e IN SELECT n.tenant_id, array_agg(n.id) AS ids, array_agg(hashtextextended(n::text, 0)) AS hashes
               FROM new_rows n GROUP BY n.tenant_id LOOP
      INSERT INTO import_change_log (tenant_id, import_id, sheet, table_name, op, row_ids, new_hashes)
      VALUES (e.tenant_id, import_id, sheet, tbl, 'insert', e.ids, e.hashes);
    END LOOP;
  ELSE
    FOR e IN SELECT n.tenant_id, array_agg(n.id) AS ids, array_agg(hashtextextended(n::text, 0)) AS hashes,
                    array_agg(to_jsonb(o)) AS olds
               FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
              GROUP BY n.tenant_id LOOP
      INSERT INTO import_change_log (tenant_id, import_id, sheet, table_name, op, row_ids, new_hashes, old_rows)
      VALUES (e.tenant_id, import_id, sheet, tbl, 'update', e.ids, e.hashes, e.olds);
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The search hits name their tenant as a parameter, so that on Citus each of the function's statements says
-- `tenant_id = $n` and runs on the tenant's shard (a statement that reads the tenant from the setting alone
-- fans out to every shard). It must be the transaction's tenant: the function runs as the owner.
CREATE OR REPLACE FUNCTION app_customer_hits(hit_kind text, needle text, p_tenant uuid) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
-- PL/pgSQL, not SQL: Citus cannot plan a SQL function's statements that use its parameters.
DECLARE pat text := '%' || replace(replace(replace(needle, '\', '\\'), '%', '\%'), '_', '\_') || '%';
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN RETURN; END IF;
  IF hit_kind = 'name' THEN
    RETURN QUERY SELECT c.id FROM customers c WHERE c.tenant_id = p_tenant
      AND app_grams(c.name || coalesce(c.contact_name, ''), 2) @> app_grams(needle, 2)
      AND (c.name ILIKE pat OR c.contact_name ILIKE pat);
  ELSIF hit_kind = 'phone' THEN
    RETURN QUERY SELECT p.customer_id FROM customer_phones p WHERE p.tenant_id = p_tenant
      AND app_grams(p.phone, 4) @> app_grams(needle, 4) AND p.phone LIKE pat;
  ELSIF hit_kind = 'plate' THEN
    RETURN QUERY SELECT v.owner_id FROM vehicles v WHERE v.tenant_id = p_tenant
      AND app_grams(v.plate, 3) @> app_grams(needle, 3) AND upper(v.plate) LIKE pat;
  ELSIF hit_kind = 'vin' THEN
    RETURN QUERY SELECT v.owner_id FROM vehicles v WHERE v.tenant_id = p_tenant
      AND app_grams(v.vin, 4) @> app_grams(needle, 4) AND v.vin LIKE pat;
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_customer_hits(text, text, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_customer_hits(text, text, uuid) TO m4s_app;
--> statement-breakpoint
DROP FUNCTION IF EXISTS app_customer_hits(text, text);
