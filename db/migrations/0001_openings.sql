CREATE TYPE "public"."opening_kind" AS ENUM('stockholmsjobb', 'feriejobb', 'praktik', 'mentor');--> statement-breakpoint
CREATE TYPE "public"."opening_status" AS ENUM('draft', 'published', 'paused', 'filled', 'closed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."swedish_level" AS ENUM('none', 'basic', 'good', 'fluent');--> statement-breakpoint
CREATE TABLE "openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "opening_kind" NOT NULL,
	"subtype" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"workplace_address" text NOT NULL,
	"district_id" integer,
	"occupation_code" varchar(4) NOT NULL,
	"places" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"application_deadline" date NOT NULL,
	"age_min" smallint,
	"age_max" smallint,
	"swedish_level" "swedish_level" DEFAULT 'none' NOT NULL,
	"swedish_required" boolean DEFAULT false NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"driving_licence" boolean DEFAULT false NOT NULL,
	"criminal_record_required" boolean DEFAULT false NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"supervisor_name" text NOT NULL,
	"supervisor_phone" text,
	"adaptations" text,
	"details" jsonb NOT NULL,
	"status" "opening_status" DEFAULT 'draft' NOT NULL,
	"unpublish_reason" text,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"deadline_reminder_sent_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "openings_places_range" CHECK ("openings"."places" between 1 and 500),
	CONSTRAINT "openings_dates" CHECK ("openings"."end_date" > "openings"."start_date" and "openings"."application_deadline" <= "openings"."start_date"),
	CONSTRAINT "openings_ages" CHECK (("openings"."age_min" is null or "openings"."age_min" between 16 and 67) and ("openings"."age_max" is null or "openings"."age_max" between 16 and 67) and ("openings"."age_min" is null or "openings"."age_max" is null or "openings"."age_min" <= "openings"."age_max")),
	CONSTRAINT "openings_feriejobb_ages" CHECK ("openings"."kind" <> 'feriejobb' or ("openings"."age_min" >= 16 and "openings"."age_max" <= 19))
);
--> statement-breakpoint
ALTER TABLE "openings" ADD CONSTRAINT "openings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "openings" ADD CONSTRAINT "openings_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "openings" ADD CONSTRAINT "openings_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "openings" ADD CONSTRAINT "openings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "openings_org_idx" ON "openings" USING btree ("organization_id","status");--> statement-breakpoint
CREATE INDEX "openings_status_deadline_idx" ON "openings" USING btree ("status","application_deadline");