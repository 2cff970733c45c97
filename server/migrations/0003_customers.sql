CREATE TABLE "customer_segments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customer_segments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"filter" jsonb NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"kind" text DEFAULT 'person' NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"name_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"name_initials" text DEFAULT '' NOT NULL,
	"mobile" text,
	"other_phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone_digits" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"source" text,
	"outlet_name" text DEFAULT '' NOT NULL,
	"consent_phone" boolean,
	"consent_sms" boolean,
	"consent_wechat" boolean,
	"preferred_advisor_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"completeness" smallint DEFAULT 0 NOT NULL,
	"completeness_missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"merged_into_id" integer,
	"merged_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "odometer_readings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "odometer_readings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"km" integer NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"service" boolean DEFAULT true NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"brought_by_customer_id" integer,
	"brought_by_name" text DEFAULT '' NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "timeline_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"vehicle_id" integer,
	"customer_id" integer,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"ref_type" text,
	"ref_id" text,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"vin" text,
	"plate" text,
	"vehicle_model_id" integer,
	"colour" text DEFAULT '' NOT NULL,
	"engine_no" text DEFAULT '' NOT NULL,
	"purchase_date" date,
	"sold_by_us" boolean DEFAULT false NOT NULL,
	"warranty_start" date,
	"insurance_company" text DEFAULT '' NOT NULL,
	"insurance_expiry" date,
	"extended_warranty_until" date,
	"extended_warranty_km" integer,
	"owner_id" integer,
	"driver_id" integer,
	"current_mileage_km" integer,
	"mileage_read_at" timestamp with time zone,
	"avg_km_per_day" double precision,
	"last_service_date" date,
	"last_service_km" integer,
	"next_due_date" date,
	"next_due_km" integer,
	"last_visit_at" timestamp with time zone,
	"completeness" smallint DEFAULT 0 NOT NULL,
	"completeness_missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"merged_into_id" integer,
	"merged_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_segments" ADD CONSTRAINT "customer_segments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_merged_into_id_customers_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odometer_readings" ADD CONSTRAINT "odometer_readings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odometer_readings" ADD CONSTRAINT "odometer_readings_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odometer_readings" ADD CONSTRAINT "odometer_readings_brought_by_customer_id_customers_id_fk" FOREIGN KEY ("brought_by_customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_events" ADD CONSTRAINT "timeline_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_vehicle_model_id_vehicle_models_id_fk" FOREIGN KEY ("vehicle_model_id") REFERENCES "public"."vehicle_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_owner_id_customers_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_driver_id_customers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_merged_into_id_vehicles_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_segments_store_name_uq" ON "customer_segments" USING btree ("store_id","name");--> statement-breakpoint
CREATE INDEX "customers_store_mobile_idx" ON "customers" USING btree ("store_id","mobile");--> statement-breakpoint
CREATE INDEX "customers_store_search_name_idx" ON "customers" USING btree ("store_id","search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_store_initials_idx" ON "customers" USING btree ("store_id","name_initials" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_name_grams_gin" ON "customers" USING gin ("name_grams");--> statement-breakpoint
CREATE INDEX "customers_phone_digits_trgm" ON "customers" USING gin ("phone_digits" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_tags_gin" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "customers_store_completeness_idx" ON "customers" USING btree ("store_id","completeness");--> statement-breakpoint
CREATE INDEX "customers_store_source_idx" ON "customers" USING btree ("store_id","source");--> statement-breakpoint
CREATE INDEX "customers_store_outlet_idx" ON "customers" USING btree ("store_id","outlet_name");--> statement-breakpoint
CREATE INDEX "customers_store_merged_into_idx" ON "customers" USING btree ("store_id","merged_into_id");--> statement-breakpoint
CREATE INDEX "odometer_readings_store_vehicle_at_idx" ON "odometer_readings" USING btree ("store_id","vehicle_id","read_at");--> statement-breakpoint
CREATE INDEX "odometer_readings_store_brought_by_idx" ON "odometer_readings" USING btree ("store_id","brought_by_customer_id");--> statement-breakpoint
CREATE INDEX "timeline_events_store_vehicle_at_idx" ON "timeline_events" USING btree ("store_id","vehicle_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "timeline_events_store_customer_at_idx" ON "timeline_events" USING btree ("store_id","customer_id","at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "timeline_events_store_ref_idx" ON "timeline_events" USING btree ("store_id","ref_type","ref_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_store_vin_uq" ON "vehicles" USING btree ("store_id","vin") WHERE "vehicles"."merged_into_id" IS NULL;--> statement-breakpoint
CREATE INDEX "vehicles_store_plate_idx" ON "vehicles" USING btree ("store_id","plate");--> statement-breakpoint
CREATE INDEX "vehicles_plate_trgm" ON "vehicles" USING gin ("plate" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicles_vin_trgm" ON "vehicles" USING gin ("vin" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicles_store_owner_idx" ON "vehicles" USING btree ("store_id","owner_id");--> statement-breakpoint
CREATE INDEX "vehicles_store_driver_idx" ON "vehicles" USING btree ("store_id","driver_id");--> statement-breakpoint
CREATE INDEX "vehicles_store_model_idx" ON "vehicles" USING btree ("store_id","vehicle_model_id");--> statement-breakpoint
CREATE INDEX "vehicles_store_next_due_idx" ON "vehicles" USING btree ("store_id","next_due_date");--> statement-breakpoint
CREATE INDEX "vehicles_store_completeness_idx" ON "vehicles" USING btree ("store_id","completeness");--> statement-breakpoint
CREATE INDEX "vehicles_store_merged_into_idx" ON "vehicles" USING btree ("store_id","merged_into_id");