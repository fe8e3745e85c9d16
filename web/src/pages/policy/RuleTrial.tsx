/**
 * 试算: POST /api/policy/evaluate with facts typed as JSON, showing the chosen item's
 * result. The server evaluates the SAVED latest version in force, never the editor's text.
 */
import { Alert, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import type { ItemResult } from '../../lib/types.js';
import { useAmountText } from './CalcResults.js';
import { readJson } from './jsonSource.js';
import { trialFacts } from './ruleDocument.js';

const STATUS: Record<ItemResult['status'], { key: 'policy.result.eligible' | 'policy.result.needsInput' | 'policy.result.notEligible'; color: string }> = {
  eligible: { key: 'policy.result.eligible', color: 'green' },
  needs_input: { key: 'policy.result.needsInput', color: 'gold' },
  not_eligible: { key: 'policy.result.notEligible', color: 'default' },
};

const EXAMPLE = '{\n  "equipmentInvestment": "6000万",\n  "isManufacturing": true\n}';

interface Props {
  /** The item chosen in the editor; null when none, or a new item not saved yet. */
  itemId: string | null;
  /** The editor holds changes not saved. */
  dirty: boolean;
}

type Outcome = { kind: 'result'; result: ItemResult } | { kind: 'absent' } | { kind: 'error'; message: string };

export function RuleTrial({ itemId, dirty }: Props) {
  const { t } = useI18n();
  const amountText = useAmountText();
  const [text, setText] = useState(EXAMPLE);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<{ itemId: string; outcome: Outcome } | null>(null);

  async function run() {
    if (!itemId) return;
    const parsed = readJson(text);
    if (!parsed.ok) {
      const e = parsed.error;
      setOutcome({ itemId, outcome: { kind: 'error', message: `${t('policy.editor.syntaxError', { line: e.line, column: e.column })}：${t(`policy.json.${e.code}`, { found: e.found })}` } });
      return;
    }
    const facts = trialFacts(parsed.value);
    if (!facts.ok) {
      setOutcome({ itemId, outcome: { kind: 'error', message: facts.reason === 'notObject' ? t('policy.trial.notObject') : t('policy.trial.badMoney', { fact: facts.fact }) } });
      return;
    }
    setRunning(true);
    try {
      const { results } = await api.post<{ results: ItemResult[] }>('/policy/evaluate', { facts: facts.facts });
      const result = results.find((r) => r.itemId === itemId);
      setOutcome({ itemId, outcome: result ? { kind: 'result', result } : { kind: 'absent' } });
    } catch (err) {
      setOutcome({ itemId, outcome: { kind: 'error', message: errorMessage(err, t) } });
    } finally {
      setRunning(false);
    }
  }

  const shown = outcome && outcome.itemId === itemId ? outcome.outcome : null;
  return (
    <Card size="small" title={t('policy.trial.title')} data-testid="rule-trial">
      <Flex vertical gap={8}>
        <Typography.Text strong>{t('policy.trial.basis')}</Typography.Text>
        {dirty ? <Typography.Text type="warning">{t('policy.trial.unsavedChanges')}</Typography.Text> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.trial.factsHint')}
        </Typography.Text>
        <Input.TextArea
          aria-label={t('policy.trial.facts')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 4, maxRows: 10 }}
          spellCheck={false}
          className="mono-editor"
          data-testid="rule-trial-facts"
        />
        <div>
          <Button onClick={() => void run()} loading={running} disabled={!itemId} data-testid="rule-trial-run">
            {t('policy.trial.run')}
          </Button>
        </div>
        {!itemId ? <Typography.Text type="secondary">{t('policy.trial.needsSave')}</Typography.Text> : null}
        {shown?.kind === 'error' ? <Alert type="error" showIcon title={shown.message} /> : null}
        {shown?.kind === 'absent' ? <Alert type="warning" showIcon title={t('policy.trial.notInForce')} /> : null}
        {shown?.kind === 'result' ? <TrialResult r={shown.result} amount={amountText(shown.result)} /> : null}
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
      {r.missing.length > 0 ? (
        <Typography.Text>{t('policy.trial.missing', { list: r.missing.map((m) => m.label).join(t('common.listSep')) })}</Typography.Text>
      ) : null}
      {r.failed.map((f) => (
        <Typography.Text key={f} type="danger">
          {f}
        </Typography.Text>
      ))}
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.explanation}</Typography.Paragraph>
      {r.version !== undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policy.trial.version', { v: r.version, hash: (r.contentHash ?? '').slice(0, 10) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
