/**
 * The rule document as a form, beside its JSON (RuleEditor): the item's fields, its parameters,
 * its eligibility as nested 全部满足 / 任一满足 / 不满足 groups of comparisons, yes/no facts,
 * qualifications and ratios, and its amount (固定、按比例、封顶、最高、按件、分档), with the fact
 * catalogue offered by Chinese label and type. Every change is written back to the document
 * (the JSON is the source of truth); a part the form does not know (a newer expression form, a
 * key it has no control for) is shown read-only and left to the JSON, never dropped. The
 * checker's errors (error.details paths like `eligibility.all[1].fact`) show on their fields.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Flex, Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { useReference } from '../../lib/reference.js';
import type { FactView } from '../../lib/types.js';
import {
  AMOUNT_KINDS,
  amountKind,
  COMPARE_OPS,
  CONDITION_KINDS,
  conditionKind,
  isObject,
  newAmount,
  newCondition,
  pathText,
  ROUNDINGS,
  setAt as setAtPath,
  type CompareOp,
  type Path,
} from './ruleForm.js';

type Doc = Record<string, unknown>;
export interface FieldError {
  field: string;
  message: string;
}

interface Ctx {
  facts: readonly FactView[];
  errors: readonly FieldError[];
  params: Record<string, string>;
  change: (path: Path, value: unknown) => void;
  disabled: boolean;
}
const FormCtx = createContext<Ctx | null>(null);
const useCtx = () => useContext(FormCtx)!;

const KNOWN_KEYS = ['id', 'policy', 'measure', 'title', 'clause', 'departments', 'form', 'period', 'status', 'effective', 'parameters', 'eligibility', 'amount', 'stacking'];
const FORMS = ['奖励', '补助', '资助', '支持', '配套', '补贴', '奖补'];
const PERIODS = ['once', 'per_year', 'per_project'] as const;
const STATUSES = ['draft', 'official', 'repealed'] as const;
const PARAM_KINDS = ['money', 'rate', 'count'] as const;
/** The value formats of src/policy/engine/schema.ts (MoneyText, RateText, parameter references). */
const REF = /^\$[a-zA-Z][a-zA-Z0-9_]*$/;
const MONEY = /^\s*\d+(\.\d+)?\s*(亿|万|元)元?\s*$/;
const RATE = /^(\d+(\.\d+)?%?|\d+\/\d+)$/;
const COUNT = /^\d+$/;

/** The messages of errors at exactly this path. */
function errorsAt(errors: readonly FieldError[], path: Path): string[] {
  const p = pathText(path);
  return errors.filter((e) => e.field === p).map((e) => e.message);
}

function Item({ label, path, children, extra, testId }: { label: ReactNode; path: Path; children: ReactNode; extra?: ReactNode; testId?: string }) {
  const { errors } = useCtx();
  const msgs = errorsAt(errors, path);
  return (
    <Form.Item
      label={label}
      extra={extra}
      validateStatus={msgs.length ? 'error' : undefined}
      help={msgs.length ? <span data-testid="rule-form-error" data-field={pathText(path)}>{msgs.join('；')}</span> : undefined}
      style={{ marginBottom: 12 }}
      data-testid={testId}
    >
      {children}
    </Form.Item>
  );
}

/** A part the form cannot show: read-only, with the errors inside it. */
function ReadOnly({ value, path, why }: { value: unknown; path: Path; why?: string }) {
  const { t } = useI18n();
  const { errors } = useCtx();
  const p = pathText(path);
  const inside = errors.filter((e) => e.field === p || e.field.startsWith(p + '.') || e.field.startsWith(p + '['));
  return (
    <Flex vertical gap={4} data-testid="rule-form-readonly" data-path={p}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {why ?? t('policy.form.readOnly')}
      </Typography.Text>
      <pre className="mono-editor rule-form-pre">{JSON.stringify(value, null, 2)}</pre>
      {inside.map((e, i) => (
        <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={e.field}>
          {e.field}：{e.message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

const TYPE_KEY: Record<string, MessageKey> = {
  money: 'policy.form.type.money',
  count: 'policy.form.type.count',
  ratio: 'policy.form.type.ratio',
  boolean: 'policy.form.type.boolean',
  date: 'policy.form.type.date',
  enum: 'policy.form.type.enum',
  district: 'policy.form.type.district',
  codes: 'policy.form.type.codes',
};

function FactSelect({ value, types, path, testId }: { value: unknown; types: readonly string[]; path: Path; testId: string }) {
  const { t } = useI18n();
  const { facts, change, disabled } = useCtx();
  const options = facts
    .filter((f) => types.includes(f.type))
    .map((f) => ({ value: f.name, label: `${f.label}（${t(TYPE_KEY[f.type] ?? 'policy.form.type.money')}）`, search: `${f.label} ${f.name}` }));
  if (typeof value === 'string' && value && !options.some((o) => o.value === value)) {
    const known = facts.find((f) => f.name === value);
    options.unshift({ value, label: known ? `${known.label}（${t('policy.form.wrongType')}）` : t('policy.form.unknownFact', { name: value }), search: value });
  }
  return (
    <Select
      style={{ minWidth: 160, flex: '1 1 200px' }}
      value={typeof value === 'string' && value ? value : undefined}
      placeholder={t('policy.form.pickFact')}
      options={options}
      disabled={disabled}
      showSearch={{ filterOption: (input, o) => (o?.search ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
      onChange={(v: string) => change(path, v)}
      data-testid={testId}
      aria-label={t('policy.form.fact')}
    />
  );
}

/** Money, rate or count text, offering the item's parameters of the kind. */
function ValueInput({ value, path, kind, testId, placeholder }: { value: unknown; path: Path; kind: 'money' | 'rate' | 'count'; testId: string; placeholder?: string }) {
  const { t } = useI18n();
  const { params, change, disabled } = useCtx();
  const options = Object.entries(params)
    .filter(([, k]) => k === kind)
    .map(([name]) => ({ value: `$${name}` }));
  const text = value === undefined || value === null ? '' : String(value);
  // The format is told here at once; the checker's answer follows (a union's error names only the node).
  const bad = text.trim() !== '' && !REF.test(text) && !(kind === 'money' ? MONEY : kind === 'rate' ? RATE : COUNT).test(text);
  return (
    <Flex vertical gap={2} style={{ minWidth: 120, flex: '1 1 140px' }}>
    <AutoComplete
      style={{ width: '100%' }}
      status={bad ? 'error' : undefined}
      value={text}
      options={options}
      // offers the parameters while what is typed could still be one
      filterOption={(input, o) => String(o?.value ?? '').startsWith(input.trim())}
      disabled={disabled}
      onChange={(v: string) => change(path, kind === 'count' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v)}
      placeholder={placeholder ?? t(kind === 'money' ? 'policy.form.moneyPlaceholder' : kind === 'rate' ? 'policy.form.ratePlaceholder' : 'policy.form.countPlaceholder')}
      data-testid={testId}
      aria-label={t('policy.form.value')}
    />
      {bad ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="rule-form-hint">
          {t(kind === 'money' ? 'policy.form.badMoney' : kind === 'rate' ? 'policy.form.badRate' : 'policy.form.badCount')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function LabelInput({ node, path }: { node: Doc; path: Path }) {
  const { t } = useI18n();
  const { change, disabled } = useCtx();
  return (
    <Input
      size="small"
      style={{ flex: '1 1 160px', minWidth: 120 }}
      value={typeof node.label === 'string' ? node.label : ''}
      placeholder={t('policy.form.labelPlaceholder')}
      disabled={disabled}
      onChange={(e) => change([...path, 'label'], e.target.value === '' ? undefined : e.target.value)}
      data-testid={`rule-cond-${pathText(path)}-label`}
      aria-label={t('policy.form.label')}
    />
  );
}

const COND_KEY: Record<string, MessageKey> = {
  compare: 'policy.form.cond.compare',
  is: 'policy.form.cond.is',
  has: 'policy.form.cond.has',
  in: 'policy.form.cond.in',
  ratio: 'policy.form.cond.ratio',
  all: 'policy.form.cond.all',
  any: 'policy.form.cond.any',
  not: 'policy.form.cond.not',
};
const OP_KEY: Record<CompareOp, MessageKey> = { gte: 'policy.form.op.gte', gt: 'policy.form.op.gt', lte: 'policy.form.op.lte', lt: 'policy.form.op.lt' };

function useDefaultFacts() {
  const { facts } = useCtx();
  return useMemo(() => {
    const first = (type: string, fallback: string) => facts.find((f) => f.type === type && f.source === 'declaration')?.name ?? facts.find((f) => f.type === type)?.name ?? fallback;
    const choice = facts.find((f) => f.type === 'enum' || f.type === 'district')?.name ?? 'district';
    return { money: first('money', 'revenue'), boolean: first('boolean', 'isManufacturing'), codes: first('codes', 'qualifications'), count: first('count', 'staff'), choice };
  }, [facts]);
}

function ConditionNode({ node, path, onRemove }: { node: unknown; path: Path; onRemove?: () => void }) {
  const { t } = useI18n();
  const { change, errors, disabled, facts } = useCtx();
  const defaults = useDefaultFacts();
  const kind = conditionKind(node);
  const p = pathText(path);
  const nodeErrors = errorsAt(errors, path);
  const factType = (name: unknown) => facts.find((f) => f.name === name)?.type;

  const head = (
    <Flex gap={6} wrap align="center">
      <Select
        size="small"
        style={{ width: 150 }}
        value={kind === 'unknown' ? undefined : kind}
        placeholder={t('policy.form.cond.unknown')}
        disabled={disabled}
        options={CONDITION_KINDS.map((k) => ({ value: k, label: t(COND_KEY[k]!) }))}
        onChange={(k: (typeof CONDITION_KINDS)[number]) => change(path, newCondition(k, defaults, isObject(node) ? node.label : undefined))}
        data-testid={`rule-cond-${p}-kind`}
        aria-label={t('policy.form.condKind')}
      />
      {isObject(node) && kind !== 'unknown' ? <LabelInput node={node} path={path} /> : null}
      {onRemove ? (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} disabled={disabled} aria-label={t('policy.form.remove')} data-testid={`rule-cond-${p}-remove`} />
      ) : null}
    </Flex>
  );

  let body: ReactNode = null;
  if (kind === 'unknown') body = <ReadOnly value={node} path={path} />;
  else {
    const n = node as Doc;
    if (kind === 'all' || kind === 'any') {
      const list = n[kind] as unknown[];
      body = (
        <Flex vertical gap={8}>
          {list.map((child, i) => (
            <ConditionNode key={i} node={child} path={[...path, kind, i]} onRemove={list.length > 1 ? () => change([...path, kind, i], undefined) : undefined} />
          ))}
          <div>
            <Button size="small" icon={<PlusOutlined />} disabled={disabled} onClick={() => change([...path, kind, list.length], newCondition('compare', defaults))} data-testid={`rule-cond-${p}-add`}>
              {t('policy.form.addCondition')}
            </Button>
          </div>
        </Flex>
      );
    } else if (kind === 'not') body = <ConditionNode node={n.not} path={[...path, 'not']} />;
    else if (kind === 'is')
      body = (
        <Flex gap={8} wrap align="center">
          <FactSelect value={n.fact} types={['boolean']} path={[...path, 'fact']} testId={`rule-cond-${p}-fact`} />
          <Switch checked={n.is === true} disabled={disabled} checkedChildren={t('policy.calc.yes')} unCheckedChildren={t('policy.calc.no')} onChange={(v) => change([...path, 'is'], v)} data-testid={`rule-cond-${p}-is`} />
        </Flex>
      );
    else if (kind === 'has')
      body = (
        <Flex gap={8} wrap align="center">
          <FactSelect value={n.fact} types={['codes']} path={[...path, 'fact']} testId={`rule-cond-${p}-fact`} />
          <Typography.Text>{t('policy.form.hasCode')}</Typography.Text>
          <HasCode value={n.has} path={[...path, 'has']} fact={n.fact} testId={`rule-cond-${p}-has`} />
        </Flex>
      );
    else if (kind === 'in')
      body = (
        <Flex gap={8} wrap align="center">
          <FactSelect value={n.fact} types={['enum', 'district']} path={[...path, 'fact']} testId={`rule-cond-${p}-fact`} />
          <Typography.Text>{t('policy.form.inOneOf')}</Typography.Text>
          <InValues value={n.in} path={[...path, 'in']} fact={n.fact} testId={`rule-cond-${p}-in`} />
        </Flex>
      );
    else {
      // compare / ratio
      const ops = COMPARE_OPS.filter((o) => n[o] !== undefined);
      const valueKind = kind === 'ratio' || factType(n.fact) === 'ratio' ? 'rate' : factType(n.fact) === 'count' ? 'count' : 'money';
      body = (
        <Flex vertical gap={6}>
          {kind === 'compare' ? (
            <Flex gap={6} wrap>
              <FactSelect value={n.fact} types={['money', 'count', 'ratio']} path={[...path, 'fact']} testId={`rule-cond-${p}-fact`} />
            </Flex>
          ) : (
            <Flex gap={6} wrap align="center">
              <FactSelect value={(n.ratio as unknown[])[0]} types={['money', 'count']} path={[...path, 'ratio', 0]} testId={`rule-cond-${p}-num`} />
              <Typography.Text>÷</Typography.Text>
              <FactSelect value={(n.ratio as unknown[])[1]} types={['money', 'count']} path={[...path, 'ratio', 1]} testId={`rule-cond-${p}-den`} />
            </Flex>
          )}
          {ops.map((op) => (
            <Flex key={op} gap={6} wrap align="center">
              <Select
                size="small"
                style={{ width: 190 }}
                value={op}
                disabled={disabled}
                options={COMPARE_OPS.map((o) => ({ value: o, label: t(OP_KEY[o]), disabled: o !== op && ops.includes(o) }))}
                onChange={(o: CompareOp) => {
                  const next: Doc = {};
                  for (const [k, v] of Object.entries(n)) next[k === op ? o : k] = v;
                  change(path, next);
                }}
                data-testid={`rule-cond-${p}-op-${op}`}
                aria-label={t('policy.form.op')}
              />
              <ValueInput value={n[op]} path={[...path, op]} kind={valueKind} testId={`rule-cond-${p}-value-${op}`} />
              {ops.length > 1 ? <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={() => change([...path, op], undefined)} aria-label={t('policy.form.remove')} /> : null}
              {errorsAt(errors, [...path, op]).map((m, i) => (
                <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={pathText([...path, op])}>
                  {m}
                </Typography.Text>
              ))}
            </Flex>
          ))}
          {ops.length < 2 ? (
            <div>
              <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => change([...path, COMPARE_OPS.find((o) => !ops.includes(o))!], '')}>
                {t('policy.form.addBound')}
              </Button>
            </div>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('policy.form.inclusiveHint')}
          </Typography.Text>
        </Flex>
      );
    }
  }
  const fieldErrors = kind === 'unknown' ? [] : ['fact', 'is', 'has', 'ratio', 'ratio[0]', 'ratio[1]'].flatMap((k) => errors.filter((e) => e.field === `${p}.${k}`));
  return (
    <div className="rule-form-node" data-testid={`rule-cond-${p}`} data-kind={kind}>
      <Flex vertical gap={6}>
        {head}
        {body}
        {[...nodeErrors.map((message) => ({ field: p, message })), ...fieldErrors].map((e, i) => (
          <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={e.field}>
            {e.message}
          </Typography.Text>
        ))}
      </Flex>
    </div>
  );
}

/** The values an enum or district fact may take: the catalogue's, or the districts of the reference data. */
function InValues({ value, path, fact, testId }: { value: unknown; path: Path; fact: unknown; testId: string }) {
  const { t, pick } = useI18n();
  const { change, disabled, facts } = useCtx();
  const districts = useReference('districts');
  const def = facts.find((f) => f.name === fact);
  const options = def?.values
    ? def.values.map((v) => ({ value: v.code, label: v.label }))
    : def?.type === 'district'
      ? districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))
      : [];
  const chosen = Array.isArray(value) ? (value as string[]) : [];
  for (const c of chosen) if (!options.some((o) => o.value === c)) options.push({ value: c, label: c });
  return (
    <Select
      mode={def?.values || def?.type === 'district' ? 'multiple' : 'tags'}
      style={{ minWidth: 180, flex: '1 1 220px' }}
      value={chosen}
      options={options}
      disabled={disabled}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('policy.form.pickValues')}
      onChange={(v: string[]) => change(path, v)}
      data-testid={testId}
    />
  );
}

function HasCode({ value, path, fact, testId }: { value: unknown; path: Path; fact: unknown; testId: string }) {
  const { t, pick } = useI18n();
  const { change, disabled } = useCtx();
  const quals = useReference('qualification-types');
  if (fact === 'qualifications') {
    const options = quals.items.map((q) => ({ value: q.code, label: pick({ zh: q.name, en: q.nameEn }) }));
    if (typeof value === 'string' && value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
    return (
      <Select
        style={{ minWidth: 160, flex: '1 1 180px' }}
        value={typeof value === 'string' && value ? value : undefined}
        options={options}
        disabled={disabled}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('policy.form.pickQualification')}
        onChange={(v: string) => change(path, v)}
        data-testid={testId}
      />
    );
  }
  return <Input style={{ width: 140 }} value={typeof value === 'string' ? value : ''} disabled={disabled} onChange={(e) => change(path, e.target.value)} data-testid={testId} />;
}

const AMOUNT_KEY: Record<string, MessageKey> = {
  fixed: 'policy.form.amount.fixed',
  rate: 'policy.form.amount.rate',
  cap: 'policy.form.amount.cap',
  ceiling: 'policy.form.amount.ceiling',
  perItem: 'policy.form.amount.perItem',
  tiers: 'policy.form.amount.tiers',
};
const ROUNDING_KEY: Record<string, MessageKey> = { half_up: 'policy.form.rounding.half_up', floor: 'policy.form.rounding.floor', ceil: 'policy.form.rounding.ceil' };

function RoundingSelect({ value, path, testId }: { value: unknown; path: Path; testId: string }) {
  const { t } = useI18n();
  const { change, disabled } = useCtx();
  return (
    <Select
      size="small"
      style={{ width: 130 }}
      value={typeof value === 'string' ? value : undefined}
      placeholder={t('policy.form.rounding')}
      allowClear
      disabled={disabled}
      options={ROUNDINGS.map((r) => ({ value: r, label: t(ROUNDING_KEY[r]!) }))}
      onChange={(v: string | undefined) => change(path, v)}
      data-testid={testId}
      aria-label={t('policy.form.rounding')}
    />
  );
}

function AmountNode({ node, path }: { node: unknown; path: Path }) {
  const { t } = useI18n();
  const { change, errors, disabled } = useCtx();
  const defaults = useDefaultFacts();
  const kind = amountKind(node);
  const p = pathText(path);
  const row = (label: string, control: ReactNode, at: Path) => (
    <Flex gap={6} wrap align="center">
      <Typography.Text style={{ minWidth: 64 }}>{label}</Typography.Text>
      {control}
      {errorsAt(errors, at).map((m, i) => (
        <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={pathText(at)}>
          {m}
        </Typography.Text>
      ))}
    </Flex>
  );
  let body: ReactNode;
  const n = node as Doc;
  switch (kind) {
    case 'unknown':
      body = <ReadOnly value={node} path={path} />;
      break;
    case 'fixed':
      body = row(t('policy.form.amountValue'), <ValueInput value={n.fixed} path={[...path, 'fixed']} kind="money" testId={`rule-amount-${p}-fixed`} />, [...path, 'fixed']);
      break;
    case 'rate':
      body = (
        <Flex vertical gap={6}>
          {row(t('policy.form.base'), <FactSelect value={n.of} types={['money']} path={[...path, 'of']} testId={`rule-amount-${p}-of`} />, [...path, 'of'])}
          {row(t('policy.form.rate'), <ValueInput value={n.rate} path={[...path, 'rate']} kind="rate" testId={`rule-amount-${p}-rate`} />, [...path, 'rate'])}
          {row(t('policy.form.rounding'), <RoundingSelect value={n.rounding} path={[...path, 'rounding']} testId={`rule-amount-${p}-rounding`} />, [...path, 'rounding'])}
        </Flex>
      );
      break;
    case 'cap':
      body = (
        <Flex vertical gap={6}>
          <AmountNode node={n.cap} path={[...path, 'cap']} />
          {row(t('policy.form.capMax'), <ValueInput value={n.max} path={[...path, 'max']} kind="money" testId={`rule-amount-${p}-max`} />, [...path, 'max'])}
        </Flex>
      );
      break;
    case 'ceiling':
      body =
        typeof n.ceiling === 'string' || n.ceiling === undefined ? (
          <Flex vertical gap={6}>
            {row(t('policy.form.ceilingMax'), <ValueInput value={n.ceiling} path={[...path, 'ceiling']} kind="money" testId={`rule-amount-${p}-ceiling`} />, [...path, 'ceiling'])}
            <div>
              <Button size="small" type="dashed" disabled={disabled} onClick={() => change([...path, 'ceiling'], newAmount('rate', defaults))}>
                {t('policy.form.ceilingOfAmount')}
              </Button>
            </div>
          </Flex>
        ) : (
          <AmountNode node={n.ceiling} path={[...path, 'ceiling']} />
        );
      break;
    case 'perItem': {
      const pi = n.perItem as Doc;
      body = (
        <Flex vertical gap={6}>
          {row(t('policy.form.count'), <FactSelect value={pi.count} types={['count']} path={[...path, 'perItem', 'count']} testId={`rule-amount-${p}-count`} />, [...path, 'perItem', 'count'])}
          {row(t('policy.form.each'), <ValueInput value={pi.each} path={[...path, 'perItem', 'each']} kind="money" testId={`rule-amount-${p}-each`} />, [...path, 'perItem', 'each'])}
          {row(t('policy.form.quota'), <ValueInput value={pi.quota} path={[...path, 'perItem', 'quota']} kind="count" testId={`rule-amount-${p}-quota`} placeholder={t('policy.form.optional')} />, [...path, 'perItem', 'quota'])}
        </Flex>
      );
      break;
    }
    case 'tiers': {
      const tr = n.tiers as Doc;
      const bands = tr.bands as Doc[];
      const tp = [...path, 'tiers'];
      body = (
        <Flex vertical gap={6}>
          {row(t('policy.form.base'), <FactSelect value={tr.of} types={['money', 'count']} path={[...tp, 'of']} testId={`rule-amount-${p}-tiers-of`} />, [...tp, 'of'])}
          {row(
            t('policy.form.tierMode'),
            <Select
              size="small"
              style={{ width: 200 }}
              value={tr.mode as string}
              disabled={disabled}
              options={[
                { value: 'step', label: t('policy.form.tier.step') },
                { value: 'progressive', label: t('policy.form.tier.progressive') },
              ]}
              onChange={(v: string) => change([...tp, 'mode'], v)}
            />,
            [...tp, 'mode'],
          )}
          {row(t('policy.form.rounding'), <RoundingSelect value={tr.rounding} path={[...tp, 'rounding']} testId={`rule-amount-${p}-tiers-rounding`} />, [...tp, 'rounding'])}
          {bands.map((b, i) => (
            <Flex key={i} gap={6} wrap align="center" className="rule-form-band">
              <Typography.Text>{t('policy.form.band', { n: i + 1 })}</Typography.Text>
              <ValueInput value={b.upTo} path={[...tp, 'bands', i, 'upTo']} kind="money" testId={`rule-amount-${p}-band-${i}-upTo`} placeholder={i === bands.length - 1 ? t('policy.form.noUpper') : t('policy.form.upTo')} />
              <ValueInput value={b.rate} path={[...tp, 'bands', i, 'rate']} kind="rate" testId={`rule-amount-${p}-band-${i}-rate`} placeholder={t('policy.form.bandRate')} />
              <ValueInput value={b.amount} path={[...tp, 'bands', i, 'amount']} kind="money" testId={`rule-amount-${p}-band-${i}-amount`} placeholder={t('policy.form.bandAmount')} />
              {bands.length > 1 ? <Button size="small" type="text" icon={<DeleteOutlined />} disabled={disabled} onClick={() => change([...tp, 'bands', i], undefined)} aria-label={t('policy.form.remove')} /> : null}
              {errors
                .filter((e) => e.field.startsWith(pathText([...tp, 'bands', i])))
                .map((e, k) => (
                  <Typography.Text key={k} type="danger" data-testid="rule-form-error" data-field={e.field}>
                    {e.message}
                  </Typography.Text>
                ))}
            </Flex>
          ))}
          <div>
            <Button size="small" type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => change([...tp, 'bands', bands.length], { rate: '' })}>
              {t('policy.form.addBand')}
            </Button>
          </div>
        </Flex>
      );
      break;
    }
  }
  return (
    <div className="rule-form-node" data-testid={`rule-amount-${p}`} data-kind={kind}>
      <Flex vertical gap={6}>
        <Select
          size="small"
          style={{ width: 190 }}
          value={kind === 'unknown' ? undefined : kind}
          placeholder={t('policy.form.amount.unknown')}
          disabled={disabled}
          options={AMOUNT_KINDS.map((k) => ({ value: k, label: t(AMOUNT_KEY[k]!) }))}
          onChange={(k: (typeof AMOUNT_KINDS)[number]) => change(path, newAmount(k, defaults))}
          data-testid={`rule-amount-${p}-kind`}
          aria-label={t('policy.form.amountKind')}
        />
        {body}
        {errorsAt(errors, path).map((m, i) => (
          <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={p}>
            {m}
          </Typography.Text>
        ))}
      </Flex>
    </div>
  );
}

function Parameters({ params }: { params: unknown }) {
  const { t } = useI18n();
  const { change, disabled } = useCtx();
  if (params !== undefined && !isObject(params)) return <ReadOnly value={params} path={['parameters']} />;
  const entries = Object.entries(params ?? {});
  const rename = (from: string, to: string) => {
    const next: Doc = {};
    for (const [k, v] of entries) next[k === from ? to : k] = v;
    change(['parameters'], next);
  };
  return (
    <Flex vertical gap={8}>
      {entries.map(([name, p]) =>
        isObject(p) && Object.keys(p).every((k) => ['kind', 'value', 'label', 'clause'].includes(k)) ? (
          <div key={name} className="rule-form-node" data-testid={`rule-param-${name}`}>
            <Flex gap={6} wrap align="center">
              <Input
                size="small"
                prefix="$"
                style={{ width: 140 }}
                defaultValue={name}
                disabled={disabled}
                onBlur={(e) => e.target.value && e.target.value !== name && rename(name, e.target.value)}
                aria-label={t('policy.form.paramName')}
              />
              <Select
                size="small"
                style={{ width: 90 }}
                value={p.kind as string}
                disabled={disabled}
                options={PARAM_KINDS.map((k) => ({ value: k, label: t(`policy.form.paramKind.${k}`) }))}
                onChange={(v: string) => change(['parameters', name, 'kind'], v)}
                aria-label={t('policy.form.paramKind')}
              />
              <ValueInput value={p.value} path={['parameters', name, 'value']} kind={(p.kind as 'money') ?? 'money'} testId={`rule-param-${name}-value`} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => change(['parameters', name], undefined)} aria-label={t('policy.form.remove')} />
            </Flex>
            <Item label={t('policy.form.paramLabel')} path={['parameters', name, 'label']}>
              <Input size="small" value={(p.label as string) ?? ''} disabled={disabled} onChange={(e) => change(['parameters', name, 'label'], e.target.value)} />
            </Item>
            <Item label={t('policy.form.paramClause')} path={['parameters', name, 'clause']}>
              <Input.TextArea size="small" autoSize={{ minRows: 1, maxRows: 4 }} value={(p.clause as string) ?? ''} disabled={disabled} onChange={(e) => change(['parameters', name, 'clause'], e.target.value)} />
            </Item>
            <ParamErrors name={name} />
          </div>
        ) : (
          <ReadOnly key={name} value={p} path={['parameters', name]} />
        ),
      )}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => {
            let n = 1;
            while (`p${n}` in (params ?? {})) n++;
            change(['parameters', `p${n}`], { kind: 'money', value: '', label: '', clause: '' });
          }}
          data-testid="rule-param-add"
        >
          {t('policy.form.addParam')}
        </Button>
      </div>
    </Flex>
  );
}

function ParamErrors({ name }: { name: string }) {
  const { errors } = useCtx();
  const p = `parameters.${name}`;
  return (
    <>
      {errors
        .filter((e) => e.field === p || e.field === `${p}.value` || e.field === `${p}.kind`)
        .map((e, i) => (
          <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={e.field}>
            {e.message}
          </Typography.Text>
        ))}
    </>
  );
}

interface Props {
  doc: unknown;
  onChange: (next: unknown) => void;
  errors: readonly FieldError[];
  facts: readonly FactView[] | undefined;
  disabled?: boolean;
}

export function RuleForm({ doc, onChange, errors, facts, disabled = false }: Props) {
  const { t, pick } = useI18n();
  const departments = useReference('departments');
  const d = isObject(doc) ? doc : null;
  const params = useMemo(() => {
    const out: Record<string, string> = {};
    if (d && isObject(d.parameters)) for (const [k, v] of Object.entries(d.parameters)) if (isObject(v) && typeof v.kind === 'string') out[k] = v.kind;
    return out;
  }, [d]);
  const ctx = useMemo<Ctx>(
    () => ({
      facts: facts ?? [],
      errors,
      params,
      disabled,
      change: (path, value) => onChange(setAtPath(doc, path, value)),
    }),
    [facts, errors, params, disabled, doc, onChange],
  );
  if (!d) return <Alert type="warning" showIcon title={t('policy.form.notObject')} />;
  const change = ctx.change;
  const other = Object.keys(d).filter((k) => !KNOWN_KEYS.includes(k));
  const effective = isObject(d.effective) ? d.effective : {};

  return (
    <FormCtx.Provider value={ctx}>
      <Form layout="vertical" component="div" disabled={disabled} data-testid="rule-form">
        <Flex gap={12} wrap>
          <div style={{ flex: '1 1 220px' }}>
            <Item label={t('policy.form.id')} path={['id']}>
              <Input value={(d.id as string) ?? ''} onChange={(e) => change(['id'], e.target.value)} data-testid="rule-form-id" />
            </Item>
          </div>
          <div style={{ flex: '2 1 260px' }}>
            <Item label={t('policy.form.title')} path={['title']}>
              <Input value={(d.title as string) ?? ''} onChange={(e) => change(['title'], e.target.value)} data-testid="rule-form-title" />
            </Item>
          </div>
        </Flex>
        <Flex gap={12} wrap>
          <div style={{ flex: '0 1 120px' }}>
            <Item label={t('policy.form.measure')} path={['measure']}>
              <InputNumber style={{ width: '100%' }} min={1} value={typeof d.measure === 'number' ? d.measure : null} onChange={(v) => change(['measure'], v ?? undefined)} data-testid="rule-form-measure" />
            </Item>
          </div>
          <div style={{ flex: '1 1 120px' }}>
            <Item label={t('policy.form.form')} path={['form']}>
              <Select value={d.form as string} options={FORMS.map((f) => ({ value: f, label: f }))} onChange={(v: string) => change(['form'], v)} data-testid="rule-form-form" />
            </Item>
          </div>
          <div style={{ flex: '1 1 140px' }}>
            <Item label={t('policy.form.period')} path={['period']}>
              <Select value={d.period as string} options={PERIODS.map((p) => ({ value: p, label: t(`policy.period.${p}`) }))} onChange={(v: string) => change(['period'], v)} data-testid="rule-form-period" />
            </Item>
          </div>
          <div style={{ flex: '1 1 140px' }}>
            <Item label={t('policy.form.status')} path={['status']}>
              <Select value={d.status as string} options={STATUSES.map((s) => ({ value: s, label: t(`policy.status.${s}`) }))} onChange={(v: string) => change(['status'], v)} data-testid="rule-form-status" />
            </Item>
          </div>
        </Flex>
        <Item label={t('policy.form.clause')} path={['clause']} extra={t('policy.form.clauseHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} value={(d.clause as string) ?? ''} onChange={(e) => change(['clause'], e.target.value)} data-testid="rule-form-clause" />
        </Item>
        <Flex gap={12} wrap>
          <div style={{ flex: '2 1 240px' }}>
            <Item label={t('policy.form.departments')} path={['departments']}>
              <Select
                mode="multiple"
                value={Array.isArray(d.departments) ? (d.departments as string[]) : []}
                options={departments.items.map((x) => ({ value: x.code, label: pick({ zh: x.name, en: x.nameEn }) }))}
                onChange={(v: string[]) => change(['departments'], v)}
                data-testid="rule-form-departments"
              />
            </Item>
            {errors
              .filter((e) => /^departments\[\d+\]$/.test(e.field))
              .map((e, i) => (
                <Typography.Text key={i} type="danger" data-testid="rule-form-error" data-field={e.field}>
                  {e.message}
                </Typography.Text>
              ))}
          </div>
          <div style={{ flex: '1 1 130px' }}>
            <Item label={t('policy.form.from')} path={['effective', 'from']}>
              <Input value={(effective.from as string) ?? ''} placeholder="YYYY-MM-DD" onChange={(e) => change(['effective', 'from'], e.target.value)} />
            </Item>
          </div>
          <div style={{ flex: '1 1 130px' }}>
            <Item label={t('policy.form.to')} path={['effective', 'to']}>
              <Input value={(effective.to as string) ?? ''} placeholder={t('policy.form.optional')} onChange={(e) => change(['effective', 'to'], e.target.value || undefined)} />
            </Item>
          </div>
        </Flex>
        {typeof d.policy === 'string' ? (
          <Item label={t('policy.form.policy')} path={['policy']}>
            <Input value={d.policy} onChange={(e) => change(['policy'], e.target.value || undefined)} />
          </Item>
        ) : null}

        <Typography.Title level={5}>{t('policy.form.parameters')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('policy.form.parametersHint')}
        </Typography.Paragraph>
        <Parameters params={d.parameters} />

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('policy.form.eligibility')}
        </Typography.Title>
        {d.eligibility === undefined ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => change(['eligibility'], newCondition('compare', { money: 'revenue', boolean: 'isManufacturing', codes: 'qualifications' }))}>
            {t('policy.form.addCondition')}
          </Button>
        ) : (
          <ConditionNode node={d.eligibility} path={['eligibility']} />
        )}

        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('policy.form.amount')}
        </Typography.Title>
        {d.amount === undefined ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => change(['amount'], newAmount('fixed', { money: 'revenue', count: 'staff' }))}>
            {t('policy.form.addAmount')}
          </Button>
        ) : (
          <AmountNode node={d.amount} path={['amount']} />
        )}

        {d.stacking !== undefined ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('policy.form.stacking')}
            </Typography.Title>
            <ReadOnly value={d.stacking} path={['stacking']} />
          </>
        ) : null}
        {other.length > 0 ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('policy.form.other')}
            </Typography.Title>
            {other.map((k) => (
              <Flex key={k} vertical gap={2}>
                <Tag style={{ alignSelf: 'flex-start' }}>{k}</Tag>
                <ReadOnly value={d[k]} path={[k]} />
              </Flex>
            ))}
          </>
        ) : null}
      </Form>
    </FormCtx.Provider>
  );
}

