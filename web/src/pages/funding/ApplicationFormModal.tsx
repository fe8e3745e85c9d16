/**
 * 新建申报 (POST /api/funding/applications) and 修改申报 (PUT …/:id, a draft or a returned one):
 * the support item (items that need an application; fixed once created), the year, the project
 * (required for per-project items), the facts the item asks the enterprise to declare (as the policy
 * calculator asks them: money in 万元 → exact 分, yes/no, counts), the amount requested in 万元 and the
 * 收款账户 (optional in a draft, required to submit; left blank in an edit, the one given before stays),
 * and the 合作单位 (partners: platform organisations or typed names; experts tied to them are recused).
 * Checked with the shared ApplicationCreate / ApplicationUpdate first; server errors land under their
 * fields (facts.x under x). The engine's evaluation comes back with the save and is shown by the caller.
 */
import { App, Alert, Form, Input, InputNumber, Select, Typography } from 'antd';
import { BudgetWarning } from './BudgetStatus.js';
import { useEffect, useState } from 'react';
import { useMe } from '../../lib/session.js';
import type { DeclaredFacts } from '../../lib/types.js';
import { FormModal } from '../../components/FormModal.js';
import { OrgMultiSelect, type OrgRef } from '../../components/OrgMultiSelect.js';
import { ORG_KINDS } from '../../../../src/shared/enums.js';
import { api } from '../../lib/api.js';
import { parseWanToFen, fenToWanString } from '../../lib/money.js';
import type { Items, PolicyItemSummary } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { ApplicationCreate, ApplicationUpdate } from '../../../../src/shared/funding.js';
import { BANK_FIELDS, BankAccountFields, bankBody, type BankValues } from './BankAccountFields.js';
import { declaredFactsOf, factsBody, factsValues, type FactValues } from './facts.js';
import { declaredFacts, useFactCatalogue } from '../policy/facts.js';
import type { ApplicationDetail, Evaluation } from './types.js';
import { useFundingI18n } from './words.js';

interface Values {
  itemId?: string;
  year?: number;
  project?: string;
  requestedFen?: string;
  partners?: OrgRef[];
  facts?: FactValues;
  bankAccount?: BankValues;
}

/** Items an enterprise applies for (not 免申即享, not repealed), by measure. */
export function applicableItems(items: readonly PolicyItemSummary[] | undefined): PolicyItemSummary[] {
  return (items ?? []).filter((i) => i.channel === 'application' && i.status !== 'repealed').sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id));
}

export function ApplicationFormModal({
  editing,
  presetItemId,
  onClose,
  onSaved,
}: {
  editing?: ApplicationDetail;
  presetItemId?: string;
  onClose: () => void;
  onSaved: (id: number, evaluation: Evaluation) => void;
}) {
  const { t, pick } = useFundingI18n();
  const { message } = App.useApp();
  useFactCatalogue();
  const items = useApi<Items<PolicyItemSummary>>('/policy/items');
  const choices = applicableItems(items.data?.items);
  const modal = useModalForm<Values, Record<string, unknown>>({
    fields: ['itemId', 'year', 'project', 'partners', 'requestedFen', 'facts', ...BANK_FIELDS, ...choices.flatMap((i) => declaredFactsOf(i.facts).map((f) => `facts.${f.name}`))],
    schema: editing ? ApplicationUpdate : ApplicationCreate,
    toBody: (v) => {
      const item = (items.data?.items ?? []).find((i) => i.id === (editing?.itemId ?? v.itemId));
      const requested = v.requestedFen?.trim() ? parseWanToFen(v.requestedFen) : null;
      const body: Record<string, unknown> = {
        project: v.project?.trim() ? v.project.trim() : null,
        facts: factsBody(declaredFactsOf(item?.facts), v.facts),
        requestedFen: requested?.ok ? requested.fen : null,
        partners: (v.partners ?? []).map((p) => (p.orgId !== null ? { orgId: p.orgId } : { name: p.name })),
      };
      // Left blank when editing: the account given before stays (it is shown masked above the fields).
      const bank = bankBody(v.bankAccount);
      if (bank || !editing) body.bankAccount = bank;
      if (!editing) {
        body.itemId = v.itemId ?? '';
        if (v.year) body.year = v.year;
      }
      return body;
    },
    send: async (body) => {
      const r = editing
        ? await api.put<{ id: number; evaluation: Evaluation }>(`/funding/applications/${editing.id}`, body)
        : await api.post<{ id: number; evaluation: Evaluation }>('/funding/applications', body);
      message.success(editing ? t('funding.form.saved') : t('funding.form.created', { id: r.id }));
      onSaved(r.id, r.evaluation);
    },
    onClose,
  });
  const chosenId = Form.useWatch('itemId', modal.form) ?? editing?.itemId;
  const chosenYear = (Form.useWatch('year', modal.form) as number | undefined) ?? editing?.year;
  const chosen = (items.data?.items ?? []).find((i) => i.id === chosenId);
  const facts = declaredFactsOf(chosen?.facts);

  // A new application starts from what the enterprise just entered in the policy calculator: the calculator saves
  // its declarations on the server (GET /api/policy/declared/:orgId), so they carry over here, across reloads.
  const me = useMe();
  const remembered = useApi<DeclaredFacts>(!editing && me.role === 'enterprise' && me.orgId !== null ? `/policy/declared/${me.orgId}` : null);
  const [prefilled, setPrefilled] = useState<string[]>([]);
  useEffect(() => {
    const list = remembered.data?.facts;
    if (!list || editing) return;
    const values = factsValues(declaredFacts(), Object.fromEntries(list.map((d) => [d.fact, d.value])));
    const names: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (modal.form.getFieldValue(['facts', name]) !== undefined) continue;
      modal.form.setFieldValue(['facts', name], value);
      names.push(name);
    }
    setPrefilled(names);
  }, [remembered.data, editing, modal.form]);
  const shownPrefilled = facts.filter((f) => prefilled.includes(f.name));

  const moneyRule = (required: boolean) => ({
    validator: async (_rule: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === '') {
        if (required) throw new Error(t('money.invalid.empty'));
        return;
      }
      const r = parseWanToFen(value);
      if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
      if (r.fen <= 0) throw new Error(t('funding.form.positive'));
    },
  });

  const preset = presetItemId && (items.data?.items ?? []).some((i) => i.id === presetItemId) ? presetItemId : undefined;
  const initialValues: Values = editing
    ? {
        project: editing.project ?? undefined,
        partners: editing.partners,
        requestedFen: editing.requestedFen === null ? undefined : fenToWanString(editing.requestedFen),
        facts: factsValues(declaredFactsOf((items.data?.items ?? []).find((i) => i.id === editing.itemId)?.facts), editing.facts),
      }
    : { itemId: preset, year: new Date().getFullYear() };

  return (
    <FormModal<Values>
      modal={modal}
      title={editing ? t('funding.form.editTitle', { id: editing.id }) : t('funding.form.createTitle')}
      okText={editing ? t('common.save') : t('funding.form.createOk')}
      width={640}
      loading={items.loading && !items.data}
      initialValues={initialValues}
      testId="funding-form"
      okTestId="form-submit"
      notice={<Typography.Paragraph type="secondary">{t('funding.form.note')}</Typography.Paragraph>}
    >
      {editing ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`${editing.itemTitle} · ${editing.year}`} />
      ) : (
        <>
          <Form.Item name="itemId" label={t('funding.form.item')} rules={[{ required: true, message: t('funding.form.itemRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('funding.form.itemPlaceholder')}
              options={choices.map((i) => ({ value: i.id, label: t('funding.form.itemOption', { n: i.measure, title: i.title }) }))}
              data-testid="funding-form-item"
            />
          </Form.Item>
          <Form.Item name="year" label={t('funding.form.year')}>
            <InputNumber min={2020} max={2100} precision={0} style={{ width: 160 }} data-testid="funding-form-year" />
          </Form.Item>
        </>
      )}
      {chosen ? <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{chosen.clause}</Typography.Paragraph> : null}
      <BudgetWarning itemId={chosen?.id} year={chosenYear && chosenYear >= 2020 && chosenYear <= 2100 ? chosenYear : undefined} />
      <Form.Item
        name="project"
        label={t('funding.form.project')}
        rules={[{ required: chosen?.period === 'per_project', whitespace: true, message: t('funding.form.projectRequired') }]}
        extra={chosen?.period === 'per_project' ? t('funding.form.projectPerProject') : undefined}
      >
        <Input maxLength={120} showCount data-testid="funding-form-project" />
      </Form.Item>
      <Form.Item name="partners" label={t('funding.form.partners')} extra={t('funding.form.partnersHint')}>
        <OrgMultiSelect kinds={ORG_KINDS} allowText testId="funding-form-partners" />
      </Form.Item>
      {facts.length > 0 ? <Typography.Text strong>{t('funding.form.facts')}</Typography.Text> : null}
      {facts.length > 0 ? <Typography.Paragraph type="secondary">{t('funding.form.factsHint')}</Typography.Paragraph> : null}
      {shownPrefilled.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="funding-form-prefilled"
          title={t('funding.form.prefilled', { list: shownPrefilled.map((f) => pick(f.label)).join(t('common.listSep')) })}
        />
      ) : null}
      {facts.map((f) => {
        const name = ['facts', f.name];
        const label = pick(f.label);
        const testId = `funding-fact-${f.name}`;
        if (f.def.type === 'boolean') {
          return (
            <Form.Item key={f.name} name={name} label={label}>
              <Select allowClear placeholder={t('funding.form.notDeclared')} options={[{ value: true, label: t('funding.yes') }, { value: false, label: t('funding.no') }]} style={{ width: 200 }} data-testid={testId} />
            </Form.Item>
          );
        }
        if (f.def.type === 'money') {
          return (
            <Form.Item key={f.name} name={name} label={label} rules={[moneyRule(false)]}>
              <Input suffix={t('money.wan')} inputMode="decimal" style={{ textAlign: 'right', width: 240 }} data-testid={testId} />
            </Form.Item>
          );
        }
        return (
          <Form.Item key={f.name} name={name} label={label}>
            <InputNumber min={0} precision={0} style={{ width: 240 }} data-testid={testId} />
          </Form.Item>
        );
      })}
      <Form.Item name="requestedFen" label={t('funding.form.requested')} rules={[moneyRule(false)]} extra={t('funding.form.requestedHint')}>
        <Input suffix={t('money.wan')} inputMode="decimal" style={{ textAlign: 'right', width: 240 }} data-testid="funding-form-requested" />
      </Form.Item>
      <Typography.Text strong>{t('funding.form.bank')}</Typography.Text>
      <Typography.Paragraph type="secondary" data-testid="funding-form-bank-note">
        {editing?.bankAccount ? t('funding.form.bankKept', { account: `${editing.bankAccount.holder} · ${editing.bankAccount.bank} · ${editing.bankAccount.account}` }) : t('funding.form.bankHint')}
      </Typography.Paragraph>
      <BankAccountFields required={false} />
    </FormModal>
  );
}
