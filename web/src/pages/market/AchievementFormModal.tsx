/**
 * 发布成果 (POST /api/market/achievements): institution users for their own university or
 * institute; administrators name the owner. The shared AchievementInput schema checks the body
 * here first; the valuation is typed in 万元 and converted to 分 digit by digit; server errors
 * (e.g. an unknown field code at fields[0]) land under their fields.
 * 修改成果 (`editing`: PUT /api/market/achievements/:id, the owning institution or an administrator):
 * the same form filled in from the achievement (amount back to exact 万元), plus the 转化状态, checked
 * against the shared AchievementUpdate; the server moves the data date to today.
 */
import { Alert, App, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { z } from 'zod';
import { ACHIEVEMENT_STATUSES, AchievementInput, AchievementUpdate, CONVERSION_MODES } from '../../../../src/shared/market.js';
import { FormModal } from '../../components/FormModal.js';
import { OrgSelect } from '../../components/OrgSelect.js';
import { api } from '../../lib/api.js';
import { fromIsoDate, toIsoDate } from '../../lib/dates.js';
import { fenToWanString, parseWanToFen } from '../../lib/money.js';
import { useMe } from '../../lib/session.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { achievementStatusLabel, methodLabel, modeLabel, trlDefinition } from './labels.js';
import { FieldPicker } from './SearchParts.js';
import type { AchievementDetail, AchievementStatus, ConversionMode, ValuationMethod } from './types.js';
import { useMarketI18n, type AnyKey, type MarketT } from './words.js';

interface Values {
  ownerOrgId?: number;
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  patents?: string[];
  trl: number;
  valuation?: { amountFen?: string; method?: ValuationMethod; date?: Dayjs };
  modes: ConversionMode[];
  publiclyFunded: boolean;
  confidential: boolean;
  team?: string;
  status?: AchievementStatus;
}

const Body = AchievementInput.extend({ ownerOrgId: z.number().int().positive().optional() });
type Body = z.input<typeof Body> | z.input<typeof AchievementUpdate>;
/** PUT's result: the fields whose value changed (API names). */
export interface Saved {
  id: number;
  changed: string[];
}

const FIELDS = ['ownerOrgId', 'title', 'abstract', 'keywords', 'fields', 'patents', 'trl', 'valuation', 'valuation.amountFen', 'valuation.method', 'valuation.date', 'modes', 'publiclyFunded', 'confidential', 'team', 'status'] as const;
const METHODS: ValuationMethod[] = ['income', 'market', 'cost'];
const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const SEPARATORS = [',', '，', '、', ';', '；'];

function toBody(v: Values, admin: boolean, editing: boolean): Body {
  const amount = v.valuation?.amountFen?.trim();
  const parsed = amount ? parseWanToFen(amount) : null;
  return {
    ...(admin && !editing ? { ownerOrgId: v.ownerOrgId } : {}),
    ...(editing ? { status: v.status as AchievementStatus } : {}),
    title: v.title?.trim() ?? '',
    abstract: v.abstract?.trim() ?? '',
    keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
    fields: v.fields ?? [],
    patents: (v.patents ?? []).map((p) => p.trim()).filter(Boolean),
    trl: v.trl,
    valuation: parsed && parsed.ok ? { amountFen: parsed.fen, method: v.valuation!.method!, date: toIsoDate(v.valuation!.date) ?? '' } : null,
    modes: v.modes ?? [],
    publiclyFunded: v.publiclyFunded === true,
    confidential: v.confidential === true,
    team: v.team?.trim() ?? '',
  };
}

/** The form's values for an achievement being edited. */
export function valuesOf(a: AchievementDetail): Values {
  return {
    title: a.title,
    abstract: a.abstract,
    keywords: a.keywords,
    fields: a.fields,
    patents: a.patents,
    trl: a.trl,
    valuation: a.valuation ? { amountFen: fenToWanString(a.valuation.amountFen), method: a.valuation.method ?? undefined, date: fromIsoDate(a.valuation.date) } : undefined,
    modes: a.modes,
    publiclyFunded: a.publiclyFunded,
    confidential: a.confidential,
    team: a.team,
    status: a.status,
  };
}

/** The words of an update's changed fields (API names), as a list; unknown names as they are. */
export function changedWords(t: MarketT, changed: readonly string[], words: Record<string, AnyKey>): string {
  return changed.map((k) => (words[k] ? t(words[k]) : k)).join(t('common.listSep'));
}
export const ACHIEVEMENT_FIELD_WORDS: Record<string, AnyKey> = {
  title: 'market.a.titleLabel',
  abstract: 'market.a.abstract',
  keywords: 'market.a.keywords',
  fields: 'market.a.fields',
  patents: 'market.a.patents',
  trl: 'market.a.trl',
  valuation: 'market.a.valuation',
  modes: 'market.a.modes',
  publiclyFunded: 'market.a.publiclyFunded',
  confidential: 'market.a.confidential',
  team: 'market.a.team',
  status: 'market.x.a.status',
};

type Props = { onClose: () => void } & ({ editing?: undefined; onCreated: (id: number) => void } | { editing: AchievementDetail; onSaved: (saved: Saved) => void });

export function AchievementFormModal(props: Props) {
  const { onClose, editing } = props;
  const { t } = useMarketI18n();
  const me = useMe();
  const { message } = App.useApp();
  const admin = me.role === 'admin';
  const modal = useModalForm<Values, Body>({
    fields: FIELDS,
    toBody: (v) => toBody(v, admin, editing !== undefined),
    schema: editing ? AchievementUpdate : Body,
    send: async (body) => {
      if (props.editing) {
        const r = await api.put<Saved>(`/market/achievements/${props.editing.id}`, body);
        message.success(r.changed.length ? t('market.x.savedFields', { fields: changedWords(t, r.changed, ACHIEVEMENT_FIELD_WORDS) }) : t('market.x.savedNoChange'));
        props.onSaved(r);
        return;
      }
      const r = await api.post<{ id: number }>('/market/achievements', body);
      message.success(t('market.a.created', { title: body.title }));
      props.onCreated(r.id);
    },
    onClose,
  });
  const amount = Form.useWatch(['valuation', 'amountFen'], modal.form);
  const confidential = Form.useWatch('confidential', modal.form);
  const withValuation = typeof amount === 'string' && amount.trim() !== '';

  return (
    <FormModal<Values>
      modal={modal}
      title={editing ? t('market.x.a.editTitle') : t('market.a.create')}
      okText={editing ? t('common.save') : t('market.publish')}
      width={880}
      initialValues={editing ? valuesOf(editing) : { publiclyFunded: false, confidential: false, modes: [], keywords: [], fields: [], patents: [] }}
      testId="achievement-form"
      okTestId="form-submit"
      notice={editing ? <Alert type="info" showIcon title={t('market.x.a.editNote')} style={{ marginBottom: 16 }} /> : undefined}
    >
      {editing ? (
        <Form.Item name="status" label={t('market.x.a.status')} extra={t('market.x.a.statusHint')} rules={[{ required: true, message: t('market.x.a.statusRequired') }]}>
          <Select options={ACHIEVEMENT_STATUSES.map((s) => ({ value: s, label: achievementStatusLabel(t, s) }))} style={{ maxWidth: 240 }} data-testid="achievement-status" />
        </Form.Item>
      ) : null}
      {admin && !editing ? (
        <Form.Item name="ownerOrgId" label={t('market.a.owner')} rules={[{ required: true, message: t('market.a.ownerRequired') }]}>
          <OrgSelect kinds={['university', 'institute']} placeholder={t('market.a.ownerPlaceholder')} />
        </Form.Item>
      ) : null}
      <Form.Item name="title" label={t('market.a.titleLabel')} rules={[{ required: true, whitespace: true, message: t('market.form.titleRequired') }]}>
        <Input maxLength={120} showCount data-testid="achievement-title" />
      </Form.Item>
      <Form.Item name="abstract" label={t('market.a.abstract')} extra={t('market.a.abstractHint')} rules={[{ required: true, whitespace: true, message: t('market.a.abstractRequired') }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="achievement-abstract" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="keywords" label={t('market.a.keywords')} extra={t('market.a.keywordsHint')} rules={[{ required: true, message: t('market.a.keywordsRequired') }]}>
            <Select mode="tags" tokenSeparators={SEPARATORS} open={false} suffixIcon={null} placeholder={t('market.a.keywordsPlaceholder')} data-testid="achievement-keywords" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="fields" label={t('market.a.fields')} extra={t('market.form.fieldsHint')} rules={[{ required: true, message: t('market.form.fieldsRequired') }]}>
            <FieldPicker width="100%" maxCount={5} testId="achievement-fields" placeholder={t('market.form.fieldsPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="trl" label={t('market.a.trl')} extra={t('market.a.trlHint')} rules={[{ required: true, message: t('market.a.trlRequired') }]}>
        <Select
          placeholder={t('market.a.trlPlaceholder')}
          options={LEVELS.map((l) => ({ value: l, label: `TRL ${l} · ${trlDefinition(t, l)}` }))}
          listHeight={360}
          data-testid="achievement-trl"
        />
      </Form.Item>
      <Typography.Text strong>{t('market.a.valuation')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('market.a.valuationHint')}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name={['valuation', 'amountFen']}
            label={t('market.a.valuationAmount')}
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (!value || !value.trim()) return;
                  const r = parseWanToFen(value);
                  if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
                },
              },
            ]}
          >
            <Input suffix={t('money.wan')} inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} data-testid="achievement-valuation" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['valuation', 'method']} label={t('market.a.valuationMethod')} dependencies={[['valuation', 'amountFen']]} rules={[{ required: withValuation, message: t('market.a.valuationMethodRequired') }]}>
            <Radio.Group options={METHODS.map((m) => ({ value: m, label: methodLabel(t, m) }))} data-testid="achievement-valuation-method" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['valuation', 'date']} label={t('market.a.valuationDate')} dependencies={[['valuation', 'amountFen']]} rules={[{ required: withValuation, message: t('market.a.valuationDateRequired') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="achievement-valuation-date" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="modes" label={t('market.a.modes')} rules={[{ required: true, message: t('market.a.modesRequired') }]}>
        <Checkbox.Group options={CONVERSION_MODES.map((m) => ({ value: m, label: modeLabel(t, m) }))} data-testid="achievement-modes" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="publiclyFunded" label={t('market.a.publiclyFunded')} valuePropName="checked" extra={t('market.a.publiclyFundedHint')}>
            <Switch data-testid="achievement-publicly-funded" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="confidential" label={t('market.a.confidential')} valuePropName="checked" extra={confidential ? t('market.a.confidentialOn') : t('market.a.confidentialHint')}>
            <Switch data-testid="achievement-confidential" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="patents" label={t('market.a.patents')} extra={t('market.a.patentsHint')}>
        <Select mode="tags" tokenSeparators={SEPARATORS} open={false} suffixIcon={null} placeholder={t('market.a.patentsPlaceholder')} />
      </Form.Item>
      <Form.Item name="team" label={t('market.a.team')}>
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
