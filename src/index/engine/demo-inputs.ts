/** Index inputs from the demo generator, for tests and benchmarks (no database). */
import { demoStream, sectionOf } from '../../orgs/demo-generator.js';
import type { EnterpriseInput } from './indicators.js';

export function demoInputs(n: number, seed = 20260101): EnterpriseInput[] {
  const out: EnterpriseInput[] = [];
  let id = 1;
  for (const e of demoStream({ enterprises: n, seed }).enterprises()) {
    out.push({
      orgId: id++,
      section: e.industryCode ? sectionOf(e.industryCode) : null,
      sizeBand: e.sizeBand,
      foundedYear: e.foundedOn ? Number(e.foundedOn.slice(0, 4)) : null,
      qualifications: [...new Set(e.qualifications.filter((q) => q.validTo >= '2026-01-01').map((q) => q.typeCode))].sort(),
      flags: [],
      figures: e.figures,
    });
  }
  return out;
}
