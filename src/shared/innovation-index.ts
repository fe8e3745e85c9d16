/** Payloads of the 科创指数 API that forms also use (one schema for route, form and docs). */
import { z } from 'zod';

/** POST /api/index/runs/:id/reviews: an official's decision on a grade flagged for human review. */
export const IndexReviewInput = z
  .strictObject({
    orgId: z.number({ error: '请指定企业' }).int({ error: '企业编号应为正整数' }).positive({ error: '企业编号应为正整数' }),
    decision: z.enum(['confirm', 'adjust'], { error: '请选择“确认”或“调整”' }),
    grade: z.string({ error: '等级应为文字' }).trim().min(1, { error: '请选择调整后的等级' }).max(8, { error: '等级不能超过 8 个字' }).optional(),
    reason: z.string({ error: '原因应为文字' }).trim().min(2, { error: '原因至少 2 个字' }).max(500, { error: '原因不能超过 500 个字' }),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'adjust' && !v.grade) ctx.addIssue({ code: 'custom', path: ['grade'], message: '调整等级须选择调整后的等级' });
  });
export type IndexReviewInput = z.infer<typeof IndexReviewInput>;

export const REVIEW_DECISION_LABEL = { confirm: '确认计算等级', adjust: '调整等级' } as const;
