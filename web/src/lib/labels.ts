/** Small lookups from codes to names, shared by several pages. */
import type { Label } from './i18n.js';
import type { Industry } from './types.js';

export function nameOf<T extends { code: string; name: string }>(items: readonly T[], code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return items.find((i) => i.code === code)?.name;
}

export interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

/** GB/T 4754 sections (门类) with their divisions (大类) for a Cascader. */
export function industryOptions(industries: readonly Industry[]): IndustryOption[] {
  const sections = industries.filter((i) => i.level === 'section');
  return sections.map((s) => ({
    value: s.code,
    label: `${s.code} ${s.name}`,
    children: industries
      .filter((d) => d.level === 'division' && d.sectionCode === s.code)
      .map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  }));
}

/** The Cascader path for an industry code: a section letter or a two-digit division. */
export function industryPath(industries: readonly Industry[], code: string | undefined): string[] | undefined {
  if (!code) return undefined;
  const found = industries.find((i) => i.code === code);
  if (!found) return undefined;
  return found.level === 'section' ? [found.code] : [found.sectionCode, found.code];
}

/** A 科创指数 reason code's direction (…_high / …_low) in words, for the bank view (which shows no figures). */
export const REASON_DIRECTION_LABELS: Record<'high' | 'low', Label> = {
  high: { zh: '高于同类企业中位水平', en: 'above the cohort median' },
  low: { zh: '低于同类企业中位水平', en: 'below the cohort median' },
};
