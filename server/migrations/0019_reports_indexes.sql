-- Reports' read paths on other modules' tables (ADR 0010), written by hand like those of 0012.
-- The QC submissions of a bucket are counted per RO (count DISTINCT ro_id): with the RO id in the
-- index the scan is index-only.
DROP INDEX IF EXISTS "reports_ro_transitions_store_action_at_idx";--> statement-breakpoint
CREATE INDEX "reports_ro_transitions_store_action_at_idx" ON "repair_order_transitions" USING btree ("store_id","action","at") INCLUDE ("ro_id");--> statement-breakpoint
-- Vehicle files on record by a month's end (基盘与流失): the files created in each month.
CREATE INDEX "reports_vehicles_store_created_idx" ON "vehicles" USING btree ("store_id","created_at") WHERE "merged_into_id" IS NULL;
