CREATE TYPE "public"."activity_status" AS ENUM('planned', 'ongoing', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('kartlaggning', 'vagledning', 'praktik', 'stockholmsjobb', 'studier', 'sprakstod', 'mentor', 'annat');--> statement-breakpoint
CREATE TYPE "public"."education_level" AS ENUM('forgymnasial', 'gymnasial', 'eftergymnasial');--> statement-breakpoint
CREATE TYPE "public"."exit_reason" AS ENUM('arbete', 'studier', 'annat');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('kvinna', 'man', 'annat', 'uppgift_saknas');--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"aspirant_id" uuid NOT NULL,
	"goal" text NOT NULL,
	"created_on" date NOT NULL,
	"reviewed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_review_after_creation" CHECK ("action_plans"."reviewed_on" is null or "action_plans"."reviewed_on" >= "action_plans"."created_on")
);
--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"type" "activity_type" NOT NULL,
	"description" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"status" "activity_status" DEFAULT 'planned' NOT NULL,
	"follow_up_on" date,
	"follow_up_result" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_dates" CHECK ("activities"."end_on" >= "activities"."start_on")
);
--> statement-breakpoint
CREATE TABLE "aspirants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jobbtorg_id" integer NOT NULL,
	"coach_user_id" uuid,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"personnummer" text NOT NULL,
	"birth_date" date NOT NULL,
	"gender" "gender" NOT NULL,
	"district_id" integer,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"swedish_level" "swedish_level" DEFAULT 'none' NOT NULL,
	"education" "education_level" NOT NULL,
	"completed_upper_secondary" boolean DEFAULT false NOT NULL,
	"occupations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"driving_licence" boolean DEFAULT false NOT NULL,
	"available_from" date,
	"hours_per_week" smallint,
	"adaptation_needs" text,
	"consent_at" timestamp with time zone,
	"consent_scope" text,
	"consent_withdrawn_at" timestamp with time zone,
	"enrolled_on" date NOT NULL,
	"exited_on" date,
	"exit_reason" "exit_reason",
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "aspirants_personnummer_format" CHECK ("aspirants"."personnummer" ~ '^[0-9]{12}$'),
	CONSTRAINT "aspirants_birth_date_matches" CHECK (substr("aspirants"."personnummer", 1, 6) = to_char("aspirants"."birth_date", 'YYYYMM')),
	CONSTRAINT "aspirants_target_groups_known" CHECK ("aspirants"."target_groups" <@ array['forsorjningsstod','kaa','uvas','nyanland','funktionsnedsattning','kort_utbildning','langtidsarbetslos','kvinna_svag_stallning']::text[]),
	CONSTRAINT "aspirants_languages_array" CHECK (jsonb_typeof("aspirants"."languages") = 'array'),
	CONSTRAINT "aspirants_occupations_array" CHECK (jsonb_typeof("aspirants"."occupations") = 'array'),
	CONSTRAINT "aspirants_hours_range" CHECK ("aspirants"."hours_per_week" is null or "aspirants"."hours_per_week" between 1 and 40),
	CONSTRAINT "aspirants_exit_consistent" CHECK (("aspirants"."exited_on" is null) = ("aspirants"."exit_reason" is null)),
	CONSTRAINT "aspirants_exit_after_enrolment" CHECK ("aspirants"."exited_on" is null or "aspirants"."exited_on" >= "aspirants"."enrolled_on"),
	CONSTRAINT "aspirants_consent_consistent" CHECK (("aspirants"."consent_at" is null) = ("aspirants"."consent_scope" is null)),
	CONSTRAINT "aspirants_consent_scope_known" CHECK ("aspirants"."consent_scope" is null or "aspirants"."consent_scope" in ('profile_summary')),
	CONSTRAINT "aspirants_consent_withdrawal" CHECK ("aspirants"."consent_withdrawn_at" is null or ("aspirants"."consent_at" is not null and "aspirants"."consent_withdrawn_at" >= "aspirants"."consent_at"))
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_aspirant_id_aspirants_id_fk" FOREIGN KEY ("aspirant_id") REFERENCES "public"."aspirants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_action_plan_id_action_plans_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aspirants" ADD CONSTRAINT "aspirants_jobbtorg_id_jobbtorg_id_fk" FOREIGN KEY ("jobbtorg_id") REFERENCES "public"."jobbtorg"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aspirants" ADD CONSTRAINT "aspirants_coach_user_id_users_id_fk" FOREIGN KEY ("coach_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aspirants" ADD CONSTRAINT "aspirants_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_aspirant_key" ON "action_plans" USING btree ("aspirant_id");--> statement-breakpoint
CREATE INDEX "activities_plan_idx" ON "activities" USING btree ("action_plan_id","start_on");--> statement-breakpoint
CREATE INDEX "activities_follow_up_idx" ON "activities" USING btree ("follow_up_on");--> statement-breakpoint
CREATE UNIQUE INDEX "aspirants_personnummer_key" ON "aspirants" USING btree ("personnummer");--> statement-breakpoint
CREATE INDEX "aspirants_jobbtorg_idx" ON "aspirants" USING btree ("jobbtorg_id","exited_on");--> statement-breakpoint
CREATE INDEX "aspirants_coach_idx" ON "aspirants" USING btree ("coach_user_id");