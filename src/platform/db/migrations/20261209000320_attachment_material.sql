-- 申报材料清单 (issue #13): an attachment may answer one entry of its item's materials checklist (the item's
-- `materials[].key`); submission is refused while a required entry has no attachment.
ALTER TABLE attachments ADD COLUMN material_key text;
CREATE INDEX attachments_material_idx ON attachments (application_id, material_key);
