/**
 * An item's budget for a year, before anyone applies (GET /api/funding/budget-status, public): the policy library's
 * cards, the calculator's results and the application form read it. One request per year and page view, shared by
 * every card (kept for a minute), so a library of 37 items asks once.
 */
import { Alert, Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { formatFenExact } from '../../lib/money.js';
import type { BudgetStatusList, ItemBudgetStatus } from '../../../../src/shared/funding.js';

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; p: Promise<BudgetStatusList> }>();

function load(year: number | undefined): Promise<BudgetStatusList> {
  const key = String(year ?? 'now');
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.p;
  const p = api.get<BudgetStatusList>('/funding/budget-status', year ? { year } : undefined);
  cache.set(key, { at: Date.now(), p });
  p.catch(() => cache.delete(key));
  return p;
}

/** The status of one item (undefined while loading or when the item is unknown); year defaults to this year on the server. */
export function useItemBudget(itemId: string | undefined, year?: number): ItemBudgetStatus | undefined {
  const [list, setList] = useState<BudgetStatusList>();
  useEffect(() => {
    let live = true;
    load(year).then(
      (l) => live && setList(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [year]);
  return itemId ? list?.items.find((s) => s.itemId === itemId) : undefined;
}

/** The status in words (the year named unless it is this year's tag). */
function useStatusText() {
  const { t } = useI18n();
  return (s: ItemBudgetStatus, thisYear: boolean) =>
    s.status === 'none'
      ? thisYear
        ? t('funding.budgetStatus.none')
        : t('funding.budgetStatus.noneYear', { year: s.year })
      : s.status === 'exhausted'
        ? t('funding.budgetStatus.exhausted', { year: s.year })
        : thisYear
          ? t('funding.budgetStatus.left', { amount: formatFenExact(s.availableFen ?? 0) })
          : t('funding.budgetStatus.available', { year: s.year, amount: formatFenExact(s.availableFen ?? 0) });
}

/** A small tag: 本年度尚未设立预算 (orange) or the year's remaining budget (green). */
export function BudgetTag({ itemId, year }: { itemId: string; year?: number }) {
  const { t } = useI18n();
  const text = useStatusText();
  const s = useItemBudget(itemId, year);
  if (!s) return null;
  const color = s.status === 'available' ? 'green' : 'orange';
  return (
    <Tooltip title={t('funding.budgetStatus.hint')}>
      <Tag color={color} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }} data-testid={`budget-status-${itemId}`} data-status={s.status}>
        {text(s, year === undefined)}
      </Tag>
    </Tooltip>
  );
}

/** The application form's plain warning when the item has no budget (or none left) for the year applied for. */
export function BudgetWarning({ itemId, year }: { itemId: string | undefined; year?: number }) {
  const { t } = useI18n();
  const text = useStatusText();
  const s = useItemBudget(itemId, year);
  if (!s) return null;
  if (s.status === 'available') return <Alert type="success" showIcon style={{ marginBottom: 16 }} title={text(s, false)} data-testid="funding-form-budget" data-status={s.status} />;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="funding-form-budget"
      data-status={s.status}
      title={text(s, year === undefined)}
      description={t(s.status === 'none' ? 'funding.budgetStatus.noneWarning' : 'funding.budgetStatus.exhaustedWarning')}
    />
  );
}
