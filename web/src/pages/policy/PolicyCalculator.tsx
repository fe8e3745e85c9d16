/**
 * 计算器: POST /api/policy/evaluate. An enterprise user is evaluated on its own records
 * (orgId = its organisation); administrators and officials may pick an enterprise or
 * none; everyone else evaluates the facts typed in. The form holds the DECLARED facts:
 * money in 万元 (converted to 分 digit by digit), yes/no as switches (declared only once touched).
 * Arriving from 免申即享 (?tab=calculator&item=ID&fill=fact1,fact2[&org=ID]) pre-sets the
 * enterprise (administrators, officials), marks the facts to supply and, after 测算, the item's result.
 */
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { OrgSelect } from '../../components/OrgSelect.js';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyApiError } from '../../lib/forms.js';
import { useI18n } from '../../lib/i18n.js';
import { fenToWanString, parseWanToFen } from '../../lib/money.js';
import { formatDateTime } from '../../lib/dates.js';
import { useApi } from '../../lib/useApi.js';
import { useMe } from '../../lib/session.js';
import type { DeclaredFacts, EvaluateBody, ItemResult, PolicyItemSummary } from '../../lib/types.js';
import { audienceFacts, declaredFacts, factLabel, isDeclared, useFactCatalogue, type DeclaredFact } from './facts.js';
import { CalcResults } from './CalcResults.js';

interface Values {
  orgId?: number;
  facts?: Record<string, string | string[] | number | boolean | undefined>;
}

export interface Evaluation {
  results: ItemResult[];
  /** The enterprise whose records were used, if any. */
  orgId: number | undefined;
  declared: string[];
}

export function PolicyCalculator({ items }: { items: PolicyItemSummary[] | undefined }) {
  const { t, pick } = useI18n();
  const me = useMe();
  // The fact catalogue is fetched (GET /api/policy/facts): facts added to it appear without a rebuild.
  const catalogue = useFactCatalogue();
  const DECLARED_FACTS = useMemo(() => declaredFacts(), [catalogue.facts]);
  const AUDIENCE = useMemo(() => audienceFacts(), [catalogue.facts]);
  const FIELD_NAMES: readonly string[] = ['orgId', ...[...DECLARED_FACTS, ...AUDIENCE].map((f) => `facts.${f.name}`)];
  const [form] = Form.useForm<Values>();
  const pickedOrg = Form.useWatch('orgId', form) as number | undefined;
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  /** Switches the user has touched: an untouched switch declares nothing. */
  const [toggled, setToggled] = useState<ReadonlySet<string>>(new Set());
  const [highlight, setHighlight] = useState<string | null>(null);

  // An applicant (an enterprise, or an institution for the items that are for institutions) tests its own organisation.
  const ownOrg = (me.role === 'enterprise' || me.role === 'institution') && me.orgId !== null ? me.orgId : undefined;
  const mayPick = me.role === 'admin' || me.role === 'official';

  // What this enterprise declared before (saved when it evaluated): offered again, labelled as declarations.
  const remembered = useApi<DeclaredFacts>(ownOrg !== undefined ? `/policy/declared/${ownOrg}` : null);
  const [offered, setOffered] = useState<DeclaredFacts['facts']>([]);
  const filledOnce = useRef(false);
  useEffect(() => {
    const list = remembered.data?.facts;
    if (!list || filledOnce.current || catalogue.facts === undefined) return;
    filledOnce.current = true;
    const used: DeclaredFacts['facts'] = [];
    const touched: string[] = [];
    for (const d of list) {
      const f = DECLARED_FACTS.find((x) => x.name === d.fact);
      if (!f || form.getFieldValue(['facts', d.fact]) !== undefined) continue;
      if (f.def.type === 'money' && typeof d.value === 'number') form.setFieldValue(['facts', d.fact], fenToWanString(d.value));
      else if (f.def.type === 'boolean' && typeof d.value === 'boolean') {
        form.setFieldValue(['facts', d.fact], d.value);
        touched.push(d.fact);
      } else if (f.def.type === 'count' && typeof d.value === 'number') form.setFieldValue(['facts', d.fact], d.value);
      else continue;
      used.push(d);
    }
    if (touched.length) setToggled((s) => new Set([...s, ...touched]));
    setOffered(used);
  }, [remembered.data, catalogue.facts, DECLARED_FACTS, form]);
  const offeredNames = new Set(offered.map((d) => d.fact));

  // Pre-set from 免申即享: the enterprise, the facts to supply (the first one focused) and the item.
  const [params] = useSearchParams();
  const presetItem = params.get('item');
  const presetFill = (params.get('fill') ?? '').split(',').filter(isDeclared);
  const presetFillKey = presetFill.join(',');
  const presetOrg = Number(params.get('org'));
  useEffect(() => {
    if (mayPick && Number.isSafeInteger(presetOrg) && presetOrg > 0) form.setFieldValue('orgId', presetOrg);
    const first = presetFillKey.split(',')[0];
    if (!first) return;
    setHighlight(first);
    const timer = window.setTimeout(() => form.scrollToField(['facts', first], { behavior: 'smooth', block: 'center', focus: true }), 50);
    return () => window.clearTimeout(timer);
  }, [presetItem, presetFillKey, presetOrg, mayPick, form]);
  const presetTitle = presetItem ? (items?.find((i) => i.id === presetItem)?.title ?? presetItem) : null;

  const moneyRule = {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === '') return;
      const r = parseWanToFen(value);
      if (!r.ok) throw new Error(t(`money.invalid.${r.reason}`));
    },
  };

  function toBody(values: Values): EvaluateBody {
    const facts: Record<string, unknown> = {};
    for (const f of DECLARED_FACTS) {
      const raw = values.facts?.[f.name];
      if (f.def.type === 'money') {
        if (typeof raw !== 'string' || raw.trim() === '') continue;
        const r = parseWanToFen(raw);
        if (r.ok) facts[f.name] = r.fen;
      } else if (f.def.type === 'boolean') {
        if (toggled.has(f.name)) facts[f.name] = raw === true;
      } else if (f.def.type === 'ratio') {
        // "3/4" or a percentage "12.5%" → [numerator, denominator]
        const m = typeof raw === 'string' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw) ?? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw) : null;
        if (m && m[2] !== undefined) facts[f.name] = [Number(m[1]), Number(m[2])];
        else if (m) {
          const [int, dec = ''] = m[1]!.split('.');
          facts[f.name] = [Number(int + dec), 100 * 10 ** dec.length];
        }
      } else if (f.def.type === 'codes') {
        if (Array.isArray(raw) && raw.length) facts[f.name] = raw;
      } else if (f.def.type === 'enum' || f.def.type === 'district' || f.def.type === 'date') {
        if (typeof raw === 'string' && raw.trim() !== '') facts[f.name] = raw.trim();
      } else if (typeof raw === 'number') {
        facts[f.name] = raw;
      }
    }
    const orgId = ownOrg ?? (mayPick ? values.orgId : undefined);
    // Without an enterprise, whom the items are for is what the user says (适用对象).
    if (orgId === undefined) {
      for (const f of AUDIENCE) {
        const raw = values.facts?.[f.name];
        if (typeof raw === 'string' && raw !== '') facts[f.name] = raw;
      }
    }
    return { ...(orgId !== undefined ? { orgId } : {}), facts };
  }

  async function submit() {
    setFailure(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return; // the fields show what is wrong
    }
    const body = toBody(values);
    setSending(true);
    try {
      const { results } = await api.post<{ results: ItemResult[] }>('/policy/evaluate', body);
      setEvaluation({ results, orgId: body.orgId, declared: Object.keys(body.facts ?? {}) });
    } catch (err) {
      if (!(isApiError(err) && applyApiError(form, err, FIELD_NAMES))) setFailure(errorMessage(err, t));
    } finally {
      setSending(false);
    }
  }

  function focusFact(name: string) {
    setHighlight(name);
    form.scrollToField(['facts', name], { behavior: 'smooth', block: 'center', focus: true });
  }

  function unset(name: string) {
    form.setFieldValue(['facts', name], undefined);
    setToggled((s) => {
      const n = new Set(s);
      n.delete(name);
      return n;
    });
  }

  function reset() {
    form.resetFields();
    setToggled(new Set());
    setHighlight(null);
    setFailure(null);
    setEvaluation(null);
  }

  const factItem = (f: DeclaredFact) => {
    const highlighted = highlight === f.name;
    const common = {
      name: ['facts', f.name],
      label: pick(f.label),
      // The catalogue's meanings speak of 分; the form asks for 万元.
      tooltip: f.def.meaning.replace('（分）', '').replace('（分，', '（'),
      ...(highlighted ? { validateStatus: 'warning' as const, help: t('policy.calc.fillThis') } : offeredNames.has(f.name) && f.def.type !== 'boolean' ? { help: t('policy.calc.rememberedField') } : {}),
    };
    const testId = `calc-fact-${f.name}`;
    if (f.def.type === 'boolean') {
      return (
        <Form.Item
          key={f.name}
          {...common}
          valuePropName="checked"
          extra={
            toggled.has(f.name) ? (
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => unset(f.name)} data-testid={`${testId}-unset`}>
                {t('policy.calc.switchClear')}
              </Button>
            ) : (
              t('policy.calc.switchUnset')
            )
          }
        >
          {/* Not answered shows 未填, never 否: an untouched switch declares nothing. */}
          <Switch checkedChildren={t('policy.calc.yes')} unCheckedChildren={toggled.has(f.name) ? t('policy.calc.no') : t('policy.calc.unset')} data-testid={testId} data-answered={toggled.has(f.name) ? 'yes' : 'no'} />
        </Form.Item>
      );
    }
    if (f.def.type === 'money') {
      return (
        <Form.Item key={f.name} {...common} rules={[moneyRule]}>
          <Input suffix={t('money.wan')} inputMode="decimal" placeholder={t('policy.calc.optional')} style={{ textAlign: 'right' }} data-testid={testId} />
        </Form.Item>
      );
    }
    if (f.def.type === 'codes') {
      return (
        <Form.Item key={f.name} {...common}>
          <Select mode="tags" allowClear placeholder={t('policy.calc.optional')} data-testid={testId} />
        </Form.Item>
      );
    }
    if (f.def.type === 'enum') {
      return (
        <Form.Item key={f.name} {...common}>
          <Select allowClear placeholder={t('policy.calc.optional')} options={(f.def.values ?? []).map((v) => ({ value: v.code, label: v.label }))} data-testid={testId} />
        </Form.Item>
      );
    }
    if (f.def.type === 'district' || f.def.type === 'date' || f.def.type === 'ratio') {
      const placeholder = f.def.type === 'district' ? '区划代码，如 320571' : f.def.type === 'ratio' ? '如 3/4 或 12.5%' : undefined;
      const pattern = f.def.type === 'district' ? /^\d{6}$/ : f.def.type === 'ratio' ? /^\s*(\d+\s*\/\s*[1-9]\d*|\d+(\.\d+)?\s*%)\s*$/ : /^\d{4}-\d{2}-\d{2}$/;
      const message = f.def.type === 'district' ? '请填写 6 位区划代码' : f.def.type === 'ratio' ? '请写成 3/4 或 12.5%' : '请选择日期';
      return (
        <Form.Item key={f.name} {...common} rules={[{ pattern, message }]}>
          <Input type={f.def.type === 'date' ? 'date' : 'text'} placeholder={placeholder ?? t('policy.calc.optional')} data-testid={testId} />
        </Form.Item>
      );
    }
    return (
      <Form.Item key={f.name} {...common}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={testId} />
      </Form.Item>
    );
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('policy.calc.formTitle')}>
          <Form<Values>
            form={form}
            layout="vertical"
            onValuesChange={(changed: Values) => {
              const names = Object.keys(changed.facts ?? {});
              for (const name of names) {
                if (DECLARED_FACTS.some((f) => f.name === name && f.def.type === 'boolean')) setToggled((s) => new Set(s).add(name));
              }
              if (highlight && names.includes(highlight)) setHighlight(null);
            }}
            onFinish={() => void submit()}
          >
            {presetTitle && presetFill.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="calc-preset"
                title={t('policy.calc.fromBenefits', { facts: presetFill.map((f) => pick(factLabel(f) ?? { zh: f, en: f })).join(t('common.listSep')), title: presetTitle })}
              />
            ) : null}
            {ownOrg !== undefined && offered.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="calc-remembered"
                title={t('policy.calc.remembered', {
                  list: offered.map((d) => pick(factLabel(d.fact) ?? { zh: d.label, en: d.label })).join(t('common.listSep')),
                  time: formatDateTime(offered.map((d) => d.declaredAt).sort().at(-1) ?? null),
                })}
              />
            ) : null}
            {ownOrg !== undefined ? (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(me.role === 'institution' ? 'policy.calc.ownInstitution' : 'policy.calc.ownOrg', { name: me.orgName ?? `#${ownOrg}` })} />
            ) : mayPick ? (
              <Form.Item name="orgId" label={t('policy.calc.org')} extra={t('policy.calc.orgHint')}>
                <OrgSelect kinds={['enterprise']} />
              </Form.Item>
            ) : (
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('policy.calc.declaredOnly')} />
            )}
            {ownOrg === undefined && pickedOrg === undefined && AUDIENCE.length > 0 ? (
              <div data-testid="calc-audience">
                <Typography.Paragraph type="secondary">{t('policy.calc.audienceIntro')}</Typography.Paragraph>
                {AUDIENCE.map(factItem)}
              </div>
            ) : null}
            <Typography.Paragraph type="secondary">{t('policy.calc.declaredIntro')}</Typography.Paragraph>
            {catalogue.error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('policy.facts.loadFailed')} /> : null}
            {catalogue.facts === undefined && !catalogue.error ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
            {DECLARED_FACTS.filter((f) => f.def.type !== 'boolean').map(factItem)}
            <Row gutter={16}>
              {DECLARED_FACTS.filter((f) => f.def.type === 'boolean').map((f) => (
                <Col key={f.name} xs={24} sm={12} lg={24} xl={12}>
                  {factItem(f)}
                </Col>
              ))}
            </Row>
            {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={sending} data-testid="calc-submit">
                {t('policy.calc.submit')}
              </Button>
              <Button onClick={reset}>{t('policy.calc.reset')}</Button>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {evaluation ? (
          <CalcResults evaluation={evaluation} items={items ?? []} onFocusFact={focusFact} focusItem={presetItem} />
        ) : (
          <Card size="small">
            <Empty description={t('policy.calc.noResults')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
