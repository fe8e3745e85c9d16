/** Where the funding pages live (/funding/…). */
export const FUNDING_BASE = '/funding';
export const applicationsPath = `${FUNDING_BASE}/applications`;
export const budgetsPath = `${FUNDING_BASE}/budgets`;
export const publicityPath = `${FUNDING_BASE}/publicity`;
export const applicationPath = (id: number) => `${applicationsPath}/${id}`;
export const budgetPath = (id: number) => `${budgetsPath}/${id}`;
/** 新建申报 with the item chosen (the policy calculator's 去申报). */
export const newApplicationPath = (itemId?: string) => `${applicationsPath}/new${itemId ? `?itemId=${encodeURIComponent(itemId)}` : ''}`;
