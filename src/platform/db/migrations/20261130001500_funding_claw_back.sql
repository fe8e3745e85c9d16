-- 追回: a department recovers a payment (found ineligible or untrue after payment); the ledger
-- reverses it (spent → available) and the application ends 已追回.
ALTER TABLE applications DROP CONSTRAINT applications_state_check;
ALTER TABLE applications ADD CONSTRAINT applications_state_check
  CHECK (state IN ('draft','offered','pre_review','expert_review','approval','publicity','payable','paid','closed','returned','rejected','withdrawn','clawed_back'));
