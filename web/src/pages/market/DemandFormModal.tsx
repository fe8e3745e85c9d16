/**
 * 发布需求 (POST /api/market/demands, enterprise users): problem, fields, the required TRL range,
 * a budget range in 万元 (exact 分), acceptable modes, a deadline and who may see it. The shared
 * DemandInput schema checks the body here first (an upside-down TRL or budget range lands under
 * its upper end); the server refuses a past deadline under the deadline field.
 * 修改需求 (`editing`: PUT /api/market/demands/:id, the enterprise or an administrator): the same
 * form filled in from the demand (budget back to exact 万元); a closed demand is refused (409).
 */
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import { CONVERSION_MODES, DemandInput } from '../../../../src/shared/market.js';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { fromIsoDate, toIsoDate } from '../../lib/dates.js';
import { fenToWanString, parseWanToFen } from '../../lib/money.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { changedWords, type Saved } from './AchievementFormModal.js';
import { modeLabel, trlDefinition, visibilityLabel } from './labels.js';
import { FieldPicker } from './SearchParts.js';
import type { ConversionMode, DemandDetail, Visibility } from './types.js';
import { useMarketI18n, type AnyKey } from './words.js';

interface Values {
  title: string;
  problem: string;
  fields: string[];
  requiredTrl: { min?: number; max?: number };
  budgetFen?: { min?: string; max?: string };
  modes: ConversionMode[];
  deadline?: Dayjs;
  visibility: Visibility;
}
type Body = z.input<typeof DemandInput>;

const FIELDS = ['title', 'problem', 'fields', 'requiredTrl', 'requiredTrl.min', 'requiredTrl.max', 'budgetFen', 'budgetFen.min', 'budgetFen.max', 'modes', 'deadline', 'visibility'] as const;
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const VISIBILITIES: Visibility[] = ['public', 'matched'];

function fen(text: string | undefined): number | null {
  if (!text || !text.trim()) return null;
  const r = parseWanToFen(text);
  return r.ok ? r.fen : null;
}

function toBody(v: Values): Body {
  const min = fen(v.budgetFen?.min);
  const max = fen(v.budgetFen?.max);
  return {
    title: v.title?.trim() ?? '',
    problem: v.problem?.trim() ?? '',
    fields: v.fields ?? [],
    requiredTrl: { min: v.requiredTrl?.min as number, max: v.requiredTrl?.max as number },
    budgetFen: max === null ? null : { min: min ?? 0, max },
    modes: v.modes ?? [],
    deadline: toIsoDate(v.deadline) ?? '',
    visibility: v.visibility,
  };
}

/** The form's values for a demand being edited. */
export function valuesOf(d: DemandDetail): Values {
  return {
    title: d.title,
    problem: d.problem,
    fields: d.fields,
    requiredTrl: { min: d.requiredTrl.min, max: d.requiredTrl.max },
    budgetFen: d.budgetFen ? { min: fenToWanString(d.budgetFen.min), max: fenToWanString(d.budgetFen.max) } : undefined,
    modes: d.modes,
    deadline: fromIsoDate(d.deadline),
    visibility: d.visibility,
  };
}

export const DEMAND_FIELD_WORDS: Record<string, AnyKey> = {
  title: 'market.d.titleLabel',
  problem: 'market.d.problem',
  fields: 'market.d.fields',
  requiredTrl: 'market.d.trlRange',
  budgetFen: 'market.d.budget',
  modes: 'market.d.modes',
  deadline: 'market.d.deadline',
  visibility: 'market.d.visibility',
};

type Props = { onClose: () => void } & ({ editing?: undefined; onCreated: (id: number) => void } | { editing: DemandDetail; onSaved: (saved: Saved) => void });

export function DemandFormModal(props: Props) {
  const { onClose, editing } = props;
  const { t } = useMarketI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, Body>({
    fields: FIELDS,
    toBody,
    schema: DemandInput,
    send: async (body) => {
      if (props.editing) {
        const r = await api.put<Saved>(`/market/demands/${props.editing.id}`, body);
        message.success(r.changed.length ? t('market.x.savedFields', { fields: changedWords(t, r.changed, DEMAND_FIELD_WORDS) }) : t('market.x.saved'));
        props.onSaved(r);
        return;
      }
      const r = await api.post<{ id: number }>('/market/demands', body);
      message.success(t('market.d.created', { title: body.title }));
      props.onCreated(r.id);
    },
    onClose,
  });
  const budgetMin = Form.useWatch(['budgetFen', 'min'], modal.form);

  const moneyRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!value || !value.trim()) return;
      const r = parseWanToFen(value);
      if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
    },
  };
  const trlOptions = LEVELS.map((l) => ({ value: l, label: `TRL ${l} · ${trlDefinition(t, l)}` }));

  return (
    <FormModal<Values>
      modal={modal}
      title={editing ? t('market.x.d.editTitle') : t('market.d.create')}
      okText={editing ? t('common.save') : t('market.publish')}
      width={820}
      initialValues={editing ? valuesOf(editing) : { visibility: 'public', modes: [], fields: [] }}
      testId="demand-form"
      okTestId="form-submit"
      notice={editing ? <Alert type="info" showIcon title={t('market.x.d.editNote')} style={{ marginBottom: 16 }} /> : undefined}
    >
      <Form.Item name="title" label={t('market.d.titleLabel')} rules={[{ required: true, whitespace: true, message: t('market.form.titleRequired') }]}>
        <Input maxLength={120} showCount data-testid="demand-title" />
      </Form.Item>
      <Form.Item name="problem" label={t('market.d.problem')} extra={t('market.d.problemHint')} rules={[{ required: true, whitespace: true, message: t('market.d.problemRequired') }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="demand-problem" />
      </Form.Item>
      <Form.Item name="fields" label={t('market.d.fields')} extra={t('market.form.fieldsHint')} rules={[{ required: true, message: t('market.form.fieldsRequired') }]}>
        <FieldPicker width="100%" maxCount={5} testId="demand-fields" placeholder={t('market.form.fieldsPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['requiredTrl', 'min']} label={t('market.d.trlMin')} rules={[{ required: true, message: t('market.d.trlRequired') }]}>
            <Select options={trlOptions} placeholder={t('market.a.trlPlaceholder')} listHeight={360} popupMatchSelectWidth={420} data-testid="demand-trl-min" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['requiredTrl', 'max']} label={t('market.d.trlMax')} rules={[{ required: true, message: t('market.d.trlRequired') }]}>
            <Select options={trlOptions} placeholder={t('market.a.trlPlaceholder')} listHeight={360} popupMatchSelectWidth={420} data-testid="demand-trl-max" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['budgetFen', 'min']} label={t('market.d.budgetMin')} rules={[moneyRule]} extra={t('market.d.budgetHint')}>
            <Input suffix={t('money.wan')} inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} data-testid="demand-budget-min" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['budgetFen', 'max']}
            label={t('market.d.budgetMax')}
            dependencies={[['budgetFen', 'min']]}
            rules={[moneyRule, { required: typeof budgetMin === 'string' && budgetMin.trim() !== '', message: t('market.d.budgetMaxRequired') }]}
          >
            <Input suffix={t('money.wan')} inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} data-testid="demand-budget-max" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="modes" label={t('market.d.modes')} extra={t('market.d.modesHint')}>
        <Checkbox.Group options={CONVERSION_MODES.map((m) => ({ value: m, label: modeLabel(t, m) }))} data-testid="demand-modes" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="deadline" label={t('market.d.deadline')} extra={t('market.d.deadlineHint')} rules={[{ required: true, message: t('market.d.deadlineRequired') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="demand-deadline" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="visibility" label={t('market.d.visibility')} rules={[{ required: true }]}>
            <Radio.Group options={VISIBILITIES.map((v) => ({ value: v, label: visibilityLabel(t, v) }))} data-testid="demand-visibility" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
