-- Trigram indexes for the search box (customers module): partial plates, VIN tails and phone
-- digits. pg_trgm is a trusted extension (PostgreSQL 13+); PGlite loads it in db/open.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
