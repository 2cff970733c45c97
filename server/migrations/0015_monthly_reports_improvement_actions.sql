CREATE TABLE "improvement_action_evidence" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_action_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"action_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "improvement_action_evidence_size_check" CHECK ("improvement_action_evidence"."size_bytes" > 0 AND "improvement_action_evidence"."size_bytes" <= 2097152 AND octet_length("improvement_action_evidence"."content") = "improvement_action_evidence"."size_bytes")
);
--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "improvement_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"month" text NOT NULL,
	"department" text NOT NULL,
	"rank" integer NOT NULL,
	"problem" text NOT NULL,
	"measure" text NOT NULL,
	"owner_id" integer NOT NULL,
	"owner_name" text NOT NULL,
	"supervisor_id" integer NOT NULL,
	"supervisor_name" text NOT NULL,
	"due_date" date NOT NULL,
	"checkpoint" text NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"status_note" text,
	"completed_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "improvement_actions_rank_check" CHECK ("improvement_actions"."rank" BETWEEN 1 AND 5),
	CONSTRAINT "improvement_actions_month_check" CHECK ("improvement_actions"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "improvement_actions_status_check" CHECK ("improvement_actions"."status" IN ('not_started', 'in_progress', 'done')),
	CONSTRAINT "improvement_actions_done_check" CHECK (("improvement_actions"."status" = 'done') = ("improvement_actions"."completed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "report_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "report_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"store_id" integer NOT NULL,
	"kind" text NOT NULL,
	"month" text NOT NULL,
	"section" text NOT NULL,
	"problems" text DEFAULT '' NOT NULL,
	"plan" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "improvement_action_evidence" ADD CONSTRAINT "improvement_action_evidence_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_action_evidence" ADD CONSTRAINT "improvement_action_evidence_action_id_improvement_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_comments" ADD CONSTRAINT "report_comments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "improvement_action_evidence_store_action_idx" ON "improvement_action_evidence" USING btree ("store_id","action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "improvement_actions_store_month_dept_rank_uq" ON "improvement_actions" USING btree ("store_id","month","department","rank");--> statement-breakpoint
CREATE INDEX "improvement_actions_store_status_due_idx" ON "improvement_actions" USING btree ("store_id","status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "report_comments_store_kind_month_section_uq" ON "report_comments" USING btree ("store_id","kind","month","section");--> statement-breakpoint
CREATE INDEX "report_comments_store_month_idx" ON "report_comments" USING btree ("store_id","month");