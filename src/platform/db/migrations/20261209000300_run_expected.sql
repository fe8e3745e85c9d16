-- 预计金额 of a 免申即享 run beside the ceiling (issue #13): per item, the expected total and how it was reached —
-- formula (computed by the rule), history (mean of past approved amounts of the item), ceiling (no history yet).
ALTER TABLE policy_run_totals ADD COLUMN expected_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE policy_run_totals ADD COLUMN expected_basis text NOT NULL DEFAULT 'formula' CHECK (expected_basis IN ('formula', 'history', 'ceiling'));
ALTER TABLE policy_run_totals ADD COLUMN expected_note text;
ALTER TABLE policy_run_totals ADD COLUMN history_count int NOT NULL DEFAULT 0;
ALTER TABLE policy_run_totals ADD COLUMN history_mean_fen bigint;
