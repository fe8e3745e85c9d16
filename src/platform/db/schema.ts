/** Kysely table types. Kept by hand in step with the SQL migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string, string>;
/** jsonb: parsed by the driver on read, written as JSON text. */
type Json<Insert = string> = ColumnType<unknown, Insert, string>;

export interface DB {
  schema_migrations: { id: string; checksum: string; applied_at: Timestamp };
  districts: { code: string; name: string; name_en: string; kind: 'district' | 'county_city'; sort: number };
  industries: { code: string; name: string; level: 'section' | 'division'; section_code: string; parent_code: string | null; sort: number };
  departments: { code: string; name: string; name_en: string; sort: number };
  policy_sections: { no: number; title: string };
  measures: { no: number; section_no: number; title: string; clause_text: string; source_document: string };
  measure_departments: { measure_no: number; department_code: string; sort: number };
  qualification_types: { code: string; name: string; name_en: string; builtin: Generated<boolean>; sort: Generated<number>; created_at: Timestamp };
  organisations: {
    id: Generated<number>;
    kind: string;
    name: string;
    uscc: string | null;
    district_code: string | null;
    industry_code: string | null;
    size_band: string | null;
    founded_on: DateText | null;
    department_code: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  enterprise_yearly_figures: {
    org_id: number;
    year: number;
    revenue: number;
    rd_expense: number;
    rd_expense_domestic: number;
    staff: number;
    rd_staff: number;
    hightech_revenue: number;
    net_assets: number;
    patents_invention: number;
    patents_utility: number;
    patents_design: number;
    software_copyrights: number;
    patents_high_value: number;
    tech_contract_income: number;
    equity_financing: number;
    source: Generated<string>;
    updated_at: Timestamp;
  };
  organisation_qualifications: {
    id: Generated<number>;
    org_id: number;
    type_code: string;
    level: string;
    certificate_no: string | null;
    valid_from: DateText;
    valid_to: DateText | null;
    source: Generated<string>;
    created_at: Timestamp;
  };
  users: {
    id: Generated<number>;
    username: string;
    display_name: string;
    password_hash: string;
    role: string;
    org_id: number | null;
    department_code: string | null;
    status: Generated<string>;
    created_at: Timestamp;
    updated_at: Timestamp;
    last_login_at: Date | null;
  };
  sessions: {
    id: string;
    user_id: number;
    csrf_token: string;
    created_at: Timestamp;
    expires_at: Timestamp;
    last_seen_at: Timestamp;
    revoked_at: Date | null;
    ip: string | null;
    user_agent: string | null;
  };
  api_tokens: {
    id: Generated<number>;
    user_id: number;
    name: string;
    prefix: string;
    token_hash: string;
    created_at: Timestamp;
    expires_at: Date | null;
    last_used_at: Date | null;
    revoked_at: Date | null;
  };
  login_throttle: { key: string; failures: number; window_start: Timestamp; locked_until: Date | null };
  audit_log: {
    seq: number;
    at: Timestamp;
    actor_user_id: number | null;
    actor_label: string;
    action: string;
    object_type: string;
    object_id: string | null;
    result: string;
    detail: string;
    ip: string | null;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: number; hash: string };
  app_meta: { key: string; value: string; updated_at: Timestamp };
  policy_item_versions: {
    item_id: string;
    version: number;
    content_hash: string;
    document: string;
    measure: number;
    status: string;
    origin: string;
    created_by: number | null;
    created_at: Timestamp;
    note: string | null;
  };
  policy_runs: {
    id: Generated<number>;
    status: string;
    phase: Generated<string>;
    total: Generated<number>;
    done: Generated<number>;
    items: Json<string | undefined>;
    data_day: DateText;
    started_by: number | null;
    started_at: Timestamp;
    finished_at: Timestamp | null;
    evaluate_ms: number | null;
    error: string | null;
  };
  policy_run_results: {
    run_id: number;
    org_id: number;
    statuses: string;
    eligible: string[];
    amounts: Json;
    set_aside: Json<string | null>;
    absent: string[];
    entitlement_fen: number;
    ceiling_fen: number;
  };
  policy_run_totals: {
    run_id: number;
    item_id: string;
    eligible: number;
    needs_input: number;
    not_eligible: number;
    entitlement_fen: number;
    ceiling_fen: number;
  };
  enterprise_flags: {
    id: Generated<number>;
    org_id: number;
    flag: string;
    since: DateText;
    until: DateText | null;
    reason: string;
    source: string;
    recorded_by: number | null;
    created_at: Timestamp;
  };
  index_method_versions: {
    version: number;
    content_hash: string;
    document: string;
    origin: string;
    created_by: number | null;
    created_at: Timestamp;
    note: string | null;
  };
  index_runs: {
    id: Generated<number>;
    method_version: number;
    method_hash: string;
    edition: number;
    input_hash: string;
    scored: number;
    excluded: number;
    compute_ms: number;
    created_by: number | null;
    created_at: Timestamp;
    robustness: string | null;
    coherence: string | null;
  };
  index_run_inputs: {
    run_id: number;
    org_id: number;
    input: string;
  };
  index_scores: {
    run_id: number;
    org_id: number;
    score: number | null;
    grade: string | null;
    percentile: number | null;
    stage: string | null;
    cohort: string;
    coverage: number;
    excluded: string | null;
    trend: string;
    detail: string;
    review_flag: string | null;
    median_rank: number | null;
    rank_p5: number | null;
    rank_p95: number | null;
  };
  index_consents: {
    id: Generated<number>;
    enterprise_id: number;
    institution_id: number;
    granted_by: number | null;
    granted_at: Timestamp;
    withdrawn_by: number | null;
    withdrawn_at: Timestamp | null;
  };
}
