CREATE TABLE "appointment_slots" (
	"store_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"job_type" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"overridden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "appointment_slots_pk" PRIMARY KEY("store_id","starts_at","job_type"),
	CONSTRAINT "appointment_slots_load_check" CHECK ("appointment_slots"."booked" >= 0 AND "appointment_slots"."booked" <= "appointment_slots"."capacity")
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "appointments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"vehicle_id" integer NOT NULL,
	"customer_id" integer,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"channel" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"job_type" text NOT NULL,
	"requested_work" text NOT NULL,
	"advisor_id" integer,
	"parts_to_prepare" text DEFAULT '' NOT NULL,
	"deposit_fen" bigint DEFAULT 0 NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"arrived_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"ro_id" integer,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointments_deposit_check" CHECK ("appointments"."deposit_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "additional_work" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "additional_work_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"description" text NOT NULL,
	"safety" boolean DEFAULT false NOT NULL,
	"delay_minutes" integer DEFAULT 0 NOT NULL,
	"lines" jsonb NOT NULL,
	"amount_fen" bigint NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"decided_by" text DEFAULT '' NOT NULL,
	"channel" text,
	"note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"recorded_by" integer,
	"recorded_by_name" text DEFAULT '' NOT NULL,
	"raised_by" integer,
	"raised_by_name" text DEFAULT '' NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"followed_up_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "discount_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discount_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"labour_discount_fen" bigint NOT NULL,
	"parts_discount_fen" bigint NOT NULL,
	"percent_of_labour_bp" integer NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer,
	"requested_by_name" text DEFAULT '' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" integer,
	"decided_by_name" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_order_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_order_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"kind" text NOT NULL,
	"source" text DEFAULT 'estimate' NOT NULL,
	"additional_work_id" integer,
	"service_item_id" integer,
	"part_id" integer,
	"description" text NOT NULL,
	"job_type" text,
	"hours" numeric(8, 2),
	"rate_fen" bigint,
	"fixed_price_fen" bigint,
	"quantity" numeric(12, 3),
	"unit_price_fen" bigint,
	"amount_fen" bigint NOT NULL,
	"payer" text NOT NULL,
	"required_grade" text,
	"required_certification" text,
	"part_request_id" integer,
	"removed_at" timestamp with time zone,
	"removed_reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_order_lines_amount_check" CHECK ("repair_order_lines"."amount_fen" >= 0),
	CONSTRAINT "repair_order_lines_kind_check" CHECK (("repair_order_lines"."kind" = 'labour' AND "repair_order_lines"."hours" IS NOT NULL) OR ("repair_order_lines"."kind" = 'part' AND "repair_order_lines"."part_id" IS NOT NULL AND "repair_order_lines"."quantity" > 0))
);
--> statement-breakpoint
CREATE TABLE "repair_order_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_order_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_orders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "repair_orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"pricing_method" text DEFAULT 'by_item' NOT NULL,
	"vehicle_id" integer NOT NULL,
	"customer_id" integer,
	"advisor_id" integer,
	"plate" text,
	"vin" text,
	"model_name" text DEFAULT '' NOT NULL,
	"customer_name" text DEFAULT '' NOT NULL,
	"advisor_name" text DEFAULT '' NOT NULL,
	"appointment_id" integer,
	"brought_by_name" text NOT NULL,
	"brought_by_phone" text DEFAULT '' NOT NULL,
	"odometer_km" integer NOT NULL,
	"fuel_level" text NOT NULL,
	"damage_marks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warning_lights" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"belongings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"concerns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"promised_at" timestamp with time zone,
	"estimated_hundredths" integer DEFAULT 0 NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"signature" text,
	"signed_at" timestamp with time zone,
	"delivery_signature" text,
	"pause_reason" text,
	"comeback_of_ro_id" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ready_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"progress_checked_at" timestamp with time zone,
	"pickup_notice_at" timestamp with time zone,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repair_orders_odometer_check" CHECK ("repair_orders"."odometer_km" >= 0)
);
--> statement-breakpoint
CREATE TABLE "settlement_payments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlement_payments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"settlement_id" integer NOT NULL,
	"payer" text NOT NULL,
	"method" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	CONSTRAINT "settlement_payments_amount_check" CHECK ("settlement_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "settlements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"number" text NOT NULL,
	"totals" jsonb NOT NULL,
	"labour_fen" bigint NOT NULL,
	"parts_fen" bigint NOT NULL,
	"discount_fen" bigint NOT NULL,
	"total_fen" bigint NOT NULL,
	"discount_reason" text DEFAULT '' NOT NULL,
	"discount_request_id" integer,
	"gate_pass_number" text NOT NULL,
	"settled_by" integer,
	"settled_by_name" text DEFAULT '' NOT NULL,
	"settled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reversed_at" timestamp with time zone,
	"reversed_by" integer,
	"reversed_by_name" text DEFAULT '' NOT NULL,
	"reversal_reason" text DEFAULT '' NOT NULL,
	"reversal_number" text
);
--> statement-breakpoint
CREATE TABLE "document_counters" (
	"store_id" integer NOT NULL,
	"prefix" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_pk" PRIMARY KEY("store_id","prefix","day")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"store_id" integer NOT NULL,
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_pk" PRIMARY KEY("store_id","scope","key")
);
--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_work" ADD CONSTRAINT "additional_work_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_work" ADD CONSTRAINT "additional_work_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "additional_work" ADD CONSTRAINT "additional_work_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discount_requests" ADD CONSTRAINT "discount_requests_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_additional_work_id_additional_work_id_fk" FOREIGN KEY ("additional_work_id") REFERENCES "public"."additional_work"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_service_item_id_service_items_id_fk" FOREIGN KEY ("service_item_id") REFERENCES "public"."service_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_transitions" ADD CONSTRAINT "repair_order_transitions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_transitions" ADD CONSTRAINT "repair_order_transitions_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_comeback_of_ro_id_repair_orders_id_fk" FOREIGN KEY ("comeback_of_ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_payments" ADD CONSTRAINT "settlement_payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_payments" ADD CONSTRAINT "settlement_payments_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_discount_request_id_discount_requests_id_fk" FOREIGN KEY ("discount_request_id") REFERENCES "public"."discount_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_store_number_uq" ON "appointments" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "appointments_store_starts_idx" ON "appointments" USING btree ("store_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_store_vehicle_idx" ON "appointments" USING btree ("store_id","vehicle_id","starts_at");--> statement-breakpoint
CREATE INDEX "additional_work_store_ro_idx" ON "additional_work" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "additional_work_store_decision_idx" ON "additional_work" USING btree ("store_id","decision","raised_at");--> statement-breakpoint
CREATE INDEX "additional_work_store_vehicle_idx" ON "additional_work" USING btree ("store_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "discount_requests_store_status_idx" ON "discount_requests" USING btree ("store_id","status","requested_at");--> statement-breakpoint
CREATE INDEX "discount_requests_store_ro_idx" ON "discount_requests" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "repair_order_lines_store_ro_idx" ON "repair_order_lines" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "repair_order_transitions_store_ro_idx" ON "repair_order_transitions" USING btree ("store_id","ro_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_store_number_uq" ON "repair_orders" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "repair_orders_store_state_idx" ON "repair_orders" USING btree ("store_id","state","promised_at");--> statement-breakpoint
CREATE INDEX "repair_orders_store_vehicle_idx" ON "repair_orders" USING btree ("store_id","vehicle_id","opened_at");--> statement-breakpoint
CREATE INDEX "repair_orders_store_advisor_state_idx" ON "repair_orders" USING btree ("store_id","advisor_id","state");--> statement-breakpoint
CREATE INDEX "repair_orders_store_opened_idx" ON "repair_orders" USING btree ("store_id","opened_at");--> statement-breakpoint
CREATE INDEX "settlement_payments_store_settlement_idx" ON "settlement_payments" USING btree ("store_id","settlement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_store_number_uq" ON "settlements" USING btree ("store_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_live_ro_uq" ON "settlements" USING btree ("store_id","ro_id") WHERE "settlements"."reversed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "settlements_store_settled_idx" ON "settlements" USING btree ("store_id","settled_at");