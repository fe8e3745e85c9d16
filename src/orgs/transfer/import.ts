/**
 * Import validates every row before anything is written and collects per-row
 * errors naming the row and the column; with errors nothing is applied unless
 * `partial` is set, in which case only the valid rows are. Applying happens in one
 * transaction, in batches: enterprises are matched by 统一社会信用代码, other
 * organisations by (kind, name); the row's year of figures is upserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type Actor } from '../../audit/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { invalid } from '../../platform/errors.js';
import { ORG_KIND_LABELS } from '../../shared/enums.js';
import { figuresToRow, insertOrganisationsBulk, listTransferReferences, updateOrganisationsBulk, upsertFiguresBulk, type FigureRow, type OrgInsertRow } from '../repository.js';
import { shanghaiDay } from '../service.js';
import { isBlank } from './cells.js';
import { column, parseHeader, type Header } from './columns.js';
import { formatOf, readTable } from './files.js';
import { kindNameKey, lookupExisting, resolveTargets } from './match.js';
import { buildRefs, parseRow, type ImportRow, type RowContext, type RowError } from './validate.js';

export interface ImportOptions {
  partial?: boolean;
  /** Reading: (rows read). Applying: (rows written, rows to write). */
  onProgress?: (done: number, total?: number) => void;
}

export interface ImportResult {
  total: number;
  inserted: number;
  updated: number;
  skipped: number;
  errors: RowError[];
  applied: boolean;
}

const WRITE_CHUNK = 2000;

const orgColumns = (r: ImportRow): OrgInsertRow => ({
  kind: r.kind,
  name: r.name,
  uscc: r.uscc,
  district_code: r.districtCode,
  industry_code: r.industryCode,
  size_band: r.sizeBand,
  founded_on: r.foundedOn,
  department_code: r.kind === 'government' ? r.departmentCode : null,
});

async function applyRows(trx: Transaction<DB>, rows: ImportRow[], onProgress?: (done: number, total: number) => void) {
  let done = 0;
  const orgIds = new Map<ImportRow, number>();
  const inserts = rows.filter((r) => r.targetId === null);
  const updates = rows.filter((r) => r.targetId !== null);
  const writeFigures = async (chunk: ImportRow[]) => {
    const figs: FigureRow[] = [];
    for (const r of chunk) if (r.figures && r.year !== null) figs.push(figuresToRow(orgIds.get(r) ?? r.targetId!, r.year, r.figures, 'imported'));
    await upsertFiguresBulk(trx, figs);
    done += chunk.length;
    onProgress?.(done, rows.length);
  };
  // New organisations in file order, so ids follow the file.
  for (let i = 0; i < inserts.length; i += WRITE_CHUNK) {
    const chunk = inserts.slice(i, i + WRITE_CHUNK);
    const ret = await insertOrganisationsBulk(trx, chunk.map(orgColumns));
    const byKey = new Map(ret.map((x) => [x.kind === 'enterprise' ? x.uscc! : kindNameKey(x.kind, x.name), x.id]));
    for (const r of chunk) orgIds.set(r, byKey.get(r.kind === 'enterprise' ? r.uscc! : kindNameKey(r.kind, r.name))!);
    await writeFigures(chunk);
  }
  // Existing ones: blank cells keep what is stored.
  for (let i = 0; i < updates.length; i += WRITE_CHUNK) {
    const chunk = updates.slice(i, i + WRITE_CHUNK);
    await updateOrganisationsBulk(trx, chunk.map((r) => ({ ...orgColumns(r), id: r.targetId! })));
    await writeFigures(chunk);
  }
  return { inserted: inserts.length, updated: updates.length };
}

/**
 * Imports organisations from an .xlsx or .csv file. Every row is validated first;
 * with any error nothing is written (applied = false) unless `partial`, which
 * writes the valid rows only. Writing is one transaction with one audit record.
 */
export async function importOrgs(db: Kysely<DB>, actor: Actor, filePath: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const format = formatOf(filePath);
  if (!fs.existsSync(filePath)) throw invalid('file', `文件“${filePath}”不存在`);
  const file = path.basename(filePath);
  const partial = opts.partial ?? false;
  const ctx: RowContext = { refs: buildRefs(await listTransferReferences(db)), today: shanghaiDay() };

  const errors: RowError[] = [];
  const rows: ImportRow[] = [];
  const badRows = new Set<number>();
  const firstUscc = new Map<string, number>();
  const firstKindName = new Map<string, number>();
  const firstDept = new Map<string, number>();
  let header: Header | null = null;
  let total = 0;

  const refused = async (headerErrors: string[], row: number): Promise<ImportResult> => {
    const errs = headerErrors.map((message) => ({ row, field: 'header', message }));
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total: 0, errors: errs.length } });
    return { total: 0, inserted: 0, updated: 0, skipped: 0, errors: errs, applied: false };
  };
  const fail = (row: number, field: string, message: string) => {
    errors.push({ row, field, message: `第 ${row} 行 ${column(field).zh}：${message}` });
    badRows.add(row);
  };

  for await (const rec of readTable(filePath, format)) {
    if (rec.cells.every(isBlank)) continue;
    if (!header) {
      const h = parseHeader(rec);
      if (h.errors.length > 0) return refused(h.errors, rec.row);
      header = h.header;
      continue;
    }
    total++;
    const r = parseRow(rec, header, ctx);
    errors.push(...r.errors);
    if (r.errors.length > 0 || !r.row) badRows.add(rec.row);
    // Duplicates inside the file: the later row is the one in error.
    const k = r.keys;
    const dup = (key: string, map: Map<string, number>, field: string, what: string) => {
      const first = map.get(key);
      if (first === undefined) map.set(key, rec.row);
      else fail(rec.row, field, `与第 ${first} 行的${what}重复`);
    };
    if (k.uscc) dup(k.uscc, firstUscc, 'uscc', '统一社会信用代码');
    if (k.kind && k.kind !== 'enterprise' && k.name !== null) dup(kindNameKey(k.kind, k.name), firstKindName, 'name', `${ORG_KIND_LABELS[k.kind].zh}名称`);
    if (k.kind === 'government' && k.departmentCode) dup(k.departmentCode, firstDept, 'department', '对应部门');
    if (r.row && !badRows.has(rec.row)) rows.push(r.row);
    if (total % 1000 === 0) opts.onProgress?.(total);
  }
  if (!header) return refused(['文件是空的：第 1 行应为表头'], 1);
  opts.onProgress?.(total);

  const outcome = await db.transaction().execute(async (trx) => {
    const found = await lookupExisting(trx, rows);
    resolveTargets(rows, found, (r, key, message) => fail(r.row, key, message));
    const good = rows.filter((r) => !badRows.has(r.row));
    if (errors.length > 0 && !partial) return null;
    const counts = await applyRows(trx, good, opts.onProgress);
    const skipped = total - good.length;
    await appendAudit(trx, actor, {
      action: 'orgs.import',
      objectType: 'organisation',
      detail: { file, format, partial, total, ...counts, skipped, errors: errors.length },
    });
    return { ...counts, skipped };
  }).catch(async (e: unknown) => {
    // Rolled back (e.g. a concurrent write took a 统一社会信用代码): record the failed attempt, then report it.
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total, message: String((e as Error)?.message ?? e).slice(0, 300) } });
    throw e;
  });

  errors.sort((a, b) => a.row - b.row);
  if (!outcome) {
    await appendAudit(db, actor, { action: 'orgs.import', objectType: 'organisation', result: 'error', detail: { file, format, partial, total, errors: errors.length } });
    return { total, inserted: 0, updated: 0, skipped: total, errors, applied: false };
  }
  return { total, ...outcome, errors, applied: true };
}
