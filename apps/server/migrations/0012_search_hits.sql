-- Row-level security keeps the planner from using the n-gram indexes of 0009 for the application role:
-- `@>` and LIKE are not leakproof, so under a policy they may only filter rows the policy has already
-- passed — a scan of the whole tenant. The look-up therefore runs in this SECURITY DEFINER function as
-- the tables' owner, which names the tenant from the transaction's own app.tenant_id (never from an
-- argument) and returns only customer ids; the caller reads the customers themselves under RLS.
CREATE OR REPLACE FUNCTION app_customer_hits(hit_kind text, needle text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  WITH t AS (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS id),
  n AS (SELECT '%' || replace(replace(replace(needle, '\', '\\'), '%', '\%'), '_', '\_') || '%' AS pat)
  SELECT c.id FROM customers c, t, n WHERE hit_kind = 'name' AND c.tenant_id = t.id
    AND app_grams(c.name || coalesce(c.contact_name, ''), 2) @> app_grams(needle, 2)
    AND (c.name ILIKE n.pat OR c.contact_name ILIKE n.pat)
  UNION ALL
  SELECT p.customer_id FROM customer_phones p, t, n WHERE hit_kind = 'phone' AND p.tenant_id = t.id
    AND app_grams(p.phone, 4) @> app_grams(needle, 4) AND p.phone LIKE n.pat
  UNION ALL
  SELECT v.owner_id FROM vehicles v, t, n WHERE hit_kind = 'plate' AND v.tenant_id = t.id
    AND app_grams(v.plate, 3) @> app_grams(needle, 3) AND upper(v.plate) LIKE n.pat
  UNION ALL
  SELECT v.owner_id FROM vehicles v, t, n WHERE hit_kind = 'vin' AND v.tenant_id = t.id
    AND app_grams(v.vin, 4) @> app_grams(needle, 4) AND v.vin LIKE n.pat
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_customer_hits(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_customer_hits(text, text) TO m4s_app;
