-- What changed in the market, so the in-process index is updated row by row instead of rebuilt
-- (a rebuild took ≈ 24 s at 100,000 achievements). Each writing statement bumps market_version
-- and records the ids it touched under the new version. The bump takes the version row's lock
-- first, so versions are handed out in commit order: a reader at version V sees every change
-- up to V. Writes to organisations (names, districts: read for every document) and TRUNCATE
-- record kind 'all', which makes readers rebuild.
CREATE TABLE market_changes (
  version bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('achievement', 'demand', 'expert', 'all')),
  row_id bigint,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX market_changes_version ON market_changes (version);

CREATE FUNCTION market_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  UPDATE market_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
  IF TG_OP = 'DELETE' THEN
    INSERT INTO market_changes (version, kind, row_id) SELECT v, TG_ARGV[0], id FROM old_rows;
  ELSE
    INSERT INTO market_changes (version, kind, row_id) SELECT v, TG_ARGV[0], id FROM new_rows;
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION market_reset() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
  UPDATE market_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
  INSERT INTO market_changes (version, kind, row_id) VALUES (v, 'all', NULL);
  RETURN NULL;
END;
$$;

DROP TRIGGER achievements_market_version ON achievements;
DROP TRIGGER demands_market_version ON demands;
DROP TRIGGER expert_profiles_market_version ON expert_profiles;
DROP TRIGGER organisations_market_version ON organisations;

-- Transition tables need one trigger per event.
CREATE TRIGGER achievements_changed_ins AFTER INSERT ON achievements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('achievement');
CREATE TRIGGER achievements_changed_upd AFTER UPDATE ON achievements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('achievement');
CREATE TRIGGER achievements_changed_del AFTER DELETE ON achievements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('achievement');
CREATE TRIGGER achievements_reset AFTER TRUNCATE ON achievements FOR EACH STATEMENT EXECUTE FUNCTION market_reset();
CREATE TRIGGER demands_changed_ins AFTER INSERT ON demands REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('demand');
CREATE TRIGGER demands_changed_upd AFTER UPDATE ON demands REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('demand');
CREATE TRIGGER demands_changed_del AFTER DELETE ON demands REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('demand');
CREATE TRIGGER demands_reset AFTER TRUNCATE ON demands FOR EACH STATEMENT EXECUTE FUNCTION market_reset();
CREATE TRIGGER expert_profiles_changed_ins AFTER INSERT ON expert_profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('expert');
CREATE TRIGGER expert_profiles_changed_upd AFTER UPDATE ON expert_profiles REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('expert');
CREATE TRIGGER expert_profiles_changed_del AFTER DELETE ON expert_profiles REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION market_rows_changed('expert');
CREATE TRIGGER expert_profiles_reset AFTER TRUNCATE ON expert_profiles FOR EACH STATEMENT EXECUTE FUNCTION market_reset();
CREATE TRIGGER organisations_market_reset AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION market_reset();
DROP FUNCTION bump_market_version();
