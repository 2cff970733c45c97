CREATE TABLE "complaint_remedies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_remedies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"complaint_id" integer NOT NULL,
	"kind" text NOT NULL,
	"cost_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_remedies_cost_check" CHECK ("complaint_remedies"."cost_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "complaint_steps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaint_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"complaint_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "complaints_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"department" text,
	"severity" text NOT NULL,
	"state" text DEFAULT 'registered' NOT NULL,
	"customer_id" integer NOT NULL,
	"vehicle_id" integer,
	"ro_id" integer,
	"description" text NOT NULL,
	"owner_id" integer,
	"owner_name" text DEFAULT '' NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"apology" text DEFAULT '' NOT NULL,
	"promised_reply_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"solution" text DEFAULT '' NOT NULL,
	"cause" text DEFAULT '' NOT NULL,
	"resolution" text DEFAULT '' NOT NULL,
	"prevention" text DEFAULT '' NOT NULL,
	"satisfaction" text,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaints_closed_check" CHECK ("complaints"."state" <> 'closed' OR ("complaints"."resolution" <> '' AND "complaints"."satisfaction" IS NOT NULL AND "complaints"."closed_at" IS NOT NULL)),
	CONSTRAINT "complaints_acknowledged_check" CHECK ("complaints"."state" = 'registered' OR ("complaints"."apology" <> '' AND "complaints"."promised_reply_at" IS NOT NULL)),
	CONSTRAINT "complaints_escalation_check" CHECK ("complaints"."escalation_level" >= 0)
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "message_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"name" text NOT NULL,
	"channel" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"channel" text NOT NULL,
	"template_id" integer,
	"template_name" text DEFAULT '' NOT NULL,
	"customer_id" integer,
	"vehicle_id" integer,
	"recipient" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"last_error" text DEFAULT '' NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"provider_ref" text DEFAULT '' NOT NULL,
	"sent_at" timestamp with time zone,
	"ref_type" text,
	"ref_id" text,
	"created_by" integer,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_attempts_check" CHECK ("outbox_messages"."attempts" >= 0 AND "outbox_messages"."attempts" <= "outbox_messages"."max_attempts"),
	CONSTRAINT "outbox_messages_sent_check" CHECK ("outbox_messages"."state" <> 'sent' OR "outbox_messages"."sent_at" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "outbox_settings" (
	"store_id" integer PRIMARY KEY NOT NULL,
	"quiet_start" text DEFAULT '21:00' NOT NULL,
	"quiet_end" text DEFAULT '08:00' NOT NULL,
	"provider" text DEFAULT 'record' NOT NULL,
	"webhook_url" text DEFAULT '' NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"retry_base_seconds" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "css_results" (
	"store_id" integer NOT NULL,
	"month" text NOT NULL,
	"level" text NOT NULL,
	"sample_size" integer NOT NULL,
	"css_score" numeric(7, 2),
	"item_scores" jsonb NOT NULL,
	"entered_by" integer,
	"entered_by_name" text DEFAULT '' NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "css_results_pk" PRIMARY KEY("store_id","month","level"),
	CONSTRAINT "css_results_sample_check" CHECK ("css_results"."sample_size" >= 0),
	CONSTRAINT "css_results_month_check" CHECK ("css_results"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
);
--> statement-breakpoint
CREATE TABLE "css_weights" (
	"store_id" integer NOT NULL,
	"item" text NOT NULL,
	"weight" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "css_weights_pk" PRIMARY KEY("store_id","item"),
	CONSTRAINT "css_weights_range_check" CHECK ("css_weights"."weight" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "pt_results" (
	"store_id" integer NOT NULL,
	"month" text NOT NULL,
	"section" text NOT NULL,
	"items" integer NOT NULL,
	"passed" integer NOT NULL,
	"entered_by" integer,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pt_results_pk" PRIMARY KEY("store_id","month","section"),
	CONSTRAINT "pt_results_passed_check" CHECK ("pt_results"."items" > 0 AND "pt_results"."passed" >= 0 AND "pt_results"."passed" <= "pt_results"."items")
);
--> statement-breakpoint
ALTER TABLE "complaint_remedies" ADD CONSTRAINT "complaint_remedies_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_remedies" ADD CONSTRAINT "complaint_remedies_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_steps" ADD CONSTRAINT "complaint_steps_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_template_id_message_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."message_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_settings" ADD CONSTRAINT "outbox_settings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "css_results" ADD CONSTRAINT "css_results_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "css_weights" ADD CONSTRAINT "css_weights_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pt_results" ADD CONSTRAINT "pt_results_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_remedies_store_complaint_idx" ON "complaint_remedies" USING btree ("store_id","complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_steps_store_complaint_idx" ON "complaint_steps" USING btree ("store_id","complaint_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_store_number_uq" ON "complaints" USING btree ("store_id","number");--> statement-breakpoint
CREATE INDEX "complaints_store_created_idx" ON "complaints" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_store_state_due_idx" ON "complaints" USING btree ("store_id","state","resolve_due_at");--> statement-breakpoint
CREATE INDEX "complaints_store_vehicle_idx" ON "complaints" USING btree ("store_id","vehicle_id");--> statement-breakpoint
CREATE INDEX "complaints_store_customer_idx" ON "complaints" USING btree ("store_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_store_name_uq" ON "message_templates" USING btree ("store_id","name");--> statement-breakpoint
CREATE INDEX "outbox_messages_due_idx" ON "outbox_messages" USING btree ("next_attempt_at") WHERE "outbox_messages"."state" IN ('queued', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_messages_store_created_idx" ON "outbox_messages" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_messages_store_sent_idx" ON "outbox_messages" USING btree ("store_id","sent_at") WHERE "outbox_messages"."sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_messages_store_customer_idx" ON "outbox_messages" USING btree ("store_id","customer_id");