/** Where the 科创指数 pages live (/innovation-index/…). */
export const INDEX_BASE = '/innovation-index';
export const enterprisePath = (orgId: number) => `${INDEX_BASE}/enterprise/${orgId}`;
export const bankPath = (orgId: number) => `${INDEX_BASE}/bank/${orgId}`;
export const consentsPath = `${INDEX_BASE}/consents`;
