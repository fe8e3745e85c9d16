-- The fact catalogue as data: facts an administrator defines beside the built-in ones
-- (src/policy/engine/facts.ts). A derived fact carries its expression (JSON).
CREATE TABLE policy_facts (
  name text PRIMARY KEY CHECK (name ~ '^[a-zA-Z][a-zA-Z0-9_]*$'),
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('money','count','ratio','boolean','date','enum','district','codes')),
  source text NOT NULL CHECK (source IN ('platform','declaration','derived')),
  meaning text NOT NULL,
  path text,
  enum_values jsonb,
  expression jsonb,
  created_by int REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'derived') = (expression IS NOT NULL))
);

-- Measure 4: a young scientist is "直接认定为苏州创新创业领军人才": the approval records the recognition.
INSERT INTO qualification_types (code, name, name_en, builtin, sort) VALUES
  ('leading_talent', '苏州创新创业领军人才', 'Suzhou leading innovation and entrepreneurship talent', true, 10)
ON CONFLICT (code) DO NOTHING;
