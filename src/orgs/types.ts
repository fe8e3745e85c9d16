import type { OrgKind, SizeBand } from '../shared/enums.js';

/** An organisation's own fields, as generated, imported or exported (no id, no timestamps). */
export interface OrgFields {
  kind: OrgKind;
  name: string;
  uscc: string | null;
  districtCode: string | null;
  industryCode: string | null;
  sizeBand: SizeBand | null;
  foundedOn: string | null;
  departmentCode: string | null;
}
