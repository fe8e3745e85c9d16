/**
 * Enter or correct one year's figures (PUT /api/orgs/:id/figures/:year).
 * Money is typed in 万元 and converted to integer 分 digit by digit, never via floats.
 */
import { Alert, App, Col, Divider, Form, Input, InputNumber, Row } from 'antd';
import { FIGURES_FIRST_YEAR, YearlyFiguresBody as FiguresSchema } from '../../../../../src/shared/api.js';
import { FormModal } from '../../../components/FormModal.js';
import { api } from '../../../lib/api.js';
import { useI18n } from '../../../lib/i18n.js';
import { fenToWanString, parseWanToFen } from '../../../lib/money.js';
import type { YearlyFigures, YearlyFiguresBody } from '../../../lib/types.js';
import { useModalForm } from '../../../lib/useModalForm.js';
import { FIGURE_FIELDS, FIGURE_KEYS, type FigureField, type FigureKey } from './fields.js';

/** Form values: money as 万元 strings, counts as numbers. */
type Values = { year: number } & Partial<Record<FigureKey, string | number>>;

const GROUPS: ReadonlyArray<FigureField['group']> = ['finance', 'people', 'ip', 'market'];
const FIELDS: readonly string[] = ['year', ...FIGURE_KEYS];

function initialValues(year: number | null, current: YearlyFigures | undefined): Partial<Values> {
  const v: Partial<Values> = { year: year ?? new Date().getFullYear() - 1 };
  for (const key of FIGURE_KEYS) {
    const field = FIGURE_FIELDS[key];
    const raw = current?.[key];
    if (raw === undefined) continue;
    v[key] = field.kind === 'money' ? fenToWanString(raw) : raw;
  }
  return v;
}

function toBody(values: Values): YearlyFiguresBody {
  const body = {} as Record<FigureKey, number>;
  for (const key of FIGURE_KEYS) {
    const field = FIGURE_FIELDS[key];
    const raw = values[key];
    if (field.kind === 'money') {
      const r = parseWanToFen(String(raw ?? ''), { allowNegative: field.allowNegative === true });
      body[key] = r.ok ? r.fen : 0;
    } else {
      body[key] = typeof raw === 'number' ? raw : Number(raw ?? 0);
    }
  }
  return body;
}

interface Props {
  orgId: number;
  /** null: a new year chosen in the form. */
  year: number | null;
  current: YearlyFigures | undefined;
  takenYears: readonly number[];
  onClose: () => void;
  onSaved: () => void;
}

export function FiguresFormModal({ orgId, year, current, takenYears, onClose, onSaved }: Props) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, YearlyFiguresBody>({
    fields: FIELDS,
    toBody,
    schema: FiguresSchema,
    send: async (body, values) => {
      await api.put(`/orgs/${orgId}/figures/${values.year}`, body);
      message.success(t('figures.saved', { year: values.year }));
      onSaved();
    },
    onClose,
  });
  const chosenYear = Form.useWatch('year', modal.form);
  const overwriting = year === null && typeof chosenYear === 'number' && takenYears.includes(chosenYear);

  const moneyRule = (field: FigureField) => ({
    validator: async (_rule: unknown, value: string | undefined) => {
      if (value === undefined || value === '') return;
      const r = parseWanToFen(value, { allowNegative: field.allowNegative === true });
      if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
    },
  });

  return (
    <FormModal<Values>
      modal={modal}
      title={year === null ? t('figures.add') : t('figures.editTitle', { year })}
      width={760}
      initialValues={initialValues(year, current)}
      testId="figures-form"
    >
      <Form.Item name="year" label={t('figures.year')} rules={[{ required: true, message: t('figures.yearRequired') }]}>
        <InputNumber min={FIGURES_FIRST_YEAR} max={new Date().getFullYear() - 1} precision={0} disabled={year !== null} style={{ width: 160 }} />
      </Form.Item>
      {overwriting ? <Alert type="warning" showIcon title={t('figures.overwrite', { year: chosenYear })} style={{ marginBottom: 16 }} /> : null}
      {GROUPS.map((group) => (
        <div key={group}>
          <Divider titlePlacement="start" plain>
            {t(`figures.group.${group}`)}
          </Divider>
          <Row gutter={16}>
            {FIGURE_KEYS.filter((k) => FIGURE_FIELDS[k].group === group).map((key) => {
              const field = FIGURE_FIELDS[key];
              return (
                <Col key={key} xs={24} sm={12}>
                  <Form.Item
                    name={key}
                    label={pick(field.label)}
                    rules={[{ required: true, message: t('figures.required') }, ...(field.kind === 'money' ? [moneyRule(field)] : [])]}
                  >
                    {field.kind === 'money' ? (
                      <Input suffix={t('money.wan')} inputMode="decimal" placeholder="0.00" style={{ textAlign: 'right' }} />
                    ) : (
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                    )}
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </div>
      ))}
    </FormModal>
  );
}
