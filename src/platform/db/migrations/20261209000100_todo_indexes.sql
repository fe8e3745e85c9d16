-- The to-do inbox (GET /api/todo, src/todo/) counts open work with COUNT queries; these indexes keep them cheap.
-- An expert's reviews still to score; applications by state (officials' and enterprises' counts filter on it);
-- the matches of a demand or of an achievement (either party's open matches); demands by their organisation.
CREATE INDEX expert_reviews_open_idx ON expert_reviews (expert_id) WHERE scored_at IS NULL AND NOT conflict_declared;
CREATE INDEX applications_org_state_idx ON applications (org_id, state);
CREATE INDEX market_matches_achievement_idx ON market_matches (achievement_id);
CREATE INDEX demands_org_idx ON demands (org_id);
CREATE INDEX users_department_idx ON users (department_code) WHERE role = 'official';
