/** Where the technology market's pages live (/market/…). */
export const MARKET_BASE = '/market';
export const achievementsPath = `${MARKET_BASE}/achievements`;
export const demandsPath = `${MARKET_BASE}/demands`;
export const matchesPath = `${MARKET_BASE}/matches`;
export const tasksPath = `${MARKET_BASE}/tasks`;
export const achievementPath = (id: number) => `${achievementsPath}/${id}`;
export const demandPath = (id: number) => `${demandsPath}/${id}`;
export const matchPath = (id: number) => `${matchesPath}/${id}`;
/** 对接进程 narrowed to one demand's or one achievement's matches. */
export const matchesFor = (f: { demandId: number } | { achievementId: number }) =>
  'demandId' in f ? `${matchesPath}?demandId=${f.demandId}` : `${matchesPath}?achievementId=${f.achievementId}`;
