CREATE TYPE "public"."feriejobb_application_status" AS ENUM('active', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."feriejobb_offer_status" AS ENUM('pending', 'accepted', 'declined', 'expired');--> statement-breakpoint
CREATE TYPE "public"."feriejobb_run_status" AS ENUM('queued', 'running', 'review', 'published', 'failed', 'discarded');--> statement-breakpoint
ALTER TYPE "public"."user_role" ADD VALUE 'feriejobb_coordinator';--> statement-breakpoint
CREATE TABLE "feriejobb_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" smallint NOT NULL,
	"personnummer" text NOT NULL,
	"birth_date" date NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"gender" "gender" NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"district_id" integer NOT NULL,
	"preferred_district_id" integer,
	"interest_areas" text[] NOT NULL,
	"months" smallint[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"adaptation_needs" text,
	"guardian_name" text,
	"guardian_email" text,
	"guardian_phone" text,
	"consent_at" timestamp with time zone NOT NULL,
	"status" "feriejobb_application_status" DEFAULT 'active' NOT NULL,
	"priority_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority_checked_by" uuid,
	"priority_checked_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feriejobb_applications_areas" CHECK (cardinality("feriejobb_applications"."interest_areas") between 1 and 5),
	CONSTRAINT "feriejobb_applications_months" CHECK (cardinality("feriejobb_applications"."months") between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "feriejobb_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" uuid,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feriejobb_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"opening_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"status" "feriejobb_offer_status" DEFAULT 'pending' NOT NULL,
	"deadline" date NOT NULL,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feriejobb_offers_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "feriejobb_run_results" (
	"run_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"opening_id" uuid,
	"max_opening_id" uuid,
	"lottery" real NOT NULL,
	"priority_groups" text[] NOT NULL,
	"list_length" smallint NOT NULL,
	"explanation" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feriejobb_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" smallint NOT NULL,
	"round" smallint NOT NULL,
	"seed" integer NOT NULL,
	"status" "feriejobb_run_status" DEFAULT 'queued' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"progress_label" text DEFAULT 'I kö' NOT NULL,
	"answer_deadline" date NOT NULL,
	"input" jsonb,
	"applicants" integer,
	"places" integer,
	"seats" integer,
	"da_placed" integer,
	"max_placed" integer,
	"blocking_pairs" integer,
	"da_ms" real,
	"max_ms" real,
	"price_of_fairness" jsonb,
	"error" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	CONSTRAINT "feriejobb_runs_progress" CHECK ("feriejobb_runs"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "feriejobb_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"payload" jsonb,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"application_id" uuid,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feriejobb_submissions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "feriejobb_applications" ADD CONSTRAINT "feriejobb_applications_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_applications" ADD CONSTRAINT "feriejobb_applications_preferred_district_id_districts_id_fk" FOREIGN KEY ("preferred_district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_applications" ADD CONSTRAINT "feriejobb_applications_priority_checked_by_users_id_fk" FOREIGN KEY ("priority_checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_events" ADD CONSTRAINT "feriejobb_events_application_id_feriejobb_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."feriejobb_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_events" ADD CONSTRAINT "feriejobb_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_offers" ADD CONSTRAINT "feriejobb_offers_run_id_feriejobb_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."feriejobb_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_offers" ADD CONSTRAINT "feriejobb_offers_application_id_feriejobb_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."feriejobb_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_offers" ADD CONSTRAINT "feriejobb_offers_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_run_results" ADD CONSTRAINT "feriejobb_run_results_run_id_feriejobb_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."feriejobb_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_run_results" ADD CONSTRAINT "feriejobb_run_results_application_id_feriejobb_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."feriejobb_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_run_results" ADD CONSTRAINT "feriejobb_run_results_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_run_results" ADD CONSTRAINT "feriejobb_run_results_max_opening_id_openings_id_fk" FOREIGN KEY ("max_opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_runs" ADD CONSTRAINT "feriejobb_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feriejobb_runs" ADD CONSTRAINT "feriejobb_runs_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feriejobb_applications_person_year_key" ON "feriejobb_applications" USING btree ("year","personnummer");--> statement-breakpoint
CREATE INDEX "feriejobb_applications_year_idx" ON "feriejobb_applications" USING btree ("year","status");--> statement-breakpoint
CREATE INDEX "feriejobb_events_application_idx" ON "feriejobb_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "feriejobb_offers_live_key" ON "feriejobb_offers" USING btree ("application_id") WHERE "feriejobb_offers"."status" in ('pending', 'accepted');--> statement-breakpoint
CREATE INDEX "feriejobb_offers_opening_idx" ON "feriejobb_offers" USING btree ("opening_id","status");--> statement-breakpoint
CREATE INDEX "feriejobb_offers_deadline_idx" ON "feriejobb_offers" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "feriejobb_run_results_key" ON "feriejobb_run_results" USING btree ("run_id","application_id");--> statement-breakpoint
CREATE INDEX "feriejobb_run_results_opening_idx" ON "feriejobb_run_results" USING btree ("run_id","opening_id");--> statement-breakpoint
CREATE INDEX "feriejobb_runs_year_idx" ON "feriejobb_runs" USING btree ("year","round");--> statement-breakpoint
CREATE UNIQUE INDEX "feriejobb_runs_published_key" ON "feriejobb_runs" USING btree ("year","round") WHERE "feriejobb_runs"."status" = 'published';--> statement-breakpoint
CREATE INDEX "feriejobb_submissions_email_idx" ON "feriejobb_submissions" USING btree ("email","created_at");--> statement-breakpoint
-- Seats of an opening are shared by feriejobb offers in force (pending or accepted) and
-- placements from matching: together they never exceed the opening's places. The opening row
-- is locked first, as in the placement check, so concurrent offers and placements serialise.
CREATE OR REPLACE FUNCTION feriejobb_offer_capacity_check() RETURNS trigger AS $$
DECLARE
  capacity integer;
  taken integer;
BEGIN
  IF NEW.status NOT IN ('pending', 'accepted') OR (TG_OP = 'UPDATE' AND OLD.status IN ('pending', 'accepted')) THEN
    RETURN NEW;
  END IF;
  SELECT places INTO capacity FROM openings WHERE id = NEW.opening_id FOR UPDATE;
  SELECT (SELECT count(*) FROM feriejobb_offers WHERE opening_id = NEW.opening_id AND status IN ('pending', 'accepted') AND id <> NEW.id)
       + (SELECT count(*) FROM matches WHERE opening_id = NEW.opening_id AND status = 'placed')
    INTO taken;
  IF taken >= capacity THEN
    RAISE EXCEPTION 'opening % has no free place (% of %)', NEW.opening_id, taken, capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'feriejobb_offers_opening_capacity';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER feriejobb_offers_capacity_check
  BEFORE INSERT OR UPDATE OF status ON feriejobb_offers
  FOR EACH ROW EXECUTE FUNCTION feriejobb_offer_capacity_check();
--> statement-breakpoint
-- An answered or lapsed offer stays as it is: only pending offers change status.
CREATE OR REPLACE FUNCTION feriejobb_offer_transition_check() RETURNS trigger AS $$
BEGIN
  IF OLD.status <> NEW.status AND OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'offer % is already %', OLD.id, OLD.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'feriejobb_offers_transition';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER feriejobb_offers_transition_check
  BEFORE UPDATE OF status ON feriejobb_offers
  FOR EACH ROW EXECUTE FUNCTION feriejobb_offer_transition_check();
--> statement-breakpoint
-- Placements from matching count feriejobb offers in force against the same places.
CREATE OR REPLACE FUNCTION match_placement_check() RETURNS trigger AS $$
DECLARE
  capacity integer;
  taken integer;
BEGIN
  IF NEW.status <> 'placed' OR (TG_OP = 'UPDATE' AND OLD.status = 'placed'
      AND NEW.start_date IS NOT DISTINCT FROM OLD.start_date AND NEW.end_date IS NOT DISTINCT FROM OLD.end_date) THEN
    RETURN NEW;
  END IF;
  SELECT places INTO capacity FROM openings WHERE id = NEW.opening_id FOR UPDATE;
  SELECT (SELECT count(*) FROM matches WHERE opening_id = NEW.opening_id AND status = 'placed' AND id <> NEW.id)
       + (SELECT count(*) FROM feriejobb_offers WHERE opening_id = NEW.opening_id AND status IN ('pending', 'accepted'))
    INTO taken;
  IF taken >= capacity THEN
    RAISE EXCEPTION 'opening % has no free place (% of %)', NEW.opening_id, taken, capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'matches_opening_capacity';
  END IF;
  PERFORM 1 FROM aspirants WHERE id = NEW.aspirant_id FOR UPDATE;
  IF EXISTS (
    SELECT 1 FROM matches
    WHERE aspirant_id = NEW.aspirant_id AND status = 'placed' AND id <> NEW.id
      AND start_date <= NEW.end_date AND NEW.start_date <= end_date
  ) THEN
    RAISE EXCEPTION 'aspirant % already has a placement in that period', NEW.aspirant_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'matches_placement_overlap';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
