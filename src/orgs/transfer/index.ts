/**
 * Import and export of organisations as .xlsx or .csv (chosen by the file's
 * extension). The format is documented in docs/import-format.md.
 *
 *   columns.ts  the columns, TransferRow, header parsing
 *   cells.ts    raw cells and pure cell parsers (dates, counts)
 *   money.ts    元 ⇄ 分 by string arithmetic
 *   csv.ts      streaming CSV reader (csv-parse) and writer
 *   xlsx.ts     streaming .xlsx reader (with the exceljs UTF-8 fix) and writer
 *   files.ts    format by extension; reading and writing either
 *   validate.ts one data row → ImportRow or its errors (pure)
 *   match.ts    matching rows to organisations already stored
 *   import.ts   importOrgs: validate all, then apply in one transaction
 *   export.ts   exportOrgs
 *
 * Both directions stream, so 100,000 rows fit. The SQL lives in ../repository.ts.
 */
export { COLUMNS, headerText, SHEET_NAME, type ColumnSpec, type TransferRow } from './columns.js';
export { formatYuan, parseYuan, type YuanResult } from './money.js';
export { parseCsv, readCsvStream, MAX_RECORD_CHARS } from './csv.js';
export { formatOf, readOrgsFileCells, writeOrgsFile, type TransferFormat, type WriteOptions } from './files.js';
export type { RowError } from './validate.js';
export { importOrgs, type ImportOptions, type ImportResult } from './import.js';
export { exportOrgs, type ExportOptions } from './export.js';
export { insertOrganisationsBulk, upsertFiguresBulk, type OrgInsertRow } from '../repository.js';
