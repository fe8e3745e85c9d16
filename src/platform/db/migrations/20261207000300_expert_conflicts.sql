-- Conflicts of interest in expert review (issue #11, item 4).
-- An application names its partner organisations (合作单位: the university of a joint contract, the
-- members of a consortium): an organisation of the platform by id, or a name when it is not one.
-- An expert's profile keeps, besides the affiliation, the organisations the expert must also avoid
-- (回避单位: a former employer, a spouse's company). Both are conflict facts: the partners are the
-- applicant's, the avoid list is the department's (an expert cannot edit it, nor their affiliation).
ALTER TABLE applications ADD COLUMN partners jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE expert_profiles ADD COLUMN avoid_org_ids integer[] NOT NULL DEFAULT '{}';
