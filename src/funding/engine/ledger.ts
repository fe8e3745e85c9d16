/**
 * The funding ledger as a pure model: double entry in integer 分.
 *
 * Every budget (an item's budget for a year, or a pool over several years, e.g.
 * measure 11's 150亿 over three years) has three accounts: 可用 available,
 * 已预留 reserved and 已支付 spent; money enters from the budget's appropriation
 * account. A budget may draw on a pool: every movement on it but its funding is
 * mirrored on the pool, so neither can be overspent. Movements:
 *
 *   fund     appropriation → available           (the budget is granted)
 *   reserve  available → reserved                (an approval)
 *   release  reserved → available                (an approval cancelled or lowered)
 *   pay      reserved → spent                    (a payment)
 *   reverse  spent → available                   (a payment returned or clawed back)
 *
 * Each movement is a set of entries whose debits equal its credits; balances
 * are debits − credits (the appropriation's is negative: what was granted).
 * Invariants, checked before anything is applied, so a refused movement changes
 * nothing: no available, reserved or spent balance below zero, for the budget,
 * for its pool and for each application's share (an application cannot be paid
 * more than was reserved for it, nor released or reversed more than it holds).
 *
 * The database ledger (src/funding/ledger-repo.ts) applies the same movements
 * in one transaction with the budgets locked; property tests hold the two to
 * this model.
 */

export const MOVEMENT_KINDS = ['fund', 'reserve', 'release', 'pay', 'reverse'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

export const MOVEMENT_LABEL: Record<MovementKind, string> = {
  fund: '下达预算',
  reserve: '审批预留',
  release: '释放预留',
  pay: '支付',
  reverse: '冲回支付',
};

export type AccountKind = 'appropriation' | 'available' | 'reserved' | 'spent';

export interface Movement {
  kind: MovementKind;
  budgetId: number;
  /** The application the money is for (all but `fund`). */
  applicationId?: number;
  /** 分, a positive safe integer. */
  amountFen: number;
}

export interface Entry {
  budgetId: number;
  account: AccountKind;
  applicationId: number | null;
  debitFen: number;
  creditFen: number;
}

const FLOW: Record<MovementKind, [from: AccountKind, to: AccountKind]> = {
  fund: ['appropriation', 'available'],
  reserve: ['available', 'reserved'],
  release: ['reserved', 'available'],
  pay: ['reserved', 'spent'],
  reverse: ['spent', 'available'],
};

/** The entries of a movement on one budget: debit the account money goes to, credit the one it leaves. */
export function entriesFor(m: Movement, budgetId = m.budgetId): Entry[] {
  const [from, to] = FLOW[m.kind];
  const app = m.applicationId ?? null;
  // Money leaving available/appropriation is not any application's yet; reserved and spent are per application.
  const appOf = (a: AccountKind) => (a === 'reserved' || a === 'spent' ? app : null);
  return [
    { budgetId, account: to, applicationId: appOf(to), debitFen: m.amountFen, creditFen: 0 },
    { budgetId, account: from, applicationId: appOf(from), debitFen: 0, creditFen: m.amountFen },
  ];
}

export interface Balances {
  available: number;
  reserved: number;
  spent: number;
  /** What was granted (the appropriation's credit). */
  funded: number;
}

export const zero = (): Balances => ({ available: 0, reserved: 0, spent: 0, funded: 0 });

/** The ledger's state: balances per budget and per (budget, application), and each budget's pool. */
export class LedgerModel {
  readonly budgets = new Map<number, Balances>();
  readonly perApplication = new Map<string, { reserved: number; spent: number }>();
  readonly pools = new Map<number, number | null>();
  readonly journal: Entry[][] = [];

  addBudget(id: number, poolId: number | null = null): void {
    if (poolId !== null && !this.budgets.has(poolId)) throw new Error(`pool ${poolId} unknown`);
    this.budgets.set(id, zero());
    this.pools.set(id, poolId);
  }

  balances(id: number): Balances {
    return { ...(this.budgets.get(id) ?? zero()) };
  }

  application(budgetId: number, applicationId: number) {
    return { ...(this.perApplication.get(`${budgetId}:${applicationId}`) ?? { reserved: 0, spent: 0 }) };
  }

  /**
   * The budgets a movement touches: the budget and, when it draws on one, its
   * pool — except funding, which grants the budget its own allocation (the pool
   * was funded on its own and caps what its budgets together reserve).
   */
  chain(m: Pick<Movement, 'kind' | 'budgetId'>): number[] {
    const pool = m.kind === 'fund' ? null : (this.pools.get(m.budgetId) ?? null);
    return pool === null ? [m.budgetId] : [m.budgetId, pool];
  }

  /** Why a movement would break an invariant, or null when it may be applied. */
  check(m: Movement): Refusal | null {
    if (!this.budgets.has(m.budgetId)) return { field: 'budgetId', message: '预算不存在' };
    const isPool = (id: number) => [...this.pools.values()].includes(id);
    return violation(
      m,
      this.chain(m).map((b) => ({ budgetId: b, isPool: isPool(b), balances: this.balances(b), holding: this.application(b, m.applicationId ?? -1) })),
    );
  }

  /** Applies a movement (after `check`); returns its entries, budget and pool alike. */
  apply(m: Movement): Entry[] {
    const bad = this.check(m);
    if (bad) throw Object.assign(new Error(bad.message), { field: bad.field });
    const entries = this.chain(m).flatMap((b) => entriesFor(m, b));
    for (const e of entries) {
      post(this.budgets.get(e.budgetId)!, e);
      const delta = e.debitFen - e.creditFen;
      if (e.applicationId !== null && (e.account === 'reserved' || e.account === 'spent')) {
        const key = `${e.budgetId}:${e.applicationId}`;
        const a = this.perApplication.get(key) ?? { reserved: 0, spent: 0 };
        a[e.account] += delta;
        this.perApplication.set(key, a);
      }
    }
    this.journal.push(entries);
    return entries;
  }
}

export interface Refusal {
  field: string;
  message: string;
}

/** A budget a movement touches, as it stands: the budget first, then its pool. */
export interface ChainLink {
  budgetId: number;
  isPool: boolean;
  balances: Balances;
  /** The application's holding in this budget. */
  holding: { reserved: number; spent: number };
}

/**
 * Why a movement would break an invariant, or null: the one rule for the model
 * and the database. `links` are the budgets it touches (see LedgerModel.chain),
 * read under lock by the database.
 */
export function violation(m: Movement, links: readonly ChainLink[]): Refusal | null {
  if (!MOVEMENT_KINDS.includes(m.kind)) return { field: 'kind', message: `未知的资金变动“${String(m.kind)}”` };
  if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0) return { field: 'amountFen', message: '金额应为正整数（分）' };
  if (m.kind !== 'fund' && m.applicationId === undefined) return { field: 'applicationId', message: '须指明申报' };
  if (m.kind !== 'fund' && links[0]?.isPool) return { field: 'budgetId', message: '资金池只能通过其下的预算使用' };
  for (const [i, l] of links.entries()) {
    const what = i === 0 ? '预算' : '资金池';
    if (m.kind === 'reserve' && l.balances.available < m.amountFen) return { field: 'amountFen', message: `${what}可用余额不足：可用 ${l.balances.available} 分，需要 ${m.amountFen} 分` };
    if ((m.kind === 'release' || m.kind === 'pay') && l.holding.reserved < m.amountFen) return { field: 'amountFen', message: `该申报在${what}中的预留只有 ${l.holding.reserved} 分` };
    if (m.kind === 'reverse' && l.holding.spent < m.amountFen) return { field: 'amountFen', message: `该申报在${what}中的已支付只有 ${l.holding.spent} 分` };
  }
  return null;
}

/** Applies entries to balances (debits − credits; the appropriation's credit is what was funded). */
export function post(bal: Balances, e: Pick<Entry, 'account' | 'debitFen' | 'creditFen'>): void {
  const delta = e.debitFen - e.creditFen;
  if (e.account === 'appropriation') bal.funded -= delta;
  else bal[e.account] += delta;
}

/** What a reconciliation checks, over any journal: every movement balanced, and each budget's balances equal to its entries. */
export function reconcile(journal: readonly (readonly Entry[])[], stated: ReadonlyMap<number, Balances>): { ok: boolean; debit: number; credit: number; problems: string[] } {
  const problems: string[] = [];
  let debit = 0;
  let credit = 0;
  const derived = new Map<number, Balances>();
  journal.forEach((entries, i) => {
    const d = entries.reduce((s, e) => s + e.debitFen, 0);
    const c = entries.reduce((s, e) => s + e.creditFen, 0);
    if (d !== c) problems.push(`第 ${i + 1} 笔变动借贷不平：借 ${d} 分，贷 ${c} 分`);
    debit += d;
    credit += c;
    for (const e of entries) {
      const bal = derived.get(e.budgetId) ?? zero();
      post(bal, e);
      derived.set(e.budgetId, bal);
    }
  });
  for (const id of new Set([...stated.keys(), ...derived.keys()])) {
    const s = stated.get(id) ?? zero();
    const d = derived.get(id) ?? zero();
    for (const k of ['available', 'reserved', 'spent', 'funded'] as const) if (s[k] !== d[k]) problems.push(`预算 ${id} 的${k}记为 ${s[k]} 分，按分录应为 ${d[k]} 分`);
    if (s.available < 0 || s.reserved < 0 || s.spent < 0) problems.push(`预算 ${id} 出现负余额`);
    if (s.available + s.reserved + s.spent !== s.funded) problems.push(`预算 ${id}：可用 + 预留 + 已支付 ≠ 下达`);
  }
  return { ok: problems.length === 0 && debit === credit, debit, credit, problems };
}
