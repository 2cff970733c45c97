-- The parts module's document counters become the platform's (every module numbers its documents).
INSERT INTO "document_counters" ("store_id", "prefix", "day", "last")
SELECT "store_id", "prefix", "day", "last" FROM "part_document_counters";--> statement-breakpoint
DROP TABLE "part_document_counters" CASCADE;
