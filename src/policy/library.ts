/**
 * Policy documents, pure part: reading a policy's articles (条) from its full text.
 * No database, no clock. Used when an administrator adds a policy without listing
 * its clauses, and by the test that checks the Suzhou policy migration against
 * policies/suzhou-2026/text.txt.
 *
 * Two numbering styles are read, one per document:
 * - "第一条 …" (第…条 with Chinese numerals up to 999), used by most 办法 and 规定;
 * - "1.…" / "1．…" / "1、…" at the start of a line, as in Suzhou's 19 measures.
 * When any line starts with 第…条 the document is read in the first style only, so
 * "1." sub-items inside an article stay part of it. Section headings ("一、…",
 * "第一章 …") name the section of the articles that follow. A line that starts no
 * article and no section continues the current article. Word "[bookmark: …]"
 * markers are removed.
 */

export interface ParsedClause {
  no: number;
  /** The short title before the first 。 ("建设高能级平台"), or '' when the article has none. */
  title: string;
  /** The article's words after its number (and title), verbatim. */
  text: string;
  /** The heading of the section it stands in, or null. */
  section: string | null;
}

export class ClauseParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClauseParseError';
  }
}

export const stripBookmarks = (s: string): string => s.replace(/\[bookmark:[^\]]*\]/g, '');

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 九百九十九 → 999; null when not a numeral. */
export function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch === '百' || ch === '十') {
      const unit = ch === '百' ? 100 : 10;
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      digit = DIGITS[ch]!;
    }
  }
  return total + (digit ?? 0);
}

const ARTICLE_CN = /^\s*第([零〇一二两三四五六七八九十百]+)条[\s\u3000]*(.*)$/;
const ARTICLE_NUM = /^\s*(\d{1,3})[.．、](?!\d)[\s\u3000]*(.*)$/;
const SECTION_CN = /^\s*第[零〇一二两三四五六七八九十百]+[章节部分][\s\u3000]*(.*?)\s*$/;
const SECTION_LIST = /^\s*[一二三四五六七八九十]+、\s*(.+?)\s*$/;

/**
 * The short title of an article: its first sentence when that reads as a heading
 * (at most 30 characters, no commas) and more words follow on the same line.
 */
function splitTitle(body: string): { title: string; text: string } {
  const i = body.indexOf('。');
  const lineEnd = body.indexOf('\n');
  const restOnLine = lineEnd < 0 ? body.length : lineEnd;
  if (i > 0 && i <= 30 && i + 1 < restOnLine) {
    const head = body.slice(0, i);
    if (!/[，,；;：:、（(“"]/.test(head)) return { title: head, text: body.slice(i + 1) };
  }
  return { title: '', text: body };
}

/**
 * The articles of a policy text, numbered 1, 2, 3, … in order. Throws ClauseParseError
 * (a Chinese message) when no article is found or the numbering skips or repeats.
 */
export function parseClauses(fullText: string): ParsedClause[] {
  const lines = stripBookmarks(fullText).replace(/\r\n?/g, '\n').split('\n');
  const chineseStyle = lines.some((l) => ARTICLE_CN.test(l));
  const clauses: { no: number; body: string; section: string | null }[] = [];
  let section: string | null = null;
  for (const line of lines) {
    const article = chineseStyle ? ARTICLE_CN.exec(line) : ARTICLE_NUM.exec(line);
    if (article) {
      const no = chineseStyle ? chineseNumber(article[1]!) : Number(article[1]);
      if (no === null || no < 1 || no > 999) throw new ClauseParseError(`条款编号“${article[1]}”无法识别（应为 1–999）`);
      const expected = clauses.length + 1;
      if (no !== expected) {
        throw new ClauseParseError(clauses.length === 0 ? `第一个条款的编号应为 1，原文中为 ${no}` : `条款编号应从 1 起连续：第 ${clauses.length} 条之后是第 ${no} 条`);
      }
      clauses.push({ no, body: article[2]!.trim(), section });
      continue;
    }
    const heading = SECTION_CN.exec(line) ?? (chineseStyle ? null : SECTION_LIST.exec(line));
    if (heading && heading[1]) {
      section = heading[1];
      continue;
    }
    const last = clauses[clauses.length - 1];
    if (last && line.trim() !== '') last.body = last.body === '' ? line.trim() : `${last.body}\n${line.trim()}`;
  }
  if (clauses.length === 0) throw new ClauseParseError('未能从全文中识别出条款：条款应以“1.”或“第一条”开头，各占一段');
  return clauses.map((c) => ({ no: c.no, ...splitTitle(c.body), section: c.section }));
}

export interface ClauseInput {
  no: number;
  title?: string | undefined;
  text: string;
  section?: string | null | undefined;
}

/**
 * Checks clauses given explicitly: numbers 1–999 without repeats, each text quoted
 * word for word from the full text. Returns the problems as [field, Chinese message].
 */
export function clauseProblems(fullText: string, clauses: readonly ClauseInput[]): [string, string][] {
  const text = stripBookmarks(fullText);
  const problems: [string, string][] = [];
  const seen = new Set<number>();
  clauses.forEach((c, i) => {
    if (seen.has(c.no)) problems.push([`clauses[${i}].no`, `条款编号 ${c.no} 重复`]);
    seen.add(c.no);
    if (!text.includes(c.text)) problems.push([`clauses[${i}].text`, `第 ${c.no} 条的条文应逐字出现在政策全文中，未在全文中找到`]);
  });
  return problems;
}
