CREATE TABLE "kpi_snapshots" (
	"store_id" integer NOT NULL,
	"month" text NOT NULL,
	"code" text NOT NULL,
	"value" numeric(24, 8),
	"numerator" numeric(24, 4),
	"denominator" numeric(24, 4),
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_by" integer,
	CONSTRAINT "kpi_snapshots_store_id_month_code_pk" PRIMARY KEY("store_id","month","code"),
	CONSTRAINT "kpi_snapshots_month_check" CHECK ("kpi_snapshots"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "kpi_targets" (
	"store_id" integer NOT NULL,
	"code" text NOT NULL,
	"month" text NOT NULL,
	"value" numeric(18, 6) NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_targets_store_id_code_month_pk" PRIMARY KEY("store_id","code","month"),
	CONSTRAINT "kpi_targets_value_check" CHECK ("kpi_targets"."value" >= 0),
	CONSTRAINT "kpi_targets_month_check" CHECK ("kpi_targets"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
ALTER TABLE "kpi_snapshots" ADD CONSTRAINT "kpi_snapshots_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The reports module's read queries (KPIs by delivery, completion and QC time; ADR 0010). They sit
-- on other modules' tables, so they are written here by hand rather than in those *.table.ts files.
CREATE INDEX "reports_ro_store_delivered_idx" ON "repair_orders" USING btree ("store_id","delivered_at") INCLUDE ("promised_at") WHERE "delivered_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_ro_store_ready_idx" ON "repair_orders" USING btree ("store_id","ready_at") INCLUDE ("opened_at", "state") WHERE "ready_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_ro_transitions_store_action_at_idx" ON "repair_order_transitions" USING btree ("store_id","action","at");--> statement-breakpoint
-- Visits (non-cancelled ROs by opening time) with what the volume and retention figures read, so
-- those scans are index-only; live settlements with their amount.
CREATE INDEX "reports_ro_store_visits_idx" ON "repair_orders" USING btree ("store_id","opened_at") INCLUDE ("vehicle_id", "type", "appointment_id") WHERE "state" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "reports_settlements_store_live_idx" ON "settlements" USING btree ("store_id","settled_at") INCLUDE ("total_fen") WHERE "reversed_at" IS NULL;
