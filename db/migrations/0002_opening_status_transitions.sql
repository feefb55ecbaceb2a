-- An opening's status moves only along its allowed transitions (app/openings/opening-rules.ts
-- holds the same table for the UI and the service; this trigger is the guarantee).
CREATE OR REPLACE FUNCTION opening_status_transition_check() RETURNS trigger AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF NOT (
    (OLD.status = 'draft' AND NEW.status IN ('published', 'closed')) OR
    (OLD.status = 'published' AND NEW.status IN ('paused', 'filled', 'closed', 'expired', 'draft')) OR
    (OLD.status = 'paused' AND NEW.status IN ('published', 'filled', 'closed', 'expired', 'draft')) OR
    (OLD.status = 'filled' AND NEW.status IN ('published', 'closed'))
  ) THEN
    RAISE EXCEPTION 'opening status cannot change from % to %', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'openings_status_transition';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER openings_status_transition
  BEFORE UPDATE OF status ON openings
  FOR EACH ROW EXECUTE FUNCTION opening_status_transition_check();
