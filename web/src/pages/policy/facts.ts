/**
 * The web's fact catalogue, fetched from GET /api/policy/facts (the catalogue is data: facts an
 * administrator adds appear without a rebuild). One fetch per page load, shared by every page
 * through a small store; components call useFactCatalogue() to render again once it arrives,
 * then the plain functions below read it. The calculator form offers the facts an enterprise
 * declares; the platform's facts come from its records when an enterprise is chosen.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../../lib/api.js';
import type { Label } from '../../lib/i18n.js';
import type { FactView } from '../../lib/types.js';

export type FactName = string;

/** English labels of the built-in facts; a fact without one shows its Chinese label. */
const EN: Record<string, string> = {
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
  applicantKind: 'Applicant kind',
  sizeBand: 'Enterprise size',
  industrySection: 'Industry section',
  isPlatformOperator: 'Runs an innovation carrier',
};

export interface DeclaredFact {
  name: FactName;
  def: FactView;
  label: Label;
}

// ------------------------------------------------------------------ the store
type State = { facts: FactView[] | undefined; error: boolean };
let state: State = { facts: undefined, error: false };
let byName = new Map<string, FactView>();
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** Replaces the catalogue (after the fetch; tests set it directly). */
export function setFactCatalogue(facts: FactView[]): void {
  byName = new Map(facts.map((f) => [f.name, f]));
  state = { facts, error: false };
  listeners.forEach((l) => l());
}

/** Fetches the catalogue once (again after a failure, or when `force`: an administrator added a fact). */
export function loadFactCatalogue(force = false): Promise<void> {
  if (loading && !force && !state.error) return loading;
  loading = api
    .get<{ facts: FactView[] }>('/policy/facts')
    .then((r) => setFactCatalogue(r.facts))
    .catch(() => {
      state = { ...state, error: true };
      listeners.forEach((l) => l());
    });
  return loading;
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The catalogue (undefined while loading), fetched on first use; the component renders again when it arrives. */
export function useFactCatalogue(): { facts: FactView[] | undefined; error: boolean } {
  const s = useSyncExternalStore(subscribe, () => state);
  useEffect(() => {
    if (state.facts === undefined && loading === null) void loadFactCatalogue();
  }, []);
  return s;
}

// ------------------------------------------------------------------ reading it
export function factDef(name: string): FactView | undefined {
  return byName.get(name);
}

export function factLabel(name: string): Label | undefined {
  const f = byName.get(name);
  return f ? { zh: f.label, en: EN[name] ?? f.label } : undefined;
}

/** The facts an enterprise declares that the calculator form can ask for (money, count, yes/no). */
export function declaredFacts(): DeclaredFact[] {
  return (state.facts ?? [])
    .filter((f) => f.source === 'declaration' && (f.type === 'money' || f.type === 'boolean' || f.type === 'count'))
    .map((f) => ({ name: f.name, def: f, label: { zh: f.label, en: EN[f.name] ?? f.label } }));
}

/**
 * Whom an item is for (适用对象): read from the records of the chosen enterprise; typed in the calculator when it
 * evaluates declared facts alone (no enterprise).
 */
export const AUDIENCE_FACTS = ['applicantKind', 'sizeBand', 'industrySection'] as const;

export function audienceFacts(): DeclaredFact[] {
  return AUDIENCE_FACTS.map((n) => byName.get(n))
    .filter((f): f is FactView => f !== undefined)
    .map((f) => ({ name: f.name, def: f, label: { zh: f.label, en: EN[f.name] ?? f.label } }));
}

export function isDeclared(name: string): boolean {
  if ((AUDIENCE_FACTS as readonly string[]).includes(name)) return byName.has(name);
  const f = byName.get(name);
  return !!f && f.source === 'declaration' && (f.type === 'money' || f.type === 'boolean' || f.type === 'count');
}
