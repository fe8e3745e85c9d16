/**
 * What 校验 found: a JSON syntax error (line and column, found here before anything is
 * sent), the server's list of bad fields (each path located in the editor's text, a click
 * selects it), or a summary of the checked item (title, measure, channel, facts, parameters
 * with their clause words).
 */
import { Alert, Button, Descriptions, Flex, List, Tag, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import type { ErrorDetail, PolicyItemSummary } from '../../lib/types.js';
import { factLabel, useFactCatalogue } from './facts.js';
import { locate, type JsonSyntaxError, type Span } from './jsonSource.js';
import { ChannelTag } from './PolicyItemCard.js';

export type CheckState =
  | { kind: 'ok'; text: string; item: PolicyItemSummary; isNew: boolean }
  | { kind: 'invalid'; text: string; errors: ErrorDetail[] }
  | { kind: 'syntax'; text: string; error: JsonSyntaxError }
  | { kind: 'failed'; text: string; message: string };

interface Props {
  check: CheckState;
  /** True when the editor's text is no longer the text that was checked. */
  stale: boolean;
  /** Where each path sits in the editor's current text (null while the text is not valid JSON). */
  spans: ReadonlyMap<string, Span> | null;
  onSelect: (span: Span) => void;
}

export function RuleCheckResult({ check, stale, spans, onSelect }: Props) {
  const { t, pick } = useI18n();
  useFactCatalogue();
  const staleNote = stale ? <Typography.Text type="warning">{t('policy.editor.checkStale')}</Typography.Text> : null;

  if (check.kind === 'failed') return <Alert type="error" showIcon title={check.message} data-testid="rule-errors" />;

  if (check.kind === 'syntax') {
    const e = check.error;
    return (
      <Alert
        type="error"
        showIcon
        data-testid="rule-errors"
        data-kind="syntax"
        title={t('policy.editor.syntaxError', { line: e.line, column: e.column })}
        description={
          <Flex vertical gap={4} align="flex-start">
            <span>{t(`policy.json.${e.code}` as MessageKey, { found: e.found })}</span>
            {!stale ? (
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onSelect({ start: e.offset, end: Math.min(e.offset + 1, check.text.length), line: e.line })}>
                {t('policy.editor.showInEditor')}
              </Button>
            ) : (
              staleNote
            )}
          </Flex>
        }
      />
    );
  }

  if (check.kind === 'invalid') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="rule-errors"
        title={t('policy.editor.checkFailed', { n: check.errors.length })}
        description={
          <>
            <Typography.Text type="secondary">{t('policy.editor.errorsHint')}</Typography.Text>
            {staleNote ? <div>{staleNote}</div> : null}
            <List
              size="small"
              dataSource={check.errors}
              renderItem={(e) => {
                const where = spans ? locate(spans, e.field) : null;
                return (
                  <List.Item data-testid="rule-error" data-field={e.field} style={{ paddingInline: 0 }}>
                    <Flex gap={8} wrap align="baseline">
                      {where ? (
                        <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onSelect(where.span)} title={t('policy.editor.showInEditor')}>
                          <Typography.Text code>{e.field}</Typography.Text>
                        </Button>
                      ) : (
                        <Typography.Text code>{e.field}</Typography.Text>
                      )}
                      {where ? (
                        <Typography.Text type="secondary">
                          {t('policy.editor.errorLine', { line: where.span.line })}
                          {where.exact ? '' : `（${t('policy.editor.errorNearest')}）`}
                        </Typography.Text>
                      ) : null}
                      <Typography.Text>{e.message}</Typography.Text>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          </>
        }
      />
    );
  }

  const item = check.item;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="rule-check-ok"
      title={t('policy.editor.checkOk', { title: item.title })}
      description={
        <>
          {staleNote}
          <Descriptions
            size="small"
            column={1}
            className="rule-check-desc"
            style={{ marginTop: 4 }}
            items={[
              {
                key: 'id',
                label: t('policy.editor.summary.id'),
                children: (
                  <Flex gap={8} wrap align="center">
                    <Typography.Text code>{item.id}</Typography.Text>
                    <Typography.Text type="secondary">{check.isNew ? t('policy.editor.summary.newItem') : t('policy.editor.summary.existing')}</Typography.Text>
                  </Flex>
                ),
              },
              { key: 'measure', label: t('policy.editor.summary.measure'), children: `${t('policy.measureNo', { n: item.measure })} · ${item.form} · ${t(`policy.period.${item.period}`)} · ${t(`policy.status.${item.status}`)}` },
              { key: 'channel', label: t('policy.editor.summary.channel'), children: <ChannelTag channel={item.channel} /> },
              {
                key: 'facts',
                label: t('policy.editor.summary.facts'),
                children: (
                  <Flex gap={4} wrap>
                    {item.facts.map((f) => {
                      const label = factLabel(f);
                      return (
                        <Tag key={f} style={{ marginInlineEnd: 0 }}>
                          {label ? `${pick(label)} · ` : ''}
                          <code>{f}</code>
                        </Tag>
                      );
                    })}
                  </Flex>
                ),
              },
              {
                key: 'parameters',
                label: t('policy.editor.summary.parameters'),
                children:
                  item.parameters.length === 0 ? (
                    '—'
                  ) : (
                    <Flex vertical gap={2}>
                      {item.parameters.map((p) => (
                        <span key={p.name}>
                          {p.label} <Typography.Text code>{String(p.value)}</Typography.Text> <Typography.Text type="secondary">「{p.clause}」</Typography.Text>
                        </span>
                      ))}
                    </Flex>
                  ),
              },
              { key: 'clause', label: t('policy.clause'), children: `「${item.clause}」` },
            ]}
          />
        </>
      }
    />
  );
}
