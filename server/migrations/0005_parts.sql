CREATE TABLE "part_document_counters" (
	"store_id" integer NOT NULL,
	"prefix" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "part_document_counters_pk" PRIMARY KEY("store_id","prefix","day")
);
--> statement-breakpoint
CREATE TABLE "part_vehicle_models" (
	"store_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"vehicle_model_id" integer NOT NULL,
	CONSTRAINT "part_vehicle_models_pk" PRIMARY KEY("store_id","part_id","vehicle_model_id")
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"part_no" text NOT NULL,
	"part_no_key" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"name_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"brand" text DEFAULT '' NOT NULL,
	"origin" text DEFAULT 'oem' NOT NULL,
	"unit" text DEFAULT 'piece' NOT NULL,
	"category" text DEFAULT 'other' NOT NULL,
	"cost_fen" integer DEFAULT 0 NOT NULL,
	"retail_price_fen" integer DEFAULT 0 NOT NULL,
	"default_location" text DEFAULT '' NOT NULL,
	"safety_stock" numeric(12, 3),
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parts_prices_check" CHECK ("parts"."cost_fen" >= 0 AND "parts"."retail_price_fen" >= 0),
	CONSTRAINT "parts_safety_stock_check" CHECK ("parts"."safety_stock" IS NULL OR "parts"."safety_stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "old_parts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "old_parts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"tag_no" text NOT NULL,
	"part_id" integer,
	"part_no" text NOT NULL,
	"name" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"ro_id" integer NOT NULL,
	"ro_line_id" integer,
	"ro_number" text DEFAULT '' NOT NULL,
	"request_id" integer,
	"claim_no" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'in_storage' NOT NULL,
	"waybill_no" text DEFAULT '' NOT NULL,
	"returned_at" timestamp with time zone,
	"disposed_at" timestamp with time zone,
	"disposed_reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"tagged_by" integer,
	"tagged_by_name" text DEFAULT '' NOT NULL,
	"tagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchase_order_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"part_id" integer NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"received" numeric(12, 3) DEFAULT '0' NOT NULL,
	"unit_cost_fen" integer NOT NULL,
	"request_id" integer,
	"closed" boolean DEFAULT false NOT NULL,
	"close_reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "purchase_order_lines_quantities_check" CHECK ("purchase_order_lines"."quantity" > 0 AND "purchase_order_lines"."received" >= 0 AND "purchase_order_lines"."unit_cost_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchase_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"supplier" text NOT NULL,
	"kind" text DEFAULT 'regular' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"expected_date" date,
	"note" text DEFAULT '' NOT NULL,
	"approved_by" integer,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"approval_note" text DEFAULT '' NOT NULL,
	"ordered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchase_receipts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "purchase_receipts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"number" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"received_by" integer,
	"received_by_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "part_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "part_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"ro_line_id" integer,
	"ro_number" text DEFAULT '' NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"issued" numeric(12, 3) DEFAULT '0' NOT NULL,
	"returned" numeric(12, 3) DEFAULT '0' NOT NULL,
	"fitted" numeric(12, 3) DEFAULT '0' NOT NULL,
	"issued_value_fen" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"in_stock_at_request" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"requested_by" integer,
	"requested_by_name" text DEFAULT '' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_issued_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part_requests_quantities_check" CHECK ("part_requests"."quantity" > 0 AND "part_requests"."issued" >= 0 AND "part_requests"."returned" >= 0 AND "part_requests"."fitted" >= 0 AND "part_requests"."issued" <= "part_requests"."quantity" AND "part_requests"."returned" + "part_requests"."fitted" <= "part_requests"."issued" AND "part_requests"."issued_value_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"store_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"location" text NOT NULL,
	"on_hand" numeric(12, 3) DEFAULT '0' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_balances_pk" PRIMARY KEY("store_id","part_id","location"),
	CONSTRAINT "stock_balances_on_hand_check" CHECK ("stock_balances"."on_hand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"location" text NOT NULL,
	"kind" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"unit_cost_fen" integer NOT NULL,
	"value_fen" bigint NOT NULL,
	"price_fen" integer,
	"reason" text DEFAULT '' NOT NULL,
	"ref_type" text,
	"ref_id" integer,
	"ref_line_id" integer,
	"ro_id" integer,
	"ro_number" text,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_quantity_check" CHECK ("stock_movements"."quantity" <> 0)
);
--> statement-breakpoint
CREATE TABLE "stock_valuations" (
	"store_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"on_hand" numeric(12, 3) DEFAULT '0' NOT NULL,
	"value_fen" bigint DEFAULT 0 NOT NULL,
	"last_receipt_at" timestamp with time zone,
	"last_outbound_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_valuations_pk" PRIMARY KEY("store_id","part_id"),
	CONSTRAINT "stock_valuations_on_hand_check" CHECK ("stock_valuations"."on_hand" >= 0),
	CONSTRAINT "stock_valuations_value_check" CHECK ("stock_valuations"."value_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stocktake_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktake_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"stocktake_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"location" text NOT NULL,
	"expected_qty" numeric(12, 3) NOT NULL,
	"counted_qty" numeric(12, 3),
	"counted_at" timestamp with time zone,
	"counted_by" integer,
	"found" boolean DEFAULT false NOT NULL,
	"book_at_count" numeric(12, 3),
	"adjustment" numeric(12, 3),
	"adjustment_value_fen" bigint
);
--> statement-breakpoint
CREATE TABLE "stocktakes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktakes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"status" text DEFAULT 'counting' NOT NULL,
	"locations" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"snapshot_movement_id" bigint NOT NULL,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" integer,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"approval_note" text DEFAULT '' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_transfer_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_transfer_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"transfer_id" integer NOT NULL,
	"part_id" integer NOT NULL,
	"location" text NOT NULL,
	"quantity" numeric(12, 3) NOT NULL,
	"value_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_transfers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stock_transfers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"direction" text NOT NULL,
	"counterpart_store_id" integer NOT NULL,
	"counterpart_transfer_id" integer,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "part_document_counters" ADD CONSTRAINT "part_document_counters_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_vehicle_models" ADD CONSTRAINT "part_vehicle_models_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_vehicle_models" ADD CONSTRAINT "part_vehicle_models_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_vehicle_models" ADD CONSTRAINT "part_vehicle_models_vehicle_model_id_vehicle_models_id_fk" FOREIGN KEY ("vehicle_model_id") REFERENCES "public"."vehicle_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts" ADD CONSTRAINT "parts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_parts" ADD CONSTRAINT "old_parts_request_id_part_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."part_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_request_id_part_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."part_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_receipts" ADD CONSTRAINT "purchase_receipts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_receipts" ADD CONSTRAINT "purchase_receipts_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_requests" ADD CONSTRAINT "part_requests_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_valuations" ADD CONSTRAINT "stock_valuations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_valuations" ADD CONSTRAINT "stock_valuations_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfer_lines" ADD CONSTRAINT "stock_transfer_lines_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfer_lines" ADD CONSTRAINT "stock_transfer_lines_transfer_id_stock_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."stock_transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfer_lines" ADD CONSTRAINT "stock_transfer_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_counterpart_store_id_stores_id_fk" FOREIGN KEY ("counterpart_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "part_vehicle_models_store_model_idx" ON "part_vehicle_models" USING btree ("store_id","vehicle_model_id","part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "parts_store_part_no_key_uq" ON "parts" USING btree ("store_id","part_no_key");--> statement-breakpoint
CREATE INDEX "parts_store_category_idx" ON "parts" USING btree ("store_id","category");--> statement-breakpoint
CREATE INDEX "parts_store_name_idx" ON "parts" USING btree ("store_id","name_key");--> statement-breakpoint
CREATE INDEX "parts_part_no_key_trgm" ON "parts" USING gin ("part_no_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "parts_name_key_trgm" ON "parts" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "parts_name_grams_gin" ON "parts" USING gin ("name_grams");--> statement-breakpoint
CREATE UNIQUE INDEX "old_parts_store_tag_uq" ON "old_parts" USING btree ("store_id","tag_no");--> statement-breakpoint
CREATE INDEX "old_parts_store_status_idx" ON "old_parts" USING btree ("store_id","status","tagged_at");--> statement-breakpoint
CREATE INDEX "old_parts_store_ro_idx" ON "old_parts" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "purchase_order_lines_store_order_idx" ON "purchase_order_lines" USING btree ("store_id","order_id","line_no");--> statement-breakpoint
CREATE INDEX "purchase_order_lines_store_part_idx" ON "purchase_order_lines" USING btree ("store_id","part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_store_number_uq" ON "purchase_orders" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "purchase_orders_store_status_idx" ON "purchase_orders" USING btree ("store_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_receipts_store_number_uq" ON "purchase_receipts" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "purchase_receipts_store_order_idx" ON "purchase_receipts" USING btree ("store_id","order_id");--> statement-breakpoint
CREATE INDEX "part_requests_store_ro_idx" ON "part_requests" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "part_requests_store_status_at_idx" ON "part_requests" USING btree ("store_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "part_requests_store_part_status_idx" ON "part_requests" USING btree ("store_id","part_id","status");--> statement-breakpoint
CREATE INDEX "part_requests_store_requested_at_idx" ON "part_requests" USING btree ("store_id","requested_at");--> statement-breakpoint
CREATE INDEX "stock_balances_store_location_idx" ON "stock_balances" USING btree ("store_id","location");--> statement-breakpoint
CREATE INDEX "stock_movements_store_part_at_idx" ON "stock_movements" USING btree ("store_id","part_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_store_at_idx" ON "stock_movements" USING btree ("store_id","at");--> statement-breakpoint
CREATE INDEX "stock_movements_store_ref_idx" ON "stock_movements" USING btree ("store_id","ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "stock_valuations_store_value_idx" ON "stock_valuations" USING btree ("store_id","value_fen");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_lines_store_sheet_part_location_uq" ON "stocktake_lines" USING btree ("store_id","stocktake_id","part_id","location");--> statement-breakpoint
CREATE INDEX "stocktake_lines_store_part_idx" ON "stocktake_lines" USING btree ("store_id","part_id","location");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktakes_store_number_uq" ON "stocktakes" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "stocktakes_store_status_idx" ON "stocktakes" USING btree ("store_id","status");--> statement-breakpoint
CREATE INDEX "stock_transfer_lines_store_transfer_idx" ON "stock_transfer_lines" USING btree ("store_id","transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_transfers_store_side_number_uq" ON "stock_transfers" USING btree ("store_id","direction","counterpart_store_id","number");--> statement-breakpoint
CREATE INDEX "stock_transfers_store_at_idx" ON "stock_transfers" USING btree ("store_id","at");