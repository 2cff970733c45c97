-- Search view of the parts catalog (server/src/modules/parts/catalog.views.ts), as ADR 0004 does
-- for customers: under row-level security PostgreSQL lets only leakproof operators use an index, and
-- LIKE, the pg_trgm operators and array containment are not, so the catalog search would scan every
-- part of the group. This view belongs to the schema owner (not subject to RLS) and carries the RLS
-- policy's store condition; WITH CHECK OPTION keeps any write through it inside the store.
CREATE VIEW part_search AS
  SELECT id, store_id, part_no_key, name_key, name_grams, category, active
  FROM parts
  WHERE store_id = NULLIF(current_setting('app.store_id', true), '')::int
  WITH CHECK OPTION;
