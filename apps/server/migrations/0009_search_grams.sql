-- Search at a million customers: "any 4+ digits of a phone", "part of a plate or VIN" and "part of a
-- Chinese name" are infix searches, which a btree cannot serve and pg_trgm does not split for CJK text.
-- app_grams() cuts a value into its n-character pieces; a GIN index over them finds the few rows that
-- contain every piece of the query, and a LIKE re-check keeps only true matches. Plain SQL and a
-- built-in operator class, so the same migration runs on PostgreSQL and on PGlite.
CREATE OR REPLACE FUNCTION app_grams(t text, n int) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(s) <= n THEN ARRAY[s]
    ELSE ARRAY(SELECT DISTINCT substr(s, i, n) FROM generate_series(1, length(s) - n + 1) AS i) END
  FROM (SELECT upper(regexp_replace(t, '[[:space:]·.-]', '', 'g')) AS s) AS x
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS customers_name_grams_idx ON customers USING gin (app_grams(name || coalesce(contact_name, ''), 2));
--> statement-breakpoint
-- One character is a surname: served by a prefix range in byte order, which also yields the order.
CREATE INDEX IF NOT EXISTS customers_name_prefix_idx ON customers (tenant_id, (name COLLATE "C"));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS customer_phones_grams_idx ON customer_phones USING gin (app_grams(phone, 4));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS vehicles_plate_grams_idx ON vehicles USING gin (app_grams(plate, 3));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS vehicles_vin_grams_idx ON vehicles USING gin (app_grams(vin, 4));
