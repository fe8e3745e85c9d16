/**
 * Documents of the funding process: the publicity list (公示名单) and the payment
 * list (拨付清单) as .xlsx, and each decision as a printable PDF record with the
 * engine's explanation, the pre-review, the expert reviews, the approvals, the
 * publicity and the payment. In the PDF amounts are shown in 元 computed from 分
 * digit by digit; the lists carry 元 as numeric cells (分/100, summable, see
 * platform/http/xlsx.ts, which also keeps user text from being read as a
 * formula) with the exact 分 beside them.
 *
 * The PDF needs a font with Chinese glyphs: PDF_FONT, or the Debian packages'
 * WenQuanYi Zen Hei / Noto CJK. Without one the record is refused with a plain
 * message rather than printed as empty boxes.
 */
import fs from 'node:fs';
import { openSync as openFont } from 'fontkit';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import { appendAudit, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { AppError, forbidden } from '../platform/errors.js';
import type { XlsxColumn } from '../platform/http/xlsx.js';
import { itemsInForce } from '../policy/service.js';
import { getApplication, type FundingRules } from './applications.js';
import type { Config } from '../platform/config.js';
import { suzhouDateTime } from '../platform/clock.js';
import { ACTION_LABEL, STATE_LABEL, type Action, type State } from './engine/lifecycle.js';

/** 分 → "1,234,567.89" exactly (no floating point). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${neg ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Text as the embedded CJK font can draw it: the engine's explanation marks a met condition with ✓
 * (and an unmet one with ✗), which WenQuanYi and Noto CJK lack and PDF viewers draw as an empty
 * box; √ and × are in every Chinese font (GB 2312).
 */
export function pdfPrintable(text: string): string {
  return text.replace(/[✓✔]/g, '√').replace(/[✗✘]/g, '×');
}

/** The items an official's lists may cover: those of their department (administrators: all). */
async function itemsFor(db: Kysely<DB>, user: AuthUser, itemId?: string) {
  const all = await itemsInForce(db);
  const mine = user.role === 'admin' ? all : all.filter((v) => v.item.departments.includes(user.departmentCode ?? ''));
  if (itemId && !mine.some((v) => v.item.id === itemId)) throw forbidden('只能导出本部门事项的名单');
  return new Map((itemId ? mine.filter((v) => v.item.id === itemId) : mine).map((v) => [v.item.id, v.item.title]));
}

export async function publicityList(db: Kysely<DB>, actor: Actor, user: AuthUser, f: { itemId?: string; year?: number }) {
  const titles = await itemsFor(db, user, f.itemId);
  let q = db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.item_id', 'a.project', 'a.approved_fen', 'a.publicity_from', 'a.publicity_to', 'o.name', 'o.uscc'])
    .where('a.state', '=', 'publicity')
    .where('a.item_id', 'in', titles.size ? [...titles.keys()] : ['']);
  if (f.year) q = q.where('a.year', '=', f.year);
  const rows = await q.orderBy('a.item_id').orderBy('a.id').execute();
  await appendAudit(db, actor, { action: 'funding.document.publicity', objectType: 'application', detail: { ...f, rows: rows.length } });
  const columns: XlsxColumn[] = [
    { header: '序号', key: 'no', width: 6 },
    { header: '企业名称', key: 'name', width: 32 },
    { header: '统一社会信用代码', key: 'uscc', width: 22 },
    { header: '支持事项', key: 'item', width: 30 },
    { header: '项目', key: 'project', width: 24 },
    { header: '拟支持金额（元）', key: 'yuan', width: 18, fen: true },
    { header: '拟支持金额（分）', key: 'fen', width: 16 },
    { header: '公示期', key: 'period', width: 24 },
    { header: '申报编号', key: 'id', width: 10 },
  ];
  return {
    columns,
    rows: rows.map((r, i) => ({ no: i + 1, name: r.name, uscc: r.uscc, item: titles.get(r.item_id) ?? r.item_id, project: r.project ?? '', yuan: Number(r.approved_fen), fen: Number(r.approved_fen), period: `${String(r.publicity_from)} 至 ${String(r.publicity_to)}`, id: r.id })),
  };
}

/** What the finance bureau pays (待拨付) or has paid: with the accounts the enterprises gave. */
export async function paymentList(db: Kysely<DB>, actor: Actor, user: AuthUser, f: { itemId?: string; year?: number; state: 'payable' | 'paid' }) {
  const titles = await itemsFor(db, user, f.itemId);
  let q = db
    .selectFrom('applications as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('payments as p', (j) => j.onRef('p.application_id', '=', 'a.id').on('p.returned_at', 'is', null))
    .select(['a.id', 'a.item_id', 'a.approved_fen', 'a.bank_account', 'o.name', 'o.uscc', 'p.id as payment_id', 'p.at as paid_at'])
    .where('a.state', 'in', f.state === 'paid' ? ['paid', 'closed'] : ['payable'])
    .where('a.item_id', 'in', titles.size ? [...titles.keys()] : ['']);
  if (f.year) q = q.where('a.year', '=', f.year);
  const rows = await q.orderBy('a.item_id').orderBy('a.id').execute();
  await appendAudit(db, actor, { action: 'funding.document.payments', objectType: 'application', detail: { ...f, rows: rows.length } });
  const columns: XlsxColumn[] = [
    { header: '序号', key: 'no', width: 6 },
    { header: '企业名称', key: 'name', width: 32 },
    { header: '统一社会信用代码', key: 'uscc', width: 22 },
    { header: '支持事项', key: 'item', width: 30 },
    { header: '开户名', key: 'holder', width: 28 },
    { header: '开户行', key: 'bank', width: 24 },
    { header: '账号', key: 'account', width: 24 },
    { header: '金额（元）', key: 'yuan', width: 16, fen: true },
    { header: '金额（分）', key: 'fen', width: 16 },
    { header: '申报编号', key: 'id', width: 10 },
    { header: '支付编号', key: 'payment', width: 10 },
    { header: '支付时间', key: 'paidAt', width: 22 },
  ];
  return {
    columns,
    rows: rows.map((r, i) => {
      const b = r.bank_account as { holder: string; bank: string; account: string } | null;
      return { no: i + 1, name: r.name, uscc: r.uscc, item: titles.get(r.item_id) ?? r.item_id, holder: b?.holder ?? '（未填写）', bank: b?.bank ?? '', account: b?.account ?? '', yuan: Number(r.approved_fen), fen: Number(r.approved_fen), id: r.id, payment: r.payment_id ?? '', paidAt: r.paid_at ? suzhouDateTime(new Date(r.paid_at), true) : '' };
    }),
  };
}

// ------------------------------------------------------------------ the decision record (PDF)

const FONT_CANDIDATES = ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'];

function collectionFirstFont(file: string): string | undefined {
  const f = openFont(file);
  return 'fonts' in f ? f.fonts[0]?.postscriptName : undefined;
}

/** PDF_FONT (checked at start by src/platform/config.ts), else the first Debian CJK font installed. */
export function cjkFont(own: string | undefined, candidates: readonly string[] = FONT_CANDIDATES): { path: string; family?: string } | null {
  // A collection (.ttc) needs the name of one of its fonts: its first.
  if (own) return fs.existsSync(own) ? { path: own, family: collectionFirstFont(own) } : null;
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) return null;
  return { path: found, family: found.includes('wqy-zenhei') ? 'WenQuanYiZenHei' : found.includes('microhei') ? 'WenQuanYiMicroHei' : 'NotoSansCJKsc-Regular' };
}

/**
 * The decision record of one application as PDF bytes (who may read the application may print it).
 * It prints the requester's own view of the application (getApplication), so the enterprise's copy
 * names the reviewers only as 评审专家 A, B… (engine/reviewer-view.ts), an expert's names only
 * themself, and the office's names everyone.
 */
export async function decisionRecord(db: Kysely<DB>, actor: Actor, user: AuthUser, id: number, config: FundingRules & Pick<Config, 'PDF_FONT'>): Promise<Buffer> {
  const a = await getApplication(db, actor, user, id, config);
  const font = cjkFont(config.PDF_FONT);
  if (!font) throw new AppError('NO_CJK_FONT', 503, '服务器缺少中文字体（请安装 fonts-wqy-zenhei 或设置 PDF_FONT），暂不能生成 PDF');
  await appendAudit(db, actor, { action: 'funding.document.decision', objectType: 'application', objectId: id });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `申报 #${id} 决定记录`, Author: '苏创荟' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const h = (text: string) => doc.moveDown(0.6).fontSize(13).text(text).moveDown(0.2).fontSize(10);
  const line = (label: string, value: string) => doc.fontSize(10).text(pdfPrintable(`${label}：${value}`));
  // Departments by name, times in Beijing time: the record is read by people, not by the database.
  const deptNames = new Map((await db.selectFrom('departments').select(['code', 'name']).execute()).map((d) => [d.code, d.name]));
  const dept = (code: string) => deptNames.get(code) ?? code;
  const day = (iso: string) => suzhouDateTime(iso).slice(0, 10);

  doc.fontSize(18).text('苏创荟 · 政策资金决定记录', { align: 'center' }).moveDown(0.3);
  doc.fontSize(10).text(`申报编号 #${a.id}\u3000生成时间 ${suzhouDateTime(new Date())}（北京时间）`, { align: 'center' });
  h('一、申报');
  line('企业', a.orgName ?? String(a.orgId));
  line('支持事项', `${a.itemTitle}（第 ${a.itemVersion} 版）`);
  line('方式', a.origin === 'proactive' ? '免申即享（平台数据比对，企业确认）' : '企业申报');
  if (a.project) line('项目', a.project);
  line('年度', String(a.year));
  line('当前状态', STATE_LABEL[a.state]);
  line('责任单位', a.departments.map(dept).join('、'));
  h('二、平台测算');
  line('结论', a.evaluation.status === 'eligible' ? '符合条件' : a.evaluation.status === 'needs_input' ? '信息不足' : '不符合条件');
  if (a.engineFen) line('测算金额', a.engineFen.min === a.engineFen.max ? `${yuan(a.engineFen.max)} 元` : `${yuan(a.engineFen.min)}–${yuan(a.engineFen.max)} 元（上限由评审确定）`);
  doc.text(pdfPrintable(a.evaluation.explanation || '（无）'));
  h('三、部门初审');
  if (!a.signoffs.length) doc.text('（无）');
  for (const s of a.signoffs) line(dept(s.department), `${s.by}，${day(s.at)}${s.note ? `，${s.note}` : ''}`);
  h('四、专家评审');
  if (!a.reviews.length) doc.text('（无）');
  else if (a.reviews.some((r) => r.expertId === null)) doc.text('评审专家不具名，以字母代称（按指派顺序）。');
  for (const r of a.reviews) {
    if (r.conflictDeclared) line(r.expert, '声明回避');
    else line(r.expert, r.total === null ? '未评分' : `总分 ${r.total}：${Object.entries((r.scores ?? {}) as Record<string, number>).map(([k, v]) => `${a.criteria.find((c) => c.code === k)?.label ?? k} ${v}`).join('，')}；意见：${r.opinion ?? ''}`);
  }
  h('五、审批');
  if (!a.approvals.length) doc.text('（无）');
  for (const p of a.approvals) line(p.by, `${yuan(p.amountFen)} 元，${day(p.at)}${p.reason ? `，理由：${p.reason}` : ''}`);
  if (a.approvedFen !== null) line('核定金额', `${yuan(a.approvedFen)} 元`);
  h('六、公示与异议');
  line('公示期', a.publicity ? `${a.publicity.from} 至 ${a.publicity.to}` : '（未公示）');
  for (const o of a.objections) line(`异议 #${o.id}`, `${o.text}；处理：${o.resolution ?? '未处理'}${o.upheld === null ? '' : o.upheld ? '（成立）' : '（不成立）'}`);
  h('七、办理过程');
  const reviewerOf = (d: unknown) => (d && typeof d === 'object' && typeof (d as { reviewer?: unknown }).reviewer === 'string' ? `：${(d as { reviewer: string }).reviewer}` : '');
  for (const e of a.events) doc.text(pdfPrintable(`${suzhouDateTime(e.at)}\u3000${ACTION_LABEL[e.action as Action] ?? (e.action === 'create' ? '新建' : e.action === 'offer' ? '免申即享推送' : e.action)}${e.action === 'assign_expert' ? reviewerOf(e.detail) : ''}\u3000${e.from ? STATE_LABEL[e.from as State] : ''} → ${STATE_LABEL[e.to as State]}\u3000${e.by ?? '平台'}${e.note ? `\u3000${e.note}` : ''}`));
  if (a.rejectReasonLabel) line('不予支持原因', `${a.rejectReasonLabel}：${a.rejectNote ?? ''}`);
  doc.end();
  return done;
}
