/**
 * 方法 (officials read the versions; administrators edit): GET /api/index/methods lists the
 * immutable, content-hashed versions. Administrators edit the current method as JSON (the
 * policy rule editor's strict reader locates syntax errors and the server's field paths in the
 * text), 预览 (POST /api/index/methods/preview: how ranks would move on today's data — moved,
 * mean and largest shift, Spearman ρ, grade changes, the transition matrix, the top movers) and
 * 保存为新版本 (POST /api/index/methods with a note) only for the text that was just previewed.
 * Everyone here sees the latest run's nominal and effective weights and its coherence report
 * (./Coherence.tsx); the preview shows the same for the method being edited.
 */
import { Alert, App, Button, Card, Col, Collapse, Descriptions, Flex, Input, List, Row, Statistic, Table, Tag, Tooltip, Typography, type GetRef, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { api, isApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { canEditIndexMethod } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import type { ErrorDetail } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { locate, readJson, type JsonSyntaxError, type Span } from '../policy/jsonSource.js';
import { CoherenceView, EffectiveWeightsView, LatestWeightsCard } from './Coherence.js';
import { formatMethod, formatScore, hashPrefix, methodErrorPath, signed, transitionRows } from './format.js';
import { GradeTag } from './parts.js';
import { enterprisePath } from './paths.js';
import type { MethodPreview, MethodVersion, SavedMethod } from './types.js';

type TextAreaRef = GetRef<typeof Input.TextArea>;

type PreviewState =
  | { kind: 'ok'; text: string; result: MethodPreview }
  | { kind: 'invalid'; text: string; errors: ErrorDetail[] }
  | { kind: 'syntax'; text: string; error: JsonSyntaxError }
  | { kind: 'failed'; text: string; message: string };

function VersionTable({ versions, inEditor, onLoad }: { versions: MethodVersion[]; inEditor: number | null; onLoad?: (v: MethodVersion) => void }) {
  const { t } = useI18n();
  const columns: TableColumnsType<MethodVersion> = [
    { key: 'version', title: t('index.method.version'), width: 90, render: (_, v) => t('index.versionNo', { v: v.version }) },
    {
      key: 'origin',
      title: t('index.method.origin'),
      width: 90,
      render: (_, v) => <Tag color={v.origin === 'builtin' ? 'default' : 'blue'}>{v.origin === 'builtin' ? t('index.method.builtin') : t('index.method.admin')}</Tag>,
    },
    { key: 'time', title: t('index.method.time'), width: 170, render: (_, v) => formatDateTime(v.createdAt) },
    { key: 'note', title: t('index.method.note'), render: (_, v) => v.note ?? '—' },
    {
      key: 'hash',
      title: t('index.method.hash'),
      width: 130,
      render: (_, v) => (
        <Tooltip title={v.contentHash}>
          <Typography.Text code>{hashPrefix(v.contentHash)}</Typography.Text>
        </Tooltip>
      ),
    },
    ...(onLoad
      ? [
          {
            key: 'load',
            title: t('common.actions'),
            width: 100,
            render: (_: unknown, v: MethodVersion) =>
              inEditor === v.version ? (
                <Tag color="green">{t('index.method.inEditor')}</Tag>
              ) : (
                <Button size="small" type="link" onClick={() => onLoad(v)} data-testid={`index-method-load-${v.version}`}>
                  {t('index.method.load')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <Table<MethodVersion>
      size="small"
      rowKey="version"
      pagination={false}
      columns={columns}
      dataSource={versions}
      data-testid="index-method-versions"
      expandable={
        onLoad
          ? undefined
          : {
              expandedRowRender: (v) => (
                <pre className="mono-editor" style={{ maxHeight: 420, overflow: 'auto', margin: 0 }} data-testid={`index-method-doc-${v.version}`}>
                  {formatMethod(v.document)}
                </pre>
              ),
            }
      }
    />
  );
}

function PreviewResult({ result }: { result: MethodPreview }) {
  const { t } = useI18n();
  const rows = transitionRows(result);
  const matrixColumns: TableColumnsType<(typeof rows)[number]> = [
    { key: 'from', title: t('index.preview.fromTo'), render: (_, r) => <GradeTag grade={r.from} label="" /> },
    ...result.gradesAfter.map((to) => ({
      key: to,
      title: <GradeTag grade={to} label="" />,
      align: 'right' as const,
      render: (_: unknown, r: (typeof rows)[number]) => {
        const n = r.counts[to] ?? 0;
        return <Typography.Text strong={r.from === to} type={n > 0 && r.from !== to ? 'warning' : n === 0 ? 'secondary' : undefined}>{n}</Typography.Text>;
      },
    })),
    { key: 'total', title: t('index.preview.total'), align: 'right', render: (_, r) => r.total },
  ];
  const moverColumns: TableColumnsType<MethodPreview['topMovers'][number]> = [
    { key: 'name', title: t('index.col.name'), render: (_, m) => <Link to={enterprisePath(m.orgId)}>{m.name}</Link> },
    { key: 'before', title: t('index.preview.before'), render: (_, m) => <span>{t('index.rankNo', { n: m.before.rank })} · {formatScore(m.before.score)} · {m.before.grade}</span> },
    { key: 'after', title: t('index.preview.after'), render: (_, m) => <span>{t('index.rankNo', { n: m.after.rank })} · {formatScore(m.after.score)} · {m.after.grade}</span> },
    {
      key: 'delta',
      title: <Tooltip title={t('index.preview.deltaHint')}>{t('index.preview.delta')}</Tooltip>,
      align: 'right',
      render: (_, m) => <Typography.Text type={m.delta > 0 ? 'success' : m.delta < 0 ? 'danger' : undefined}>{signed(m.delta)}</Typography.Text>,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('index.preview.enterprises')} value={result.enterprises} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('index.preview.moved')} value={result.moved} data-testid="index-method-moved" data-value={result.moved} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('index.preview.meanShift')} value={result.meanAbsoluteShift} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('index.preview.maxShift')} value={result.maxShift} />
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Tooltip title={t('index.preview.spearmanHint')}>
            <Statistic title={t('index.preview.spearman')} value={result.spearman.toFixed(4)} data-testid="index-method-spearman" />
          </Tooltip>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('index.preview.gradeChanges')} value={result.gradeChanges} data-testid="index-method-grade-changes" />
        </Col>
      </Row>
      <Typography.Text strong>{t('index.preview.matrix')}</Typography.Text>
      <Table size="small" rowKey="from" pagination={false} columns={matrixColumns} dataSource={rows} data-testid="index-method-matrix" />
      <Typography.Text strong>{t('index.preview.movers')}</Typography.Text>
      <Table size="small" rowKey="orgId" pagination={false} columns={moverColumns} dataSource={result.topMovers} data-testid="index-method-movers" scroll={{ x: 760 }} />
      <Typography.Text strong>{t('index.weights.preview')}</Typography.Text>
      <EffectiveWeightsView report={result.coherence} testId="index-preview-weights" />
      <Collapse size="small" items={[{ key: 'coherence', label: t('index.coherence.title'), children: <CoherenceView report={result.coherence} testId="index-preview-coherence" /> }]} />
    </Flex>
  );
}

function PreviewPanel({ state, stale, spans, onSelect }: { state: PreviewState; stale: boolean; spans: ReadonlyMap<string, Span> | null; onSelect: (s: Span) => void }) {
  const { t } = useI18n();
  const staleNote = stale ? <Typography.Text type="warning">{t('index.method.stale')}</Typography.Text> : null;
  if (state.kind === 'failed') return <Alert type="error" showIcon title={state.message} data-testid="index-method-errors" />;
  if (state.kind === 'syntax') {
    const e = state.error;
    return (
      <Alert
        type="error"
        showIcon
        data-testid="index-method-errors"
        data-kind="syntax"
        title={t('policy.editor.syntaxError', { line: e.line, column: e.column })}
        description={
          <Flex vertical gap={4} align="flex-start">
            <span>{t(`policy.json.${e.code}` as MessageKey, { found: e.found })}</span>
            {stale ? staleNote : (
              <Button size="small" type="link" style={{ padding: 0 }} onClick={() => onSelect({ start: e.offset, end: Math.min(e.offset + 1, state.text.length), line: e.line })}>
                {t('policy.editor.showInEditor')}
              </Button>
            )}
          </Flex>
        }
      />
    );
  }
  if (state.kind === 'invalid') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="index-method-errors"
        title={t('index.method.invalid', { n: state.errors.length })}
        description={
          <>
            {staleNote}
            <List
              size="small"
              dataSource={state.errors}
              renderItem={(e) => {
                const where = spans ? locate(spans, methodErrorPath(e.field)) : null;
                return (
                  <List.Item data-testid="index-method-error" data-field={e.field} style={{ paddingInline: 0 }}>
                    <Flex gap={8} wrap align="baseline">
                      {where ? (
                        <Button size="small" type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onSelect(where.span)} title={t('policy.editor.showInEditor')}>
                          <Typography.Text code>{e.field}</Typography.Text>
                        </Button>
                      ) : (
                        <Typography.Text code>{e.field}</Typography.Text>
                      )}
                      {where ? <Typography.Text type="secondary">{t('policy.editor.errorLine', { line: where.span.line })}</Typography.Text> : null}
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
  return (
    <Card size="small" title={t('index.preview.title', { v: state.result.currentVersion })} data-testid="index-method-result" data-moved={state.result.moved}>
      {staleNote}
      <PreviewResult result={state.result} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('index.preview.note')}
      </Typography.Paragraph>
    </Card>
  );
}

export function MethodEditor() {
  const { t } = useI18n();
  const me = useMe();
  const { modal, message } = App.useApp();
  const editable = canEditIndexMethod(me);
  const history = useApi<{ versions: MethodVersion[] }>('/index/methods');
  const versions = history.data?.versions;

  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<{ version: number; text: string } | null>(null);
  const [preview, setPreview] = useState<PreviewState | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<SavedMethod | null>(null);
  const areaRef = useRef<TextAreaRef>(null);

  const parsed = useMemo(() => readJson(text), [text]);
  const dirty = loaded !== null && text !== loaded.text;
  const previewedOk = preview?.kind === 'ok' && preview.text === text;

  function load(v: MethodVersion) {
    const formatted = formatMethod(v.document);
    setText(formatted);
    setLoaded({ version: v.version, text: formatted });
    setPreview(null);
    setSaved(null);
  }

  // The current (latest) version, once the list has arrived.
  useEffect(() => {
    if (editable && loaded === null && versions && versions.length > 0) load(versions[0]!);
  }, [editable, versions]); // only until something is loaded

  function guardedLoad(v: MethodVersion) {
    if (!dirty) return load(v);
    modal.confirm({
      title: t('policy.editor.discardTitle'),
      content: t('policy.editor.discardBody'),
      okText: t('policy.editor.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => load(v),
    });
  }

  function selectInEditor(span: Span) {
    const el = areaRef.current?.resizableTextArea?.textArea;
    if (!el) return;
    el.focus();
    el.setSelectionRange(span.start, span.end);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
    el.scrollTop = Math.max(0, (span.line - 4) * lineHeight);
  }

  function fieldErrors(err: unknown): ErrorDetail[] | null {
    if (isApiError(err) && err.status === 400 && (err.details.length > 0 || err.field)) return err.details.length > 0 ? err.details : [{ field: err.field!, message: err.message }];
    return null;
  }

  async function runPreview() {
    const current = text;
    setSaved(null);
    if (!parsed.ok) {
      setPreview({ kind: 'syntax', text: current, error: parsed.error });
      return;
    }
    setPreviewing(true);
    try {
      const result = await api.post<MethodPreview>('/index/methods/preview', { document: parsed.value });
      setPreview({ kind: 'ok', text: current, result });
    } catch (err) {
      const errors = fieldErrors(err);
      setPreview(errors ? { kind: 'invalid', text: current, errors } : { kind: 'failed', text: current, message: errorMessage(err, t) });
    } finally {
      setPreviewing(false);
    }
  }

  async function save() {
    if (!previewedOk || !parsed.ok) return;
    const current = text;
    setSaving(true);
    try {
      const r = await api.post<SavedMethod>('/index/methods', { document: parsed.value, ...(note.trim() ? { note: note.trim() } : {}) });
      setSaved(r);
      setLoaded({ version: r.version, text: current });
      if (r.created) {
        setNote('');
        message.success(t('index.method.saved', { v: r.version }));
      } else {
        message.info(t('index.method.unchanged', { v: r.version }));
      }
      history.reload();
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors) setPreview({ kind: 'invalid', text: current, errors });
      else message.error(errorMessage(err, t));
    } finally {
      setSaving(false);
    }
  }

  if (history.error) return <ErrorState error={history.error} onRetry={history.reload} />;
  if (!versions) return <PageLoading />;

  const list = (
    <Card size="small" title={t('index.method.versions')}>
      <VersionTable versions={versions} inEditor={loaded && !dirty ? loaded.version : null} onLoad={editable ? guardedLoad : undefined} />
      {!editable ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('index.method.readOnly')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
  const weights = <LatestWeightsCard currentVersion={versions[0]?.version ?? null} />;
  if (!editable)
    return (
      <Flex vertical gap={16} data-testid="index-methods">
        {weights}
        {list}
      </Flex>
    );

  return (
    <Row gutter={[24, 24]} data-testid="index-methods">
      <Col xs={24} xxl={13}>
        <Card size="small" title={t('index.method.editor')}>
          <Flex vertical gap={12}>
            <Alert type="info" showIcon title={t('index.method.help')} />
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>{t('index.method.document')}</Typography.Text>
              {loaded ? <Tag style={{ marginInlineEnd: 0 }}>{t('index.method.loadedVersion', { v: loaded.version })}</Tag> : null}
              {dirty ? (
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="index-method-dirty">
                  {t('policy.editor.modified')}
                </Tag>
              ) : null}
            </Flex>
            <Input.TextArea
              ref={areaRef}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={22}
              spellCheck={false}
              autoComplete="off"
              disabled={loaded === null}
              className="mono-editor rule-json-area"
              aria-label={t('index.method.document')}
              data-testid="index-method-json"
            />
            <Flex gap={8} wrap>
              <Button type="primary" onClick={() => void runPreview()} loading={previewing} disabled={loaded === null} data-testid="index-method-preview">
                {t('index.method.preview')}
              </Button>
              <Button onClick={() => (parsed.ok ? setText(formatMethod(parsed.value)) : void runPreview())} disabled={loaded === null}>
                {t('policy.editor.format')}
              </Button>
              {dirty ? <Button onClick={() => loaded && (setText(loaded.text), setPreview(null))}>{t('policy.editor.revert')}</Button> : null}
            </Flex>
            <Flex gap={8} wrap align="flex-start">
              <Input
                style={{ flex: '1 1 320px' }}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={500}
                placeholder={t('index.method.notePlaceholder')}
                prefix={<Typography.Text type="secondary">{t('index.method.note')}：</Typography.Text>}
                data-testid="index-method-note"
                aria-label={t('index.method.note')}
              />
              <Tooltip title={previewedOk ? undefined : t('index.method.saveNeedsPreview')}>
                <Button type="primary" onClick={() => void save()} loading={saving} disabled={!previewedOk} data-testid="index-method-save">
                  {t('index.method.save')}
                </Button>
              </Tooltip>
            </Flex>
            {saved ? (
              <Alert
                type={saved.created ? 'success' : 'info'}
                showIcon
                data-testid="index-method-saved"
                data-version={saved.version}
                data-created={String(saved.created)}
                title={saved.created ? t('index.method.saved', { v: saved.version }) : t('index.method.unchanged', { v: saved.version })}
                description={
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'hash', label: t('index.method.hash'), children: <Typography.Text code>{saved.contentHash}</Typography.Text> },
                      { key: 'next', label: t('index.method.next'), children: t('index.method.nextRun') },
                    ]}
                  />
                }
              />
            ) : null}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xxl={11}>
        {preview ? (
          <PreviewPanel state={preview} stale={preview.text !== text} spans={parsed.ok ? parsed.spans : null} onSelect={selectInEditor} />
        ) : (
          <Card size="small" title={t('index.preview.titleEmpty')}>
            <Typography.Text type="secondary">{t('index.preview.empty')}</Typography.Text>
          </Card>
        )}
      </Col>
      <Col span={24}>{weights}</Col>
      <Col span={24}>{list}</Col>
    </Row>
  );
}
