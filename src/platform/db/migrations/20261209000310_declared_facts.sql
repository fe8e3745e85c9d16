-- Facts an enterprise declared in the policy calculator (issue #13): remembered per organisation and offered the
-- next time (calculator, application form). Declarations, not verified data: the source is always 'declared'.
-- One row per organisation, fact and year; a new declaration of the same year replaces the value and the time.
CREATE TABLE org_declared_facts (
  org_id int NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  fact text NOT NULL CHECK (fact ~ '^[a-zA-Z][a-zA-Z0-9_@-]*$'),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  value jsonb NOT NULL,
  source text NOT NULL DEFAULT 'declared' CHECK (source = 'declared'),
  declared_by int REFERENCES users(id),
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, fact, year)
);
