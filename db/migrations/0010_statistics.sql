CREATE TYPE "public"."target_setter" AS ENUM('kf', 'namnd');--> statement-breakpoint
CREATE TABLE "statistics_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"suppression_threshold" smallint DEFAULT 5 NOT NULL,
	"refreshed_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistics_settings_single_row" CHECK ("statistics_settings"."id" = 1),
	CONSTRAINT "statistics_settings_threshold" CHECK ("statistics_settings"."suppression_threshold" between 2 and 50)
);
--> statement-breakpoint
CREATE TABLE "statistics_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator" text NOT NULL,
	"year" smallint NOT NULL,
	"value" numeric(10, 2) NOT NULL,
	"set_by" "target_setter" NOT NULL,
	"note" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statistics_targets_indicator_known" CHECK (indicator in ('stockholmsjobb_aspirants', 'stockholmsjobb_places', 'feriejobb_youths', 'feriejobb_places', 'stockholmsjobb_outcome_3m', 'exit_work_or_studies', 'exit_within_12_months', 'self_supporting_6m', 'action_plan_5_days', 'enrolment_months', 'enrolment_months_youth', 'mentor_pairs', 'work_through_partnership')),
	CONSTRAINT "statistics_targets_year" CHECK ("statistics_targets"."year" between 2000 and 2100),
	CONSTRAINT "statistics_targets_value" CHECK ("statistics_targets"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "aspirants" ADD COLUMN "self_supporting_6m" boolean;--> statement-breakpoint
ALTER TABLE "aspirants" ADD COLUMN "self_supporting_checked_on" date;--> statement-breakpoint
ALTER TABLE "statistics_settings" ADD CONSTRAINT "statistics_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_targets" ADD CONSTRAINT "statistics_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "statistics_targets_key" ON "statistics_targets" USING btree ("indicator","year","set_by");--> statement-breakpoint
ALTER TABLE "aspirants" ADD CONSTRAINT "aspirants_self_supporting_consistent" CHECK (("aspirants"."self_supporting_6m" is null) = ("aspirants"."self_supporting_checked_on" is null) and ("aspirants"."self_supporting_6m" is null or "aspirants"."exited_on" is not null));
--> statement-breakpoint
-- An organisation's partner category on a day: a member with a jobbpartnerskap in force (or a
-- Plusmedlem) is a partner; city units and suppliers are their own categories. Tables are
-- schema-qualified: a refresh of the view runs with a search_path of pg_catalog only.
CREATE OR REPLACE FUNCTION organization_partner_category(org uuid, on_day date) RETURNS text AS $$
  SELECT CASE o.kind
    WHEN 'city_unit' THEN 'city_unit'
    WHEN 'supplier' THEN 'supplier'
    ELSE CASE WHEN o.membership_level = 'plus' OR EXISTS (
        SELECT 1 FROM public.job_partnerships p
        WHERE p.organization_id = o.id AND p.signed_on <= on_day AND (p.ended_on IS NULL OR p.ended_on >= on_day)
      ) THEN 'partner' ELSE 'member' END
  END
  FROM public.organizations o WHERE o.id = org
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- The counted events of every indicator (app/statistics/indicators.ts says the same in words).
-- People are counted once per indicator and year: DISTINCT ON keeps a person's first event of
-- the year, which places them in its tertial, organisation and Jobbtorg.
CREATE MATERIALIZED VIEW statistics_facts AS
WITH asp AS (
  SELECT a.id, a.gender::text AS gender, a.birth_date, a.jobbtorg_id, j.cluster_id, a.district_id, a.anonymised_at,
    'nyanland' = ANY (a.target_groups) AS newcomer, 'funktionsnedsattning' = ANY (a.target_groups) AS disability,
    a.enrolled_on, a.exited_on, a.exit_reason::text AS exit_reason, a.self_supporting_6m
  FROM aspirants a JOIN jobbtorg j ON j.id = a.jobbtorg_id
),
placements AS (
  SELECT m.id, m.aspirant_id, m.start_date, o.organization_id, o.kind::text AS kind, o.subtype
  FROM matches m JOIN openings o ON o.id = m.opening_id
  WHERE m.status IN ('placed', 'ended')
),
events AS (
  SELECT 'stockholmsjobb_aspirants'::text AS indicator, p.aspirant_id::text AS subject, p.start_date AS event_date, p.id::text AS tiebreak,
    a.gender, a.newcomer, date_part('year', age(p.start_date, a.birth_date)) BETWEEN 16 AND 29 AS youth, a.disability,
    p.organization_id, p.kind AS opening_kind, p.subtype, a.jobbtorg_id, a.cluster_id, a.district_id,
    1 AS num, NULL::integer AS den, NULL::numeric AS value
  FROM placements p JOIN asp a ON a.id = p.aspirant_id
  WHERE p.kind = 'stockholmsjobb'
  UNION ALL
  SELECT 'stockholmsjobb_outcome_3m', p.aspirant_id::text, f.due_on, f.id::text,
    a.gender, a.newcomer, date_part('year', age(f.due_on, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    p.organization_id, p.kind, p.subtype, a.jobbtorg_id, a.cluster_id, a.district_id,
    CASE WHEN f.outcome IN ('arbete', 'studier') THEN 1 ELSE 0 END, 1, NULL
  FROM placement_follow_ups f JOIN placements p ON p.id = f.match_id JOIN asp a ON a.id = p.aspirant_id
  WHERE f.checkpoint = 3 AND f.outcome IS NOT NULL AND p.kind = 'stockholmsjobb'
  UNION ALL
  SELECT 'work_through_partnership', 'a:' || p.aspirant_id::text, f.due_on, f.id::text,
    a.gender, a.newcomer, date_part('year', age(f.due_on, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    coalesce(f.employer_organization_id, p.organization_id), p.kind, p.subtype, a.jobbtorg_id, a.cluster_id, a.district_id,
    1, NULL, NULL
  FROM placement_follow_ups f JOIN placements p ON p.id = f.match_id JOIN asp a ON a.id = p.aspirant_id
  WHERE f.work_through_partnership
  UNION ALL
  SELECT 'exit_work_or_studies', a.id::text, a.exited_on, a.id::text,
    a.gender, a.newcomer, date_part('year', age(a.exited_on, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    CASE WHEN a.exit_reason IN ('arbete', 'studier') THEN 1 ELSE 0 END, 1, NULL
  FROM asp a WHERE a.exited_on IS NOT NULL
  UNION ALL
  SELECT 'exit_within_12_months', a.id::text, (a.enrolled_on + interval '12 months')::date, a.id::text,
    a.gender, a.newcomer, date_part('year', age((a.enrolled_on + interval '12 months')::date, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    CASE WHEN a.exit_reason IN ('arbete', 'studier') AND a.exited_on <= (a.enrolled_on + interval '12 months')::date THEN 1 ELSE 0 END, 1, NULL
  FROM asp a WHERE (a.enrolled_on + interval '12 months')::date <= (now() AT TIME ZONE 'Europe/Stockholm')::date
  UNION ALL
  SELECT 'self_supporting_6m', a.id::text, (a.exited_on + interval '6 months')::date, a.id::text,
    a.gender, a.newcomer, date_part('year', age((a.exited_on + interval '6 months')::date, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    CASE WHEN a.self_supporting_6m THEN 1 ELSE 0 END, 1, NULL
  FROM asp a WHERE a.self_supporting_6m IS NOT NULL
  UNION ALL
  SELECT 'action_plan_5_days', a.id::text, a.enrolled_on, a.id::text,
    a.gender, a.newcomer, date_part('year', age(a.enrolled_on, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    CASE WHEN ap.created_on <= a.enrolled_on + 5 THEN 1 ELSE 0 END, 1, NULL
  FROM asp a LEFT JOIN action_plans ap ON ap.aspirant_id = a.id
  -- Anonymisation deletes the plan: an anonymised aspirant is no longer counted here.
  WHERE a.anonymised_at IS NULL AND (ap.id IS NOT NULL OR a.enrolled_on + 5 < (now() AT TIME ZONE 'Europe/Stockholm')::date)
  UNION ALL
  SELECT 'enrolment_months', a.id::text, a.exited_on, a.id::text,
    a.gender, a.newcomer, date_part('year', age(a.exited_on, a.birth_date)) BETWEEN 16 AND 29, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    NULL, 1, (a.exited_on - a.enrolled_on) / 30.4375
  FROM asp a WHERE a.exited_on IS NOT NULL
  UNION ALL
  SELECT 'enrolment_months_youth', a.id::text, a.exited_on, a.id::text,
    a.gender, a.newcomer, true, a.disability,
    NULL, NULL, NULL, a.jobbtorg_id, a.cluster_id, a.district_id,
    NULL, 1, (a.exited_on - a.enrolled_on) / 30.4375
  FROM asp a WHERE a.exited_on IS NOT NULL AND date_part('year', age(a.enrolled_on, a.birth_date)) BETWEEN 18 AND 29
  UNION ALL
  SELECT o.kind::text || '_places', o.id::text, o.start_date, o.id::text,
    NULL, false, false, false,
    o.organization_id, o.kind::text, o.subtype, NULL, d.cluster_id, o.district_id,
    o.places, NULL, NULL
  FROM openings o LEFT JOIN districts d ON d.id = o.district_id
  WHERE o.published_at IS NOT NULL AND o.kind IN ('stockholmsjobb', 'feriejobb')
  UNION ALL
  SELECT 'feriejobb_youths', fa.personnummer, o.start_date, fo.id::text,
    fa.gender::text, 'newcomer' = ANY (fa.priority_groups), true, 'disability' = ANY (fa.priority_groups),
    o.organization_id, o.kind::text, o.subtype, NULL, d.cluster_id, fa.district_id,
    1, NULL, NULL
  FROM feriejobb_offers fo
    JOIN feriejobb_applications fa ON fa.id = fo.application_id
    JOIN openings o ON o.id = fo.opening_id
    JOIN districts d ON d.id = fa.district_id
  WHERE fo.status = 'accepted'
  UNION ALL
  SELECT 'mentor_pairs', mp.id::text, mp.confirmed_on, mp.id::text,
    ad.gender::text, true, extract(year FROM mp.confirmed_on) - ad.birth_year BETWEEN 16 AND 29, false,
    me.organization_id, 'mentor', mp.programme, NULL, d.cluster_id, ad.district_id,
    1, NULL, NULL
  FROM mentor_pairs mp
    JOIN adepts ad ON ad.id = mp.adept_id
    JOIN mentors me ON me.id = mp.mentor_id
    LEFT JOIN districts d ON d.id = ad.district_id
  WHERE mp.status IN ('confirmed', 'active', 'ended')
  UNION ALL
  SELECT 'work_through_partnership', 'd:' || ad.id::text, mp.ended_on, mp.id::text,
    ad.gender::text, true, extract(year FROM mp.ended_on) - ad.birth_year BETWEEN 16 AND 29, false,
    me.organization_id, 'mentor', mp.programme, NULL, d.cluster_id, ad.district_id,
    1, NULL, NULL
  FROM mentor_pairs mp
    JOIN adepts ad ON ad.id = mp.adept_id
    JOIN mentors me ON me.id = mp.mentor_id
    LEFT JOIN districts d ON d.id = ad.district_id
  WHERE mp.status = 'ended' AND mp.outcome = 'work' AND organization_partner_category(me.organization_id, mp.ended_on) = 'partner'
),
firsts AS (
  SELECT DISTINCT ON (indicator, subject, extract(year FROM event_date)) *
  FROM events
  ORDER BY indicator, subject, extract(year FROM event_date), event_date, tiebreak
)
SELECT indicator, subject, event_date,
  extract(year FROM event_date)::integer AS year,
  CASE WHEN extract(month FROM event_date) <= 4 THEN 1 WHEN extract(month FROM event_date) <= 8 THEN 2 ELSE 3 END AS tertial,
  gender, newcomer, youth, disability, organization_id,
  CASE WHEN organization_id IS NULL THEN NULL ELSE organization_partner_category(organization_id, event_date) END AS partner,
  opening_kind, subtype, jobbtorg_id, cluster_id, district_id, num, den, value
FROM firsts
WITH NO DATA;
--> statement-breakpoint
-- The facts are read only through statistics_cells; the unique index is what a concurrent refresh needs.
CREATE UNIQUE INDEX statistics_facts_key ON statistics_facts (indicator, subject, year);
--> statement-breakpoint
-- The facts added up per combination of everything the dashboard groups or filters by: a year
-- of the city's facts is about a million rows, its cells tens of thousands, so every dashboard
-- query reads the cells (people are already counted once in the facts, so the sums are exact).
CREATE MATERIALIZED VIEW statistics_cells AS
SELECT year, tertial, indicator,
  CASE WHEN gender IN ('kvinna', 'man') THEN gender ELSE 'other' END AS gender,
  newcomer, youth, disability, cluster_id, jobbtorg_id, district_id, organization_id, partner, opening_kind, subtype,
  count(*)::integer AS n, coalesce(sum(num), 0)::integer AS num, coalesce(sum(den), 0)::integer AS den, coalesce(sum(value), 0)::float8 AS sum
FROM statistics_facts
GROUP BY year, tertial, indicator, 4, newcomer, youth, disability, cluster_id, jobbtorg_id, district_id, organization_id, partner, opening_kind, subtype
WITH NO DATA;
--> statement-breakpoint
CREATE UNIQUE INDEX statistics_cells_key ON statistics_cells (year, indicator, tertial, gender, newcomer, youth, disability, cluster_id, jobbtorg_id, district_id, organization_id, partner, opening_kind, subtype) NULLS NOT DISTINCT;
--> statement-breakpoint
CREATE INDEX statistics_cells_organization_idx ON statistics_cells (organization_id, year);
--> statement-breakpoint
CREATE INDEX statistics_cells_jobbtorg_idx ON statistics_cells (jobbtorg_id, year);
--> statement-breakpoint
CREATE INDEX statistics_cells_cluster_idx ON statistics_cells (cluster_id, year);
--> statement-breakpoint
REFRESH MATERIALIZED VIEW statistics_facts;
--> statement-breakpoint
REFRESH MATERIALIZED VIEW statistics_cells;
--> statement-breakpoint
INSERT INTO statistics_settings (id, suppression_threshold, refreshed_at) VALUES (1, 5, now());
--> statement-breakpoint
INSERT INTO statistics_changes DEFAULT VALUES;
--> statement-breakpoint
INSERT INTO statistics_targets (indicator, year, value, set_by, note) VALUES
  ('stockholmsjobb_aspirants', 2022, 800, 'kf', 'Verksamhetsplan 2022'),
  ('stockholmsjobb_aspirants', 2022, 550, 'namnd', 'Verksamhetsplan 2022'),
  ('stockholmsjobb_places', 2022, 250, 'namnd', 'Verksamhetsplan 2022'),
  ('feriejobb_youths', 2022, 9000, 'kf', 'Verksamhetsplan 2022'),
  ('stockholmsjobb_outcome_3m', 2022, 55, 'namnd', 'Verksamhetsplan 2022'),
  ('exit_work_or_studies', 2022, 60, 'namnd', 'Verksamhetsplan 2022'),
  ('exit_within_12_months', 2022, 62, 'namnd', 'Verksamhetsplan 2022'),
  ('self_supporting_6m', 2022, 72, 'namnd', 'Verksamhetsplan 2022'),
  ('action_plan_5_days', 2022, 100, 'kf', 'Verksamhetsplan 2022'),
  ('enrolment_months', 2022, 8, 'namnd', 'Verksamhetsplan 2022'),
  ('enrolment_months_youth', 2022, 5.5, 'namnd', 'Verksamhetsplan 2022'),
  ('mentor_pairs', 2022, 250, 'namnd', 'Verksamhetsplan 2022'),
  ('work_through_partnership', 2022, 150, 'namnd', 'Verksamhetsplan 2022');
--> statement-breakpoint
-- Any change to what the statistics count leaves a row in statistics_changes, once per writing
-- transaction (a transaction-local setting remembers it; it is undone with a rolled-back
-- savepoint, as the row is). A refresh deletes the rows it sees, then refreshes in the same
-- transaction: a writer still open keeps its row for the next refresh, so no committed change is
-- missed. Row-level triggers: a statement that changes no row marks nothing. Inserting rows takes
-- no lock that concurrent writers would queue behind.
CREATE OR REPLACE FUNCTION statistics_mark_dirty() RETURNS trigger AS $$
BEGIN
  IF current_setting('insteg.statistics_changed', true) IS DISTINCT FROM 'on' THEN
    INSERT INTO statistics_changes DEFAULT VALUES;
    PERFORM set_config('insteg.statistics_changed', 'on', true);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER aspirants_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON aspirants FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER action_plans_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON action_plans FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER matches_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON matches FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER placement_follow_ups_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON placement_follow_ups FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER openings_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON openings FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER organizations_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER job_partnerships_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON job_partnerships FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER feriejobb_offers_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON feriejobb_offers FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER feriejobb_applications_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON feriejobb_applications FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER mentor_pairs_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON mentor_pairs FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER adepts_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON adepts FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
--> statement-breakpoint
CREATE TRIGGER mentors_statistics_dirty AFTER INSERT OR UPDATE OR DELETE ON mentors FOR EACH ROW EXECUTE FUNCTION statistics_mark_dirty();
