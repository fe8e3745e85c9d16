/**
 * 试算 (live test panel): the document in the editor, UNSAVED, evaluated for facts typed here
 * (POST /api/policy/items/try, checked as saving would): one typed input per fact the document
 * reads (others can be added from the catalogue) — money in 元 or 万元 sent as exact 分, counts
 * as whole numbers, yes/no, qualification codes — and the result with its explanation. Nothing
 * is saved and no enterprise's records are read.
 */
import { Alert, Button, Card, Flex, Input, InputNumber, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import type { FactView, ItemResult, TryItemBody } from '../../lib/types.js';
import { useAmountText } from './CalcResults.js';
import { factsRead, moneyToFen } from './ruleForm.js';

const STATUS: Record<ItemResult['status'], { key: 'policy.result.eligible' | 'policy.result.needsInput' | 'policy.result.notEligible'; color: string }> = {
  eligible: { key: 'policy.result.eligible', color: 'green' },
  needs_input: { key: 'policy.result.needsInput', color: 'gold' },
  not_eligible: { key: 'policy.result.notEligible', color: 'default' },
};

type Unit = 'yuan' | 'wan';
type Entry = { text?: string; unit?: Unit; count?: number | null; bool?: boolean; codes?: string[]; code?: string; num?: number | null; den?: number | null };

interface Props {
  /** The editor's document (parsed JSON), or null when the text is not valid JSON. */
  doc: unknown;
  facts: readonly FactView[] | undefined;
}

type Outcome = { kind: 'result'; result: ItemResult } | { kind: 'invalid'; errors: { field: string; message: string }[] } | { kind: 'error'; message: string; field?: string };

export function RuleTrial({ doc, facts }: Props) {
  const { t, pick } = useI18n();
  const amountText = useAmountText();
  const quals = useReference('qualification-types');
  const districts = useReference('districts');
  const [values, setValues] = useState<Record<string, Entry>>({});
  const [extra, setExtra] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const byName = useMemo(() => new Map((facts ?? []).map((f) => [f.name, f])), [facts]);
  const read = useMemo(() => factsRead(doc), [doc]);
  const shown = [...read, ...extra.filter((n) => !read.includes(n))].filter((n) => byName.has(n));
  const set = (name: string, e: Entry) => setValues((v) => ({ ...v, [name]: { ...v[name], ...e } }));

  function body(): { ok: true; facts: Record<string, unknown> } | { ok: false; fact: string } {
    const out: Record<string, unknown> = {};
    for (const name of shown) {
      const f = byName.get(name)!;
      const e = values[name];
      if (!e) continue;
      if (f.type === 'money') {
        if (!e.text || e.text.trim() === '') continue;
        const fen = moneyToFen(e.text, e.unit ?? 'wan');
        if (fen === null) return { ok: false, fact: name };
        out[name] = fen;
      } else if (f.type === 'boolean') {
        if (e.bool !== undefined) out[name] = e.bool;
      } else if (f.type === 'codes') {
        if (e.codes) out[name] = e.codes;
      } else if (f.type === 'enum' || f.type === 'district') {
        if (e.code) out[name] = e.code;
      } else if (f.type === 'date') {
        if (e.text && e.text.trim()) out[name] = e.text.trim();
      } else if (f.type === 'ratio') {
        if (typeof e.num === 'number' && typeof e.den === 'number') out[name] = [e.num, e.den];
      } else if (typeof e.count === 'number') out[name] = e.count;
    }
    return { ok: true, facts: out };
  }

  async function run() {
    const b = body();
    if (!b.ok) {
      setOutcome({ kind: 'error', message: t('policy.trial.badMoney', { fact: byName.get(b.fact)?.label ?? b.fact }), field: `facts.${b.fact}` });
      return;
    }
    setRunning(true);
    try {
      const req: TryItemBody = { document: doc, facts: b.facts };
      const { result } = await api.post<{ result: ItemResult }>('/policy/items/try', req);
      setOutcome({ kind: 'result', result });
    } catch (err) {
      if (isApiError(err) && err.status === 400 && err.field?.startsWith('facts.')) setOutcome({ kind: 'error', message: err.message, field: err.field });
      else if (isApiError(err) && err.status === 400 && err.details.length > 0) setOutcome({ kind: 'invalid', errors: err.details });
      else setOutcome({ kind: 'error', message: errorMessage(err, t) });
    } finally {
      setRunning(false);
    }
  }

  const input = (f: FactView) => {
    const e = values[f.name] ?? {};
    const id = `rule-trial-fact-${f.name}`;
    if (f.type === 'money')
      return (
        <Input
          value={e.text ?? ''}
          onChange={(x) => set(f.name, { text: x.target.value })}
          inputMode="decimal"
          placeholder={t('policy.trial.moneyPlaceholder')}
          data-testid={id}
          aria-label={f.label}
          addonAfter={
            <Select
              value={e.unit ?? 'wan'}
              onChange={(u: Unit) => set(f.name, { unit: u })}
              options={[
                { value: 'wan', label: t('money.wan') },
                { value: 'yuan', label: t('policy.trial.yuan') },
              ]}
              style={{ width: 76 }}
              data-testid={`${id}-unit`}
              aria-label={t('policy.trial.unit')}
            />
          }
        />
      );
    if (f.type === 'boolean')
      return (
        <Select
          style={{ width: '100%' }}
          value={e.bool === undefined ? 'unset' : e.bool ? 'yes' : 'no'}
          onChange={(v: string) => set(f.name, { bool: v === 'unset' ? undefined : v === 'yes' })}
          options={[
            { value: 'unset', label: t('policy.trial.unset') },
            { value: 'yes', label: t('policy.calc.yes') },
            { value: 'no', label: t('policy.calc.no') },
          ]}
          data-testid={id}
          aria-label={f.label}
        />
      );
    if (f.type === 'codes')
      return (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          value={e.codes ?? []}
          onChange={(v: string[]) => set(f.name, { codes: v })}
          options={f.name === 'qualifications' ? quals.items.map((q) => ({ value: q.code, label: pick({ zh: q.name, en: q.nameEn }) })) : []}
          data-testid={id}
          aria-label={f.label}
        />
      );
    if (f.type === 'enum' || f.type === 'district') {
      const options = f.values
        ? f.values.map((v) => ({ value: v.code, label: v.label }))
        : f.type === 'district'
          ? districts.items.map((d) => ({ value: d.code, label: pick({ zh: d.name, en: d.nameEn }) }))
          : [];
      return <Select allowClear style={{ width: '100%' }} value={e.code} onChange={(v: string | undefined) => set(f.name, { code: v })} options={options} placeholder={t('policy.trial.unset')} data-testid={id} aria-label={f.label} />;
    }
    if (f.type === 'date') return <Input value={e.text ?? ''} onChange={(x) => set(f.name, { text: x.target.value })} placeholder="YYYY-MM-DD" data-testid={id} aria-label={f.label} />;
    if (f.type === 'ratio')
      return (
        <Flex gap={6} align="center">
          <InputNumber style={{ flex: 1 }} min={0} precision={0} value={e.num ?? null} onChange={(v) => set(f.name, { num: v })} placeholder={t('policy.trial.numerator')} data-testid={`${id}-num`} aria-label={t('policy.trial.numerator')} />
          <span>/</span>
          <InputNumber style={{ flex: 1 }} min={1} precision={0} value={e.den ?? null} onChange={(v) => set(f.name, { den: v })} placeholder={t('policy.trial.denominator')} data-testid={`${id}-den`} aria-label={t('policy.trial.denominator')} />
        </Flex>
      );
    return <InputNumber style={{ width: '100%' }} min={0} precision={0} value={e.count ?? null} onChange={(v) => set(f.name, { count: v })} data-testid={id} aria-label={f.label} />;
  };

  const addable = (facts ?? []).filter((f) => !shown.includes(f.name));
  return (
    <Card size="small" title={t('policy.trial.title')} data-testid="rule-trial">
      <Flex vertical gap={10}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.trial.liveHint')}
        </Typography.Text>
        {shown.length === 0 ? <Typography.Text type="secondary">{t('policy.trial.noFacts')}</Typography.Text> : null}
        {shown.map((name) => {
          const f = byName.get(name)!;
          const bad = outcome?.kind === 'error' && outcome.field === `facts.${name}`;
          return (
            <Flex key={name} vertical gap={2}>
              <Typography.Text>
                {f.label}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  · {f.meaning.replace('（分）', '').replace('（分，', '（')}
                </Typography.Text>
              </Typography.Text>
              {input(f)}
              {bad ? <Typography.Text type="danger">{outcome.message}</Typography.Text> : null}
            </Flex>
          );
        })}
        {addable.length > 0 ? (
          <Select
            value={null}
            placeholder={t('policy.trial.addFact')}
            options={addable.map((f) => ({ value: f.name, label: f.label }))}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string) => setExtra((x) => [...x, v])}
            data-testid="rule-trial-add"
            aria-label={t('policy.trial.addFact')}
          />
        ) : null}
        <div>
          <Button type="primary" ghost onClick={() => void run()} loading={running} disabled={doc === null || doc === undefined} data-testid="rule-trial-run">
            {t('policy.trial.run')}
          </Button>
        </div>
        {doc === null ? <Typography.Text type="warning">{t('policy.trial.needsJson')}</Typography.Text> : null}
        {outcome?.kind === 'error' && !outcome.field?.startsWith('facts.') ? <Alert type="error" showIcon title={outcome.message} /> : null}
        {outcome?.kind === 'invalid' ? (
          <Alert
            type="error"
            showIcon
            title={t('policy.trial.invalid')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {outcome.errors.map((e, i) => (
                  <li key={i}>
                    <code>{e.field}</code>：{e.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {outcome?.kind === 'result' ? <TrialResult r={outcome.result} amount={amountText(outcome.result)} /> : null}
      </Flex>
    </Card>
  );
}

function TrialResult({ r, amount }: { r: ItemResult; amount: string | null }) {
  const { t } = useI18n();
  const status = STATUS[r.status];
  return (
    <Flex vertical gap={6} data-testid="rule-trial-result" data-status={r.status}>
      <Flex gap={8} wrap align="center">
        <Tag color={status.color} style={{ marginInlineEnd: 0 }}>
          {t(status.key)}
        </Tag>
        {r.status === 'eligible' ? <Typography.Text strong>{amount ?? t('policy.amount.none')}</Typography.Text> : null}
      </Flex>
      {r.setAside ? <Typography.Text type="warning">{t('policy.trial.setAside', { reason: r.setAside })}</Typography.Text> : null}
      {r.missing.length > 0 ? <Typography.Text>{t('policy.trial.missing', { list: r.missing.map((m) => m.label).join(t('common.listSep')) })}</Typography.Text> : null}
      {r.failed.map((f) => (
        <Typography.Text key={f} type="danger">
          {f}
        </Typography.Text>
      ))}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.explanation}</Typography.Paragraph>
    </Flex>
  );
}
