CREATE TYPE "public"."end_reason" AS ENUM('enligt_plan', 'arbete', 'studier', 'avbruten', 'annat');--> statement-breakpoint
CREATE TYPE "public"."follow_up_outcome" AS ENUM('arbete', 'studier', 'varken', 'okant');--> statement-breakpoint
CREATE TYPE "public"."match_status" AS ENUM('proposed', 'reviewed', 'interview', 'offer', 'placed', 'ended', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "match_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"match_id" uuid NOT NULL,
	"from_status" "match_status",
	"to_status" "match_status" NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_weight_versions" (
	"version" serial PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"note" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opening_id" uuid NOT NULL,
	"aspirant_id" uuid NOT NULL,
	"status" "match_status" DEFAULT 'proposed' NOT NULL,
	"score" integer NOT NULL,
	"explanation" jsonb NOT NULL,
	"weights_version" integer NOT NULL,
	"proposed_by" uuid,
	"message" text,
	"closed_reason" text,
	"closed_comment" text,
	"interview_at" timestamp with time zone,
	"interview_place" text,
	"employer_note" text,
	"start_date" date,
	"end_date" date,
	"end_reason" "end_reason",
	"supervisor_email" text,
	"answered_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_interview_booked" CHECK ("matches"."status" <> 'interview' or "matches"."interview_at" is not null),
	CONSTRAINT "matches_placement_dates" CHECK ("matches"."status" not in ('placed','ended') or ("matches"."start_date" is not null and "matches"."end_date" is not null and "matches"."end_date" >= "matches"."start_date")),
	CONSTRAINT "matches_end_reason" CHECK (("matches"."status" = 'ended') = ("matches"."end_reason" is not null)),
	CONSTRAINT "matches_closed_reason" CHECK (("matches"."status" in ('declined','withdrawn')) = ("matches"."closed_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "placement_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"match_id" uuid NOT NULL,
	"checkpoint" smallint NOT NULL,
	"due_on" date NOT NULL,
	"outcome" "follow_up_outcome",
	"employer_organization_id" uuid,
	"work_through_partnership" boolean DEFAULT false NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placement_follow_ups_checkpoint" CHECK ("placement_follow_ups"."checkpoint" in (3, 6)),
	CONSTRAINT "placement_follow_ups_recorded" CHECK (("placement_follow_ups"."outcome" is null) = ("placement_follow_ups"."recorded_at" is null)),
	CONSTRAINT "placement_follow_ups_employer_only_for_work" CHECK ("placement_follow_ups"."employer_organization_id" is null or "placement_follow_ups"."outcome" = 'arbete'),
	CONSTRAINT "placement_follow_ups_partnership_only_for_work" CHECK (not "placement_follow_ups"."work_through_partnership" or "placement_follow_ups"."outcome" = 'arbete')
);
--> statement-breakpoint
ALTER TABLE "aspirants" ADD COLUMN "criminal_record_checked_on" date;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_weight_versions" ADD CONSTRAINT "match_weight_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_aspirant_id_aspirants_id_fk" FOREIGN KEY ("aspirant_id") REFERENCES "public"."aspirants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_weights_version_match_weight_versions_version_fk" FOREIGN KEY ("weights_version") REFERENCES "public"."match_weight_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_employer_organization_id_organizations_id_fk" FOREIGN KEY ("employer_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_follow_ups" ADD CONSTRAINT "placement_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "match_events_match_idx" ON "match_events" USING btree ("match_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_one_active_per_pair" ON "matches" USING btree ("opening_id","aspirant_id") WHERE "matches"."status" in ('proposed','reviewed','interview','offer','placed');--> statement-breakpoint
CREATE INDEX "matches_opening_idx" ON "matches" USING btree ("opening_id","status");--> statement-breakpoint
CREATE INDEX "matches_aspirant_idx" ON "matches" USING btree ("aspirant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_follow_ups_checkpoint_key" ON "placement_follow_ups" USING btree ("match_id","checkpoint");--> statement-breakpoint
CREATE INDEX "placement_follow_ups_due_idx" ON "placement_follow_ups" USING btree ("due_on") WHERE "placement_follow_ups"."outcome" is null;--> statement-breakpoint
-- Version 1 of the match weights: the defaults of app/matching/match-weights.ts.
INSERT INTO "match_weight_versions" ("weights", "note") VALUES (
  '{"occupation4":30,"occupation3":20,"occupation2":12,"occupation1":6,"experiencePerYear":2,"experienceMaxYears":5,"sameDistrict":15,"sameCluster":10,"languagePerMatch":5,"languageMaxMatches":2,"swedishMeets":5,"swedishPerLevelBelow":15,"availability":10,"priorityGroup":10}'::jsonb,
  'Ursprungliga vikter'
);
--> statement-breakpoint
-- A weights version is history: suggestions and matches refer to it. Edits add a new version.
CREATE OR REPLACE FUNCTION match_weight_versions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'match weight versions cannot be changed or removed'
    USING ERRCODE = 'check_violation', CONSTRAINT = 'match_weight_versions_immutable';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER match_weight_versions_immutable
  BEFORE UPDATE OR DELETE ON match_weight_versions
  FOR EACH ROW EXECUTE FUNCTION match_weight_versions_immutable();
--> statement-breakpoint
-- A match's status moves only along the pipeline (app/matching/match-rules.ts holds the same
-- table). A new match always starts as proposed.
CREATE OR REPLACE FUNCTION match_status_transition_check() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'proposed' THEN
      RAISE EXCEPTION 'a match starts as proposed, not %', NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'matches_status_transition';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'proposed' AND NEW.status IN ('reviewed', 'declined', 'withdrawn')) OR
    (OLD.status = 'reviewed' AND NEW.status IN ('interview', 'declined', 'withdrawn')) OR
    (OLD.status = 'interview' AND NEW.status IN ('offer', 'declined', 'withdrawn')) OR
    (OLD.status = 'offer' AND NEW.status IN ('placed', 'declined', 'withdrawn')) OR
    (OLD.status = 'placed' AND NEW.status = 'ended')
  ) THEN
    RAISE EXCEPTION 'match status cannot change from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'matches_status_transition';
  END IF;
  NEW.status_changed_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER matches_status_transition
  BEFORE INSERT OR UPDATE OF status ON matches
  FOR EACH ROW EXECUTE FUNCTION match_status_transition_check();
--> statement-breakpoint
-- Capacity and overlap, enforced under row locks so concurrent placements cannot slip past:
-- an opening never has more placements in force than places, and an aspirant never has two
-- placements whose periods overlap. The opening row is locked first, then the aspirant row.
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
  SELECT count(*) INTO taken FROM matches
    WHERE opening_id = NEW.opening_id AND status = 'placed' AND id <> NEW.id;
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
--> statement-breakpoint
CREATE TRIGGER matches_placement_check
  BEFORE INSERT OR UPDATE OF status, start_date, end_date ON matches
  FOR EACH ROW EXECUTE FUNCTION match_placement_check();
--> statement-breakpoint
-- An opening's places cannot drop below the placements already in force.
CREATE OR REPLACE FUNCTION opening_places_cover_placements() RETURNS trigger AS $$
BEGIN
  IF NEW.places < OLD.places AND NEW.places < (SELECT count(*) FROM matches WHERE opening_id = NEW.id AND status = 'placed') THEN
    RAISE EXCEPTION 'opening % has more placements than % places', NEW.id, NEW.places
      USING ERRCODE = 'check_violation', CONSTRAINT = 'openings_places_cover_placements';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER openings_places_cover_placements
  BEFORE UPDATE OF places ON openings
  FOR EACH ROW EXECUTE FUNCTION opening_places_cover_placements();
