/**
 * 适用对象: whether an item is for this organisation at all, and the classification shown first in the calculator
 * and the benefits page — applies (符合), might apply once named facts are given (可能符合，需补充), cannot apply
 * (不适用: the audience excludes the organisation, or its facts fail the item). The audience is read with the same
 * condition machinery as eligibility, from the facts applicantKind, sizeBand, industrySection and isPlatformOperator.
 * Pure.
 */
import type { Facts } from './facts.js';
import { APPLICANT_KIND_VALUES, INDUSTRY_SECTION_VALUES, SIZE_BAND_VALUES } from './facts.js';
import { evaluateCondition, type EvalContext } from './evaluate.js';
import type { Audience, Condition, SupportItem } from './schema.js';

export type Relevance = 'applies' | 'might' | 'cannot';

const name = (values: readonly { code: string; label: string }[], code: string) => values.find((v) => v.code === code)?.label ?? code;

interface Part {
  condition: Condition;
  /** What the part requires, in words ("企业规模为中型、大型"). */
  label: string;
  /** The fact whose actual value explains a refusal. */
  shows?: { fact: string; values: readonly { code: string; label: string }[] };
}

/** The audience's parts, each a condition on the organisation's facts. */
export function audienceParts(a: Audience | undefined): Part[] {
  if (!a) return [];
  const parts: Part[] = [];
  if (a.applicants) {
    const options: Condition[] = [{ fact: 'applicantKind', in: a.applicants }];
    // An enterprise or an institution may also run a carrier (孵化器、中试中心…): it says so.
    if (a.applicants.includes('platform_operator')) options.push({ fact: 'isPlatformOperator', is: true });
    parts.push({
      condition: options.length === 1 ? options[0]! : { any: options },
      label: `申请主体为${a.applicants.map((k) => name(APPLICANT_KIND_VALUES, k)).join('或')}`,
      shows: { fact: 'applicantKind', values: APPLICANT_KIND_VALUES },
    });
  }
  const onlyEnterprises = (c: Condition): Condition => ({ any: [{ not: { fact: 'applicantKind', in: ['enterprise'] } }, c] });
  if (a.sizes) {
    parts.push({ condition: onlyEnterprises({ fact: 'sizeBand', in: a.sizes }), label: `企业规模为${a.sizes.map((s) => name(SIZE_BAND_VALUES, s)).join('、')}`, shows: { fact: 'sizeBand', values: SIZE_BAND_VALUES } });
  }
  if (a.sectors) {
    parts.push({ condition: onlyEnterprises({ fact: 'industrySection', in: a.sectors }), label: `所属行业为${a.sectors.map((s) => name(INDUSTRY_SECTION_VALUES, s)).join('、')}`, shows: { fact: 'industrySection', values: INDUSTRY_SECTION_VALUES } });
  }
  if (a.requires) parts.push({ condition: a.requires, label: a.requires.label ?? '满足适用条件' });
  return parts;
}

/** The audience as one condition (null: for everyone). */
export function audienceCondition(a: Audience | undefined): Condition | null {
  const parts = audienceParts(a);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]!.condition : { all: parts.map((p) => p.condition), label: '适用对象' };
}

/** Whether the audience admits the organisation: yes, no (with the reasons) or unknown (with the facts to give). */
export function audienceVerdict(item: SupportItem, facts: Facts, context: EvalContext = {}): { value: 'yes' | 'no' | 'unknown'; missing: { fact: string; label: string }[]; failed: string[] } {
  const failed: string[] = [];
  const missing: { fact: string; label: string }[] = [];
  let unknown = false;
  for (const part of audienceParts(item.audience)) {
    const r = evaluateCondition(item, part.condition, facts, context);
    if (r.value === 'no') {
      const actual = part.shows ? facts[part.shows.fact]?.value : undefined;
      const shown = typeof actual === 'string' ? `（本单位：${name(part.shows!.values, actual)}）` : part.shows ? '' : `（${r.failed.join('；')}）`;
      failed.push(`要求${part.label}${shown}`);
    } else if (r.value === 'unknown') {
      unknown = true;
      for (const m of r.missing) if (!missing.some((x) => x.fact === m.fact)) missing.push(m);
    }
  }
  return { value: failed.length ? 'no' : unknown ? 'unknown' : 'yes', missing: failed.length ? [] : missing, failed };
}

export interface Classified {
  relevance: Relevance;
  /** In words: why it applies, what is missing, or why it cannot apply. */
  relevanceReason: string;
  /** Every fact still to give (the item's and its audience's). */
  relevanceMissing: { fact: string; label: string }[];
}

/** The classification of one item's result for one organisation. */
export function classify(
  item: SupportItem,
  result: { status: 'eligible' | 'not_eligible' | 'needs_input'; missing: readonly { fact: string; label: string }[]; failed: readonly string[]; setAside?: string | null },
  facts: Facts,
  context: EvalContext = {},
): Classified {
  const a = audienceVerdict(item, facts, context);
  if (a.value === 'no') {
    const note = item.audience?.note ? `（本事项面向${item.audience.note}）` : '';
    return { relevance: 'cannot', relevanceReason: `不属于适用对象：${a.failed.join('；')}${note}`, relevanceMissing: [] };
  }
  if (result.status === 'not_eligible') return { relevance: 'cannot', relevanceReason: `不符合条件：${result.failed.join('；') || '见说明'}`, relevanceMissing: [] };
  if (result.setAside) return { relevance: 'cannot', relevanceReason: result.setAside, relevanceMissing: [] };
  const missing = [...result.missing];
  for (const m of a.missing) if (!missing.some((x) => x.fact === m.fact)) missing.push(m);
  if (result.status === 'needs_input' || missing.length > 0) {
    return { relevance: 'might', relevanceReason: `补充信息后可判断：${missing.map((m) => m.label).join('、')}`, relevanceMissing: missing };
  }
  return { relevance: 'applies', relevanceReason: '符合条件', relevanceMissing: [] };
}

/** Sorts results for display: applies, then might, then cannot (stable within each). */
export const RELEVANCE_ORDER: Record<Relevance, number> = { applies: 0, might: 1, cannot: 2 };
