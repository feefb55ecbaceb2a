-- One count of an opening's seats in force, for every rule about its places: placements from
-- matching plus feriejobb offers in force (pending or accepted). Before this, the placement check,
-- the offer check and the "places cannot drop below" check each counted on their own, and the
-- last one forgot offers.
CREATE OR REPLACE FUNCTION opening_seats_in_force(opening uuid, except_match uuid DEFAULT NULL) RETURNS integer AS $$
  SELECT ((SELECT count(*) FROM matches WHERE opening_id = opening AND status = 'placed' AND id IS DISTINCT FROM except_match)
        + (SELECT count(*) FROM feriejobb_offers WHERE opening_id = opening AND status IN ('pending', 'accepted')))::integer
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- A new offer in force: the row itself is not yet counted (it is new, or was not in force).
CREATE OR REPLACE FUNCTION feriejobb_offer_capacity_check() RETURNS trigger AS $$
DECLARE
  capacity integer;
  taken integer;
BEGIN
  IF NEW.status NOT IN ('pending', 'accepted') OR (TG_OP = 'UPDATE' AND OLD.status IN ('pending', 'accepted')) THEN
    RETURN NEW;
  END IF;
  SELECT places INTO capacity FROM openings WHERE id = NEW.opening_id FOR UPDATE;
  taken := opening_seats_in_force(NEW.opening_id);
  IF taken >= capacity THEN
    RAISE EXCEPTION 'opening % has no free place (% of %)', NEW.opening_id, taken, capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'feriejobb_offers_opening_capacity';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
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
  taken := opening_seats_in_force(NEW.opening_id, NEW.id);
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
-- An opening's places cannot drop below the seats in force (placements and feriejobb offers).
CREATE OR REPLACE FUNCTION opening_places_cover_placements() RETURNS trigger AS $$
BEGIN
  IF NEW.places < OLD.places AND NEW.places < opening_seats_in_force(NEW.id) THEN
    RAISE EXCEPTION 'opening % has more placements and offers in force than % places', NEW.id, NEW.places
      USING ERRCODE = 'check_violation', CONSTRAINT = 'openings_places_cover_placements';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
