CREATE TABLE "care_answers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"call_id" integer NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"code" text NOT NULL,
	"score" smallint,
	"yes" boolean,
	"choice" text,
	"text" text,
	CONSTRAINT "care_answers_score_check" CHECK ("care_answers"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "care_calls" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"task_id" integer NOT NULL,
	"task_kind" text NOT NULL,
	"vehicle_id" integer,
	"customer_id" integer,
	"ro_id" integer,
	"advisor_id" integer,
	"advisor_name" text DEFAULT '' NOT NULL,
	"agent_id" integer,
	"agent_name" text DEFAULT '' NOT NULL,
	"phone" text,
	"called_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"questionnaire_id" integer,
	"overall_score" smallint,
	"note" text DEFAULT '' NOT NULL,
	"next_step" text DEFAULT '' NOT NULL,
	"complaint_id" integer,
	"complaint_number" text,
	"supervisor_task_id" integer,
	"outside_calling_hours" boolean DEFAULT false NOT NULL,
	CONSTRAINT "care_calls_score_check" CHECK ("care_calls"."overall_score" BETWEEN 1 AND 5),
	CONSTRAINT "care_calls_answers_reached_check" CHECK ("care_calls"."outcome" = 'reached' OR ("care_calls"."overall_score" IS NULL AND "care_calls"."complaint_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "care_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "care_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"kind" text NOT NULL,
	"business_key" text NOT NULL,
	"queue" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"vehicle_id" integer,
	"customer_id" integer,
	"ro_id" integer,
	"appointment_id" integer,
	"additional_work_id" integer,
	"parent_call_id" integer,
	"advisor_id" integer,
	"assignee_id" integer,
	"advisor_name" text DEFAULT '' NOT NULL,
	"plate" text,
	"customer_name" text DEFAULT '' NOT NULL,
	"ro_number" text,
	"subject" text DEFAULT '' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_outcome" text,
	"last_call_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_tasks_window_check" CHECK ("care_tasks"."due_at" > "care_tasks"."available_at"),
	CONSTRAINT "care_tasks_attempts_check" CHECK ("care_tasks"."attempts" >= 0),
	CONSTRAINT "care_tasks_status_check" CHECK ("care_tasks"."status" IN ('open', 'done', 'unreachable', 'cancelled')),
	CONSTRAINT "care_tasks_closed_check" CHECK (("care_tasks"."status" = 'open') = ("care_tasks"."closed_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "questionnaires_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"questions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaires_default_active_check" CHECK (NOT "questionnaires"."is_default" OR "questionnaires"."active")
);
--> statement-breakpoint
ALTER TABLE "care_answers" ADD CONSTRAINT "care_answers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_answers" ADD CONSTRAINT "care_answers_call_id_care_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."care_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_calls" ADD CONSTRAINT "care_calls_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_calls" ADD CONSTRAINT "care_calls_task_id_care_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."care_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_calls" ADD CONSTRAINT "care_calls_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_calls" ADD CONSTRAINT "care_calls_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_tasks" ADD CONSTRAINT "care_tasks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaires" ADD CONSTRAINT "questionnaires_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_answers_call_code_uq" ON "care_answers" USING btree ("store_id","call_id","code");--> statement-breakpoint
CREATE INDEX "care_answers_store_questionnaire_idx" ON "care_answers" USING btree ("store_id","questionnaire_id","code");--> statement-breakpoint
CREATE INDEX "care_calls_store_called_idx" ON "care_calls" USING btree ("store_id","called_at");--> statement-breakpoint
CREATE INDEX "care_calls_store_task_idx" ON "care_calls" USING btree ("store_id","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_tasks_business_key_uq" ON "care_tasks" USING btree ("store_id","kind","business_key");--> statement-breakpoint
CREATE INDEX "care_tasks_queue_open_idx" ON "care_tasks" USING btree ("store_id","queue","due_at") WHERE "care_tasks"."status" = 'open';--> statement-breakpoint
CREATE INDEX "care_tasks_store_vehicle_idx" ON "care_tasks" USING btree ("store_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "care_tasks_store_ro_idx" ON "care_tasks" USING btree ("store_id","ro_id");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaires_store_default_uq" ON "questionnaires" USING btree ("store_id") WHERE "questionnaires"."is_default";