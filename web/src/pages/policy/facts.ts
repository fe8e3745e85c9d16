/**
 * The calculator's view of the fact catalogue (src/policy/engine/facts.ts, imported as-is:
 * pure data, no Node imports). The form offers the facts an enterprise declares; the
 * platform's facts come from its records when an enterprise is chosen.
 */
import { FACTS, type FactDef, type FactName } from '../../../../src/policy/engine/facts.js';
import type { Label } from '../../lib/i18n.js';

export { FACTS, type FactName };

/** English labels; a fact added to the catalogue without one shows its Chinese label. */
const EN: Partial<Record<FactName, string>> = {
  revenue: 'Revenue',
  rdExpense: 'R&D expense',
  rdExpenseDomestic: 'Domestic R&D expense',
  staff: 'Staff',
  rdStaff: 'S&T staff',
  hightechRevenue: 'High-tech product revenue',
  netAssets: 'Net assets',
  patentsInvention: 'Invention patents',
  patentsHighValue: 'High-value invention patents',
  techContractIncome: 'Technology-contract income',
  qualifications: 'Valid qualifications',
  isManufacturing: 'Manufacturing enterprise',
  equipmentInvestment: 'Equipment investment',
  contractPaidThisYear: 'Technology-contract amount paid this year',
  challengeContractAmount: 'Open-challenge contract amount',
  insurancePremium: '"Su Zhuan Bao" insurance premium',
  patentPortfolioSelected: 'Selected for high-value patent portfolio cultivation',
  jointFundProject: 'Provincial–municipal natural science joint fund project',
  basicResearchPilot: 'Municipal basic-research pilot unit',
  conversionProjectApproved: 'Major achievement-conversion project approved',
  leadsNationalProject: 'Leads a national major project or key R&D programme',
  upperLevelFunding: 'Funding from higher-level government',
  youngScientist: 'Named in the young-scientist release',
  topTalentTeam: 'Top talent (team)',
  leadingTalentTeam: 'Leading innovation and entrepreneurship talent (team)',
  pocCenterApproved: 'Proof-of-concept / pilot verification centre',
  platformInvestment: 'Public technology service platform: total investment',
  platformOpenSharing: 'Platform selected for open sharing',
  benchmarkIncubator: 'Newly approved provincial benchmark incubator',
  firstSetCertified: 'First set / first batch / first version certified',
};

export interface DeclaredFact {
  name: FactName;
  def: FactDef;
  label: Label;
}

const entries = Object.entries(FACTS) as Array<[FactName, FactDef]>;

export function factLabel(name: string): Label | undefined {
  const found = entries.find(([n]) => n === name);
  return found ? { zh: found[1].label, en: EN[found[0]] ?? found[1].label } : undefined;
}

/** The facts the calculator form asks for: money and yes/no facts the enterprise declares. */
export const DECLARED_FACTS: readonly DeclaredFact[] = entries
  .filter(([, def]) => def.source === 'declaration' && (def.type === 'money' || def.type === 'boolean' || def.type === 'count'))
  .map(([name, def]) => ({ name, def, label: { zh: def.label, en: EN[name] ?? def.label } }));

export function isDeclared(name: string): boolean {
  return DECLARED_FACTS.some((f) => f.name === name);
}
