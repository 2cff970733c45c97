-- Search views of the customers module (search-views.ts).
--
-- Under row-level security PostgreSQL may use an index only for leakproof operators. LIKE, the
-- pg_trgm operators and array containment are not leakproof, so for the app role every search probe
-- on customers/vehicles became a sequential scan (EXPLAIN at 300,000 vehicles). These views belong
-- to the schema owner, who is not subject to RLS, and carry the RLS policy's store scope as a plain
-- condition: the same rows the app role may see, through the trigram and GIN indexes. Only the
-- columns the search needs and only files not merged away; WITH CHECK OPTION keeps any write
-- through a view inside the store, like the policy's WITH CHECK.
CREATE VIEW customer_search AS
  SELECT id, store_id, search_name, name_grams, name_initials, mobile, other_phones, phone_digits
  FROM customers
  WHERE merged_into_id IS NULL AND store_id = NULLIF(current_setting('app.store_id', true), '')::int
  WITH CHECK OPTION;
--> statement-breakpoint
CREATE VIEW vehicle_search AS
  SELECT id, store_id, plate, vin, owner_id, driver_id
  FROM vehicles
  WHERE merged_into_id IS NULL AND store_id = NULLIF(current_setting('app.store_id', true), '')::int
  WITH CHECK OPTION;
