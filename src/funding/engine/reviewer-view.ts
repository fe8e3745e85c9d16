/**
 * Who sees which reviewer (issue #11, item 5). Expert review is blind towards the applicant: the
 * enterprise (and anyone else outside the office) sees the experts as 评审专家 A, B, … — lettered in
 * the order they were assigned, so that one expert's assignment, score and recusal can be followed
 * without learning who it was — never their name, account or profile number, nor the reason given
 * for a recusal (a reason names ties). Officials and administrators see everything; an expert sees
 * themself by name and the other experts lettered. An assignment's detail names the reviewer
 * (`reviewer`: the name for the office, the letter for everyone else). Pure: the caller reads the rows, this decides.
 */

export type Viewer = { kind: 'office' } | { kind: 'expert'; expertId: number } | { kind: 'outside' };

export interface Reviewer {
  expertId: number;
  userId: number | null;
  name: string;
}

export interface RawEvent {
  from: string | null;
  to: string;
  action: string;
  note: string | null;
  detail: unknown;
  at: string;
  byUserId: number | null;
  by: string | null;
}

export interface RawReview {
  expertId: number;
  name: string;
  conflictDeclared: boolean;
  scores: unknown;
  total: number | null;
  opinion: string | null;
  scoredAt: string | null;
}

/** 'A'…'Z', then 'AA', 'AB', … */
export function letter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + letter(i % 26);
}

/** The anonymous label of the i-th assigned reviewer. */
export const reviewerLabel = (i: number) => `评审专家 ${letter(i)}`;

/**
 * The events and reviews of one application as this viewer may see them. `reviewers` are in the
 * order of assignment (the letters follow it).
 */
export function reviewerView(viewer: Viewer, reviewers: readonly Reviewer[], events: readonly RawEvent[], reviews: readonly RawReview[]) {
  const index = new Map(reviewers.map((r, i) => [r.expertId, i]));
  const byUser = new Map(reviewers.flatMap((r, i) => (r.userId === null ? [] : [[r.userId, i] as const])));
  const seesAll = viewer.kind === 'office';
  const isMe = (expertId: number | undefined) => viewer.kind === 'expert' && expertId === viewer.expertId;
  const labelOf = (expertId: number) => reviewerLabel(index.get(expertId) ?? reviewers.length);

  const outEvents = events.map(({ byUserId, ...e }) => {
    if (seesAll) {
      // The office reads the assigned expert's name beside the profile number.
      const d = e.detail as Record<string, unknown> | null;
      const named = e.action === 'assign_expert' && d && typeof d === 'object' && 'expertId' in d ? reviewers.find((r) => r.expertId === Number(d.expertId)) : undefined;
      return named ? { ...e, detail: { ...d, reviewer: named.name } } : e;
    }
    const detail: unknown = e.detail && typeof e.detail === 'object' ? { ...(e.detail as Record<string, unknown>) } : e.detail;
    let by = e.by;
    let note = e.note;
    // The expert an official assigned: a letter instead of the profile number.
    if (e.action === 'assign_expert' && detail && typeof detail === 'object' && 'expertId' in detail) {
      const d = detail as Record<string, unknown>;
      const id = Number(d.expertId);
      if (!isMe(id)) {
        delete d.expertId;
        d.reviewer = labelOf(id);
      } else d.reviewer = reviewers[index.get(id)!]?.name ?? labelOf(id);
    }
    // Whatever a reviewer did (score, recuse, object…) is shown under their letter.
    const actor = byUserId === null ? undefined : byUser.get(byUserId);
    if (actor !== undefined && !isMe(reviewers[actor]!.expertId)) {
      by = reviewerLabel(actor);
      if (e.action === 'declare_conflict') note = null;
    } else if (actor === undefined && (e.action === 'score' || e.action === 'declare_conflict')) {
      // A reviewer's act whose author is no longer among the reviewers: still nobody's name.
      by = '评审专家';
      if (e.action === 'declare_conflict') note = null;
    }
    // Who objected during 公示 is the office's to know, not the applicant's (the text of the objection is shown).
    if (e.action === 'object') by = '公示异议人';
    return { ...e, by, note, detail };
  });

  const outReviews = reviews
    .filter((r) => viewer.kind !== 'expert' || r.expertId === viewer.expertId)
    .map((r) => {
      const named = seesAll || isMe(r.expertId);
      return {
        expertId: named ? r.expertId : null,
        expert: named ? r.name : labelOf(r.expertId),
        conflictDeclared: r.conflictDeclared,
        scores: r.scores,
        total: r.total,
        // a recusal's reason names ties: only the office and the expert themself read it
        opinion: r.conflictDeclared && !named ? null : r.opinion,
        scoredAt: r.scoredAt,
      };
    });
  return { events: outEvents, reviews: outReviews };
}
