-- 知识产权优势企业: the title measure 18's one-time reward is for ("对高价值专利占比35%以上的知识产权优势企业").
INSERT INTO qualification_types (code, name, name_en, builtin, sort) VALUES
  ('ip_advantage', '知识产权优势企业', 'IP advantage enterprise', true, 9);
