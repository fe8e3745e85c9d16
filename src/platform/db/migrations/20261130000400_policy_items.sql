-- Support items as versioned data. A version is immutable: its document and its
-- content hash never change; a change is a new version. The newest version of an
-- item that is not repealed is the one in force.
CREATE TABLE policy_item_versions (
  item_id text NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  content_hash text NOT NULL,
  document text NOT NULL,          -- canonical JSON of the rule document
  measure int NOT NULL REFERENCES measures(no),
  status text NOT NULL CHECK (status IN ('draft','official','repealed')),
  origin text NOT NULL CHECK (origin IN ('builtin','admin')),
  created_by int REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  note text,
  PRIMARY KEY (item_id, version)
);
CREATE INDEX policy_item_versions_measure_idx ON policy_item_versions (measure);
