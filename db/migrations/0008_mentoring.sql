CREATE TYPE "public"."mentor_pair_outcome" AS ENUM('work', 'studies', 'other');--> statement-breakpoint
CREATE TYPE "public"."mentor_pair_status" AS ENUM('suggested', 'confirmed', 'active', 'ended', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."mentor_status" AS ENUM('registered', 'approved', 'inactive');--> statement-breakpoint
CREATE TABLE "adepts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"birth_year" smallint NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"programme" text NOT NULL,
	"goal_occupation_code" varchar(4),
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"swedish_level" text NOT NULL,
	"district_id" integer,
	"availability" text[] NOT NULL,
	"studying" boolean DEFAULT false NOT NULL,
	"preferred_mentor_gender" "gender",
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pair_id" uuid NOT NULL,
	"met_on" date NOT NULL,
	"minutes" smallint NOT NULL,
	"topic" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_meetings_minutes" CHECK ("mentor_meetings"."minutes" between 5 and 600)
);
--> statement-breakpoint
CREATE TABLE "mentor_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"adept_id" uuid NOT NULL,
	"programme" text NOT NULL,
	"status" "mentor_pair_status" DEFAULT 'suggested' NOT NULL,
	"score" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"from_cohort" boolean DEFAULT false NOT NULL,
	"suggested_by" uuid,
	"suggested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_on" date,
	"ended_on" date,
	"outcome" "mentor_pair_outcome",
	"end_reason" text,
	"follow_up_reminder_sent_at" timestamp with time zone,
	CONSTRAINT "mentor_pairs_confirmed" CHECK ("mentor_pairs"."status" in ('suggested', 'cancelled') or "mentor_pairs"."confirmed_on" is not null),
	CONSTRAINT "mentor_pairs_ended" CHECK (("mentor_pairs"."status" = 'ended') = ("mentor_pairs"."ended_on" is not null and "mentor_pairs"."outcome" is not null))
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"organization_id" uuid NOT NULL,
	"opening_id" uuid,
	"occupation_code" varchar(4) NOT NULL,
	"district_id" integer,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"programmes" text[] NOT NULL,
	"availability" text[] NOT NULL,
	"max_adepts" smallint NOT NULL,
	"training_completed_on" date,
	"interviewed_on" date,
	"status" "mentor_status" DEFAULT 'registered' NOT NULL,
	"approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentors_max_adepts" CHECK ("mentors"."max_adepts" between 1 and 5),
	CONSTRAINT "mentors_programmes" CHECK (cardinality("mentors"."programmes") between 1 and 3),
	CONSTRAINT "mentors_approved_interviewed" CHECK ("mentors"."status" <> 'approved' or "mentors"."interviewed_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "adepts" ADD CONSTRAINT "adepts_goal_occupation_code_occupations_code_fk" FOREIGN KEY ("goal_occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adepts" ADD CONSTRAINT "adepts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adepts" ADD CONSTRAINT "adepts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_meetings" ADD CONSTRAINT "mentor_meetings_pair_id_mentor_pairs_id_fk" FOREIGN KEY ("pair_id") REFERENCES "public"."mentor_pairs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_meetings" ADD CONSTRAINT "mentor_meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairs" ADD CONSTRAINT "mentor_pairs_mentor_id_mentors_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairs" ADD CONSTRAINT "mentor_pairs_adept_id_adepts_id_fk" FOREIGN KEY ("adept_id") REFERENCES "public"."adepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_pairs" ADD CONSTRAINT "mentor_pairs_suggested_by_users_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_occupation_code_occupations_code_fk" FOREIGN KEY ("occupation_code") REFERENCES "public"."occupations"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "adepts_programme_idx" ON "adepts" USING btree ("programme");--> statement-breakpoint
CREATE INDEX "mentor_meetings_pair_idx" ON "mentor_meetings" USING btree ("pair_id","met_on");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_pairs_open_adept_key" ON "mentor_pairs" USING btree ("adept_id") WHERE "mentor_pairs"."status" in ('suggested', 'confirmed', 'active');--> statement-breakpoint
CREATE INDEX "mentor_pairs_mentor_idx" ON "mentor_pairs" USING btree ("mentor_id","status");--> statement-breakpoint
CREATE INDEX "mentors_status_idx" ON "mentors" USING btree ("status");--> statement-breakpoint
-- A pair moves only along the lifecycle (app/mentoring/mentor-rules.ts); a mentor never has more
-- confirmed and active pairs than max_adepts, checked under the mentor row lock.
CREATE OR REPLACE FUNCTION mentor_pair_check() RETURNS trigger AS $$
DECLARE
  capacity integer;
  taken integer;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status <> NEW.status AND NOT (
       (OLD.status = 'suggested' AND NEW.status IN ('confirmed', 'cancelled'))
    OR (OLD.status = 'confirmed' AND NEW.status IN ('active', 'ended'))
    OR (OLD.status = 'active' AND NEW.status = 'ended')
  ) THEN
    RAISE EXCEPTION 'mentor pair % cannot move from % to %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'mentor_pairs_transition';
  END IF;
  IF NEW.status IN ('confirmed', 'active') AND (TG_OP = 'INSERT' OR OLD.status NOT IN ('confirmed', 'active')) THEN
    SELECT max_adepts INTO capacity FROM mentors WHERE id = NEW.mentor_id FOR UPDATE;
    SELECT count(*) INTO taken FROM mentor_pairs
      WHERE mentor_id = NEW.mentor_id AND status IN ('confirmed', 'active') AND id <> NEW.id;
    IF taken >= capacity THEN
      RAISE EXCEPTION 'mentor % has no free place (% of %)', NEW.mentor_id, taken, capacity
        USING ERRCODE = 'check_violation', CONSTRAINT = 'mentor_pairs_capacity';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER mentor_pairs_check
  BEFORE INSERT OR UPDATE OF status ON mentor_pairs
  FOR EACH ROW EXECUTE FUNCTION mentor_pair_check();
