/**
 * Conflicts of interest in expert review (回避), judged without a database: who the expert is tied
 * to (their affiliation and the department's list of organisations they must also avoid, 回避单位)
 * against who stands behind the application (the applicant enterprise, the person who filed it,
 * and the partner organisations it names, 合作单位). Used when an official assigns an expert and
 * again when the expert scores, so a change of affiliation in between is caught.
 *
 * Organisations compare by id where both sides have one; a partner named only by text compares by
 * its exact normalised name (Unicode NFKC, so full-width brackets and letters equal half-width
 * ones; whitespace removed; Latin letters lower-cased). No fuzzy matching: "苏州大学" does not match
 * "苏州大学附属第一医院" — an official who sees a tie the rule misses declares it in the avoid list.
 */

export interface Org {
  id: number;
  name: string;
}

export interface ExpertTies {
  name: string;
  userId: number | null;
  /** The affiliation (所属单位), if any. */
  org: Org | null;
  /** 回避单位: further organisations the department recorded for this expert. */
  avoid: readonly Org[];
}

export interface Partner {
  orgId: number | null;
  name: string;
}

export interface ApplicationParties {
  applicant: Org;
  applicantUserId: number | null;
  partners: readonly Partner[];
}

export interface Conflict {
  /** The organisation (or person) the expert is tied to. */
  party: string;
  /** The plain-Chinese reason, naming the tie. */
  message: string;
}

/** The form two organisation names are compared in. */
export function normaliseOrgName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/**
 * The first conflict between an expert and an application, or null. The order is fixed (the
 * applicant, the filer, then the partners in the order named) so the same facts give the same answer.
 */
export function expertConflict(expert: ExpertTies, app: ApplicationParties): Conflict | null {
  const ties: { org: Org; how: string }[] = [...(expert.org ? [{ org: expert.org, how: '所属单位' }] : []), ...expert.avoid.map((org) => ({ org, how: '回避单位' }))];
  const tieTo = (p: { orgId: number | null; name: string }) =>
    ties.find(({ org }) => (p.orgId !== null ? p.orgId === org.id : normaliseOrgName(p.name) !== '' && normaliseOrgName(p.name) === normaliseOrgName(org.name)));

  const applicant = tieTo({ orgId: app.applicant.id, name: app.applicant.name });
  if (applicant) return { party: app.applicant.name, message: `专家${expert.name}的${applicant.how}是申报单位“${app.applicant.name}”，须回避` };
  if (expert.userId !== null && expert.userId === app.applicantUserId) return { party: app.applicant.name, message: `专家${expert.name}是本申报的申报人，不能评审自己的申报` };
  for (const p of app.partners) {
    const t = tieTo(p);
    if (t) return { party: p.name, message: `专家${expert.name}的${t.how}“${t.org.name}”是本申报的合作单位，须回避` };
  }
  return null;
}
