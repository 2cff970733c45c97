DROP INDEX "customers_store_completeness_idx";--> statement-breakpoint
DROP INDEX "customers_store_source_idx";--> statement-breakpoint
CREATE INDEX "customers_store_kind_updated_idx" ON "customers" USING btree ("store_id","kind","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "customers"."merged_into_id" IS NULL;--> statement-breakpoint
CREATE INDEX "customers_store_advisor_created_idx" ON "customers" USING btree ("store_id","preferred_advisor_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "customers"."merged_into_id" IS NULL;--> statement-breakpoint
CREATE INDEX "customers_store_completeness_idx" ON "customers" USING btree ("store_id","completeness") WHERE "customers"."merged_into_id" IS NULL;--> statement-breakpoint
CREATE INDEX "customers_store_source_idx" ON "customers" USING btree ("store_id","source","completeness") WHERE "customers"."merged_into_id" IS NULL;