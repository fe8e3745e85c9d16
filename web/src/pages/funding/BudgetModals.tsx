/**
 * 新建预算 (POST /api/funding/budgets, the shared BudgetCreate): an item's budget for a year (the
 * official's department must be one of the item's; an administrator names the department), or —
 * administrators only — a pool over years; an optional first allocation in 万元 → exact 分; an item
 * budget may draw on a pool. 追加 (POST …/:id/fund {amountFen, note}). Checked with the shared schema
 * first; server errors under their fields (a second budget for the same item and year: 409 under 年度).
 */
import { App, Form, Input, InputNumber, Radio, Select } from 'antd';
import { z } from 'zod';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { parseWanToFen } from '../../lib/money.js';
import { useReference } from '../../lib/reference.js';
import { useMe } from '../../lib/session.js';
import type { Items, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { BudgetCreate } from '../../../../src/shared/funding.js';
import { formatFenYuan } from './labels.js';
import type { Budget } from './types.js';
import { useFundingI18n } from './words.js';

interface CreateValues {
  name?: string;
  kind?: 'item' | 'pool';
  itemId?: string;
  year?: number;
  yearFrom?: number;
  yearTo?: number;
  poolId?: number;
  departmentCode?: string;
  fundFen?: string;
}

function useMoneyRule(required: boolean) {
  const { t } = useFundingI18n();
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!value?.trim()) {
        if (required) throw new Error(t('money.invalid.empty'));
        return;
      }
      const r = parseWanToFen(value);
      if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
      if (r.fen <= 0) throw new Error(t('funding.form.positive'));
    },
  };
}

export function CreateBudgetModal({ budgets, onClose, onDone }: { budgets: readonly Budget[]; onClose: () => void; onDone: () => void }) {
  const { t } = useFundingI18n();
  const me = useMe();
  const { message } = App.useApp();
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');
  const departments = useReference('departments');
  const admin = me.role === 'admin';
  const money = useMoneyRule(false);
  const modal = useModalForm<CreateValues, Record<string, unknown>>({
    fields: ['name', 'kind', 'itemId', 'year', 'yearFrom', 'yearTo', 'poolId', 'departmentCode', 'fundFen'],
    schema: BudgetCreate,
    toBody: (v) => {
      const fund = v.fundFen?.trim() ? parseWanToFen(v.fundFen) : null;
      const pool = v.kind === 'pool';
      return {
        name: v.name?.trim() ?? '',
        kind: v.kind ?? 'item',
        itemId: pool ? null : (v.itemId ?? null),
        year: pool ? null : (v.year ?? null),
        yearFrom: pool ? (v.yearFrom ?? null) : null,
        yearTo: pool ? (v.yearTo ?? null) : null,
        poolId: pool ? null : (v.poolId ?? null),
        ...(admin && v.departmentCode ? { departmentCode: v.departmentCode } : {}),
        ...(fund?.ok ? { fundFen: fund.fen } : {}),
      };
    },
    send: async (body) => {
      const r = await api.post<{ id: number }>('/funding/budgets', body);
      message.success(t('funding.budget.created', { id: r.id }));
      onDone();
      onClose();
    },
    onClose,
  });
  const kind = Form.useWatch('kind', modal.form) ?? 'item';
  const dept = Form.useWatch('departmentCode', modal.form) ?? me.departmentCode ?? undefined;
  const choices = (items.data?.items ?? []).filter((i) => i.status !== 'repealed' && (!dept || i.departments.includes(dept))).sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id));
  const pools = budgets.filter((b) => b.kind === 'pool');

  return (
    <FormModal<CreateValues>
      modal={modal}
      title={t('funding.budget.createTitle')}
      width={560}
      loading={items.loading && !items.data}
      initialValues={{ kind: 'item', year: new Date().getFullYear() }}
      testId="budget-form"
      okTestId="form-submit"
    >
      {admin ? (
        <Form.Item name="kind" label={t('funding.budget.kind')}>
          <Radio.Group
            options={[
              { value: 'item', label: t('funding.budget.kindItem') },
              { value: 'pool', label: t('funding.budget.kindPool') },
            ]}
          />
        </Form.Item>
      ) : null}
      {admin ? (
        <Form.Item name="departmentCode" label={t('funding.budget.department')} rules={[{ required: true, message: t('funding.budget.departmentRequired') }]}>
          <Select loading={departments.loading} options={departments.items.map((d) => ({ value: d.code, label: d.name }))} data-testid="budget-department" />
        </Form.Item>
      ) : null}
      <Form.Item name="name" label={t('funding.budget.name')} rules={[{ required: true, whitespace: true, message: t('funding.budget.nameRequired') }]}>
        <Input maxLength={80} data-testid="budget-name" />
      </Form.Item>
      {kind === 'item' ? (
        <>
          <Form.Item name="itemId" label={t('funding.form.item')} rules={[{ required: true, message: t('funding.form.itemRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={choices.map((i) => ({ value: i.id, label: t('funding.form.itemOption', { n: i.measure, title: i.title }) }))} data-testid="budget-item" />
          </Form.Item>
          <Form.Item name="year" label={t('funding.form.year')} rules={[{ required: true, message: t('funding.budget.yearRequired') }]}>
            <InputNumber min={2020} max={2100} precision={0} style={{ width: 160 }} data-testid="budget-year" />
          </Form.Item>
          {pools.length ? (
            <Form.Item name="poolId" label={t('funding.budget.pool')} extra={t('funding.budget.poolHint')}>
              <Select allowClear options={pools.map((p) => ({ value: p.id, label: `#${p.id} ${p.name}` }))} />
            </Form.Item>
          ) : null}
        </>
      ) : (
        <>
          <Form.Item name="yearFrom" label={t('funding.budget.yearFrom')} rules={[{ required: true, message: t('funding.budget.yearRequired') }]}>
            <InputNumber min={2020} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="yearTo" label={t('funding.budget.yearTo')} rules={[{ required: true, message: t('funding.budget.yearRequired') }]}>
            <InputNumber min={2020} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </>
      )}
      <Form.Item name="fundFen" label={t('funding.budget.firstFund')} rules={[money]} extra={t('funding.budget.firstFundHint')}>
        <Input suffix={t('money.wan')} inputMode="decimal" style={{ textAlign: 'right', width: 240 }} data-testid="budget-fund" />
      </Form.Item>
    </FormModal>
  );
}

interface FundValues {
  amountFen?: string;
  note?: string;
}

const FundBody = z.strictObject({ amountFen: z.number().int().positive(), note: z.string().trim().max(200).nullable() });

export function FundBudgetModal({ budget, onClose, onDone }: { budget: Budget; onClose: () => void; onDone: () => void }) {
  const { t } = useFundingI18n();
  const { message } = App.useApp();
  const money = useMoneyRule(true);
  const modal = useModalForm<FundValues, { amountFen: number; note: string | null }>({
    fields: ['amountFen', 'note'],
    schema: FundBody,
    toBody: (v) => {
      const r = parseWanToFen(v.amountFen ?? '');
      return { amountFen: r.ok ? r.fen : 0, note: v.note?.trim() ? v.note.trim() : null };
    },
    send: async (body) => {
      await api.post(`/funding/budgets/${budget.id}/fund`, body);
      message.success(t('funding.budget.fundedMsg', { amount: formatFenYuan(body.amountFen) }));
      onDone();
      onClose();
    },
    onClose,
  });
  const typed = Form.useWatch('amountFen', modal.form);
  const parsed = typed ? parseWanToFen(typed) : null;
  return (
    <FormModal<FundValues> modal={modal} title={t('funding.budget.fundTitle', { name: budget.name })} okText={t('funding.budget.fund')} testId="fund-form" okTestId="form-submit">
      <Form.Item name="amountFen" label={t('funding.budget.fundAmount')} rules={[money]} extra={parsed?.ok ? formatFenYuan(parsed.fen) : undefined}>
        <Input suffix={t('money.wan')} inputMode="decimal" style={{ textAlign: 'right', width: 240 }} data-testid="fund-amount" />
      </Form.Item>
      <Form.Item name="note" label={t('funding.budget.fundNote')}>
        <Input maxLength={200} data-testid="fund-note" />
      </Form.Item>
    </FormModal>
  );
}
