CREATE TABLE "attendance" (
	"store_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"hours" numeric(4, 2) NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_store_id_user_id_day_pk" PRIMARY KEY("store_id","user_id","day"),
	CONSTRAINT "attendance_hours_check" CHECK ("attendance"."hours" >= 0 AND "attendance"."hours" <= 24)
);
--> statement-breakpoint
CREATE TABLE "clock_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clock_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"job_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"technician_id" integer NOT NULL,
	"technician_name" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "clock_records_order_check" CHECK ("clock_records"."ended_at" IS NULL OR "clock_records"."ended_at" >= "clock_records"."started_at")
);
--> statement-breakpoint
CREATE TABLE "comebacks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comebacks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"original_ro_id" integer NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"recorded_by_name" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fault_cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fault_cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"title" text NOT NULL,
	"model_name" text NOT NULL,
	"symptom" text NOT NULL,
	"diagnosis" text NOT NULL,
	"fix" text NOT NULL,
	"ro_id" integer,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(title || ' ' || model_name || ' ' || symptom || ' ' || diagnosis || ' ' || fix)) STORED,
	"author_id" integer,
	"author_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_technicians" (
	"store_id" integer NOT NULL,
	"job_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "job_technicians_job_id_user_id_pk" PRIMARY KEY("job_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"ro_line_id" integer NOT NULL,
	"description" text NOT NULL,
	"job_type" text NOT NULL,
	"standard_hours" numeric(8, 2) NOT NULL,
	"required_grade" text,
	"required_certification" text,
	"bay_id" integer,
	"state" text DEFAULT 'assigned' NOT NULL,
	"pause_reason" text,
	"qc_stage" text,
	"rework_count" integer DEFAULT 0 NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_by" integer,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qc_checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "qc_checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"job_type" text NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qc_inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "qc_inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"job_id" integer NOT NULL,
	"ro_id" integer NOT NULL,
	"level" text NOT NULL,
	"passed" boolean NOT NULL,
	"items" jsonb NOT NULL,
	"remarks" text DEFAULT '' NOT NULL,
	"inspector_id" integer,
	"inspector_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quality_incidents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quality_incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"kind" text NOT NULL,
	"ro_id" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"description" text NOT NULL,
	"owner_id" integer,
	"owner_name" text DEFAULT '' NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_records" ADD CONSTRAINT "clock_records_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock_records" ADD CONSTRAINT "clock_records_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comebacks" ADD CONSTRAINT "comebacks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comebacks" ADD CONSTRAINT "comebacks_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comebacks" ADD CONSTRAINT "comebacks_original_ro_id_repair_orders_id_fk" FOREIGN KEY ("original_ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fault_cases" ADD CONSTRAINT "fault_cases_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fault_cases" ADD CONSTRAINT "fault_cases_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_technicians" ADD CONSTRAINT "job_technicians_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_technicians" ADD CONSTRAINT "job_technicians_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_ro_line_id_repair_order_lines_id_fk" FOREIGN KEY ("ro_line_id") REFERENCES "public"."repair_order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_bay_id_bays_id_fk" FOREIGN KEY ("bay_id") REFERENCES "public"."bays"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qc_checklist_items" ADD CONSTRAINT "qc_checklist_items_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qc_inspections" ADD CONSTRAINT "qc_inspections_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qc_inspections" ADD CONSTRAINT "qc_inspections_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_incidents" ADD CONSTRAINT "quality_incidents_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_incidents" ADD CONSTRAINT "quality_incidents_ro_id_repair_orders_id_fk" FOREIGN KEY ("ro_id") REFERENCES "public"."repair_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clock_records_open_uq" ON "clock_records" USING btree ("store_id","technician_id") WHERE "clock_records"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "clock_records_store_tech_idx" ON "clock_records" USING btree ("store_id","technician_id","started_at");--> statement-breakpoint
CREATE INDEX "clock_records_store_job_idx" ON "clock_records" USING btree ("store_id","job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "comebacks_store_ro_uq" ON "comebacks" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "comebacks_store_original_idx" ON "comebacks" USING btree ("store_id","original_ro_id");--> statement-breakpoint
CREATE INDEX "fault_cases_search_trgm" ON "fault_cases" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "fault_cases_model_trgm" ON "fault_cases" USING gin (lower("model_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "fault_cases_store_created_idx" ON "fault_cases" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "job_technicians_store_user_idx" ON "job_technicians" USING btree ("store_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_store_line_uq" ON "jobs" USING btree ("store_id","ro_line_id");--> statement-breakpoint
CREATE INDEX "jobs_store_ro_idx" ON "jobs" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "jobs_store_state_idx" ON "jobs" USING btree ("store_id","state","qc_stage");--> statement-breakpoint
CREATE INDEX "jobs_store_finished_idx" ON "jobs" USING btree ("store_id","finished_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qc_checklist_items_store_type_code_uq" ON "qc_checklist_items" USING btree ("store_id","job_type","code");--> statement-breakpoint
CREATE INDEX "qc_inspections_store_ro_idx" ON "qc_inspections" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE INDEX "qc_inspections_store_job_idx" ON "qc_inspections" USING btree ("store_id","job_id");--> statement-breakpoint
CREATE INDEX "quality_incidents_store_status_idx" ON "quality_incidents" USING btree ("store_id","status","occurred_at");