-- The technology market's in-process index is rebuilt when its tables change. Counting
-- and scanning 100,000 rows on every request to find out cost 80–220 ms; a version
-- number bumped once per writing statement (statement-level triggers) costs one row.
CREATE TABLE market_version (
  id int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO market_version (id, version) VALUES (1, 0);

CREATE FUNCTION bump_market_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE market_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER achievements_market_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON achievements FOR EACH STATEMENT EXECUTE FUNCTION bump_market_version();
CREATE TRIGGER demands_market_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON demands FOR EACH STATEMENT EXECUTE FUNCTION bump_market_version();
CREATE TRIGGER expert_profiles_market_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON expert_profiles FOR EACH STATEMENT EXECUTE FUNCTION bump_market_version();
CREATE TRIGGER organisations_market_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION bump_market_version();
