-- Where each yearly figure came from (issue #11, item 6):
--   declared  the enterprise typed it in (PUT /api/orgs/:id/figures/:year)
--   verified  a department official checked a declared year (POST …/figures/:year/verify), with who and when
--   imported  an administrator's import or the demo seed
-- Rules that pay without an application (免申即享) use only verified or imported figures.
-- Before this migration the column said 'import', 'demo' or (never written) 'platform' for imported data.
ALTER TABLE enterprise_yearly_figures DROP CONSTRAINT enterprise_yearly_figures_source_check;
UPDATE enterprise_yearly_figures SET source = 'imported' WHERE source IN ('import', 'demo', 'platform');
ALTER TABLE enterprise_yearly_figures
  ADD CONSTRAINT enterprise_yearly_figures_source_check CHECK (source IN ('declared', 'verified', 'imported')),
  ADD COLUMN verified_by int REFERENCES users(id) ON DELETE SET NULL,
  ADD COLUMN verified_at timestamptz,
  ADD CONSTRAINT enterprise_yearly_figures_verified_check CHECK (source = 'verified' OR (verified_by IS NULL AND verified_at IS NULL)),
  ADD CONSTRAINT enterprise_yearly_figures_verified_at_check CHECK (source <> 'verified' OR verified_at IS NOT NULL);

-- A 免申即享 run counts the enterprises whose latest figures were only self-declared (treated as missing by the
-- batch, so their items fall to 申报). NULL for runs made before this column.
ALTER TABLE policy_runs ADD COLUMN declared_only int;
