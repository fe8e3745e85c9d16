/** Exporting organisations from the database in the import format. */
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../../audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { YearlyFiguresBody } from '../../shared/api.js';
import type { OrgKind, SizeBand } from '../../shared/enums.js';
import { countOrgs, FIGURE_COLUMNS, latestFigures, listOrgsAfter } from '../repository.js';
import type { TransferRow } from './columns.js';
import { formatOf, writeOrgsFile } from './files.js';

const EXPORT_PAGE = 2000;

async function* orgsFromDb(db: Kysely<DB>, kind?: OrgKind): AsyncGenerator<TransferRow> {
  let last = 0;
  for (;;) {
    const orgs = await listOrgsAfter(db, last, EXPORT_PAGE, kind);
    if (orgs.length === 0) return;
    last = orgs[orgs.length - 1]!.id;
    const figs = await latestFigures(
      db,
      orgs.filter((o) => o.kind === 'enterprise').map((o) => o.id),
    );
    const latest = new Map(figs.map((f) => [f.org_id, f]));
    for (const o of orgs) {
      const f = latest.get(o.id);
      let figures: YearlyFiguresBody | null = null;
      if (f) {
        const body: Record<string, number> = {};
        for (const [k, c] of Object.entries(FIGURE_COLUMNS)) body[k] = f[c];
        figures = body as YearlyFiguresBody;
      }
      yield {
        kind: o.kind as OrgKind,
        name: o.name,
        uscc: o.uscc,
        districtCode: o.district_code,
        industryCode: o.industry_code,
        sizeBand: o.size_band as SizeBand | null,
        foundedOn: o.founded_on,
        departmentCode: o.department_code,
        year: f ? f.year : null,
        figures,
      };
    }
    if (orgs.length < EXPORT_PAGE) return;
  }
}

export interface ExportOptions {
  kind?: OrgKind;
  onProgress?: (done: number, total?: number) => void;
}

/**
 * Exports organisations (optionally one kind) with each enterprise's latest year
 * of figures, in the import format. Reading finances is audited ('orgs.export').
 */
export async function exportOrgs(db: Kysely<DB>, actor: Actor, filePath: string, opts: ExportOptions = {}): Promise<{ rows: number }> {
  const format = formatOf(filePath);
  const total = await countOrgs(db, opts.kind);
  opts.onProgress?.(0, total);
  const detail = { file: path.basename(filePath), format, kind: opts.kind ?? null };
  let rows: number;
  try {
    rows = await writeOrgsFile(filePath, orgsFromDb(db, opts.kind), { onProgress: (d) => opts.onProgress?.(d, total) });
  } catch (e) {
    await appendAudit(db, actor, { action: 'orgs.export', objectType: 'organisation', result: 'error', detail: { ...detail, message: String((e as Error).message ?? e).slice(0, 300) } });
    throw e;
  }
  await appendAudit(db, actor, { action: 'orgs.export', objectType: 'organisation', detail: { ...detail, rows } });
  return { rows };
}
