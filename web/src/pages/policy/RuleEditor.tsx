/**
 * 规则编辑 (administrators): pick a support item (or start a new one from a 最高X template
 * for a measure), see its versions and load any into the editor, edit the rule document in a
 * form (RuleForm) beside its JSON — the two stay in sync: the JSON text is the document, the
 * form writes back into it and shows read-only what it cannot edit. The document is checked as
 * you type (POST /api/policy/items/check, a moment after the last change; 校验 does it at
 * once): errors show on their form fields and are listed beside the JSON (each path located in
 * the text). The live test panel (RuleTrial) evaluates the UNSAVED document for typed facts.
 * 提交审核 (POST /api/policy/items) makes a proposal that takes effect only when another
 * administrator approves it in 修订审核 (RuleProposals), where the diff against the version in
 * force is shown. The chosen item is kept in the URL (?tab=editor&item=).
 */
import { Alert, App, Button, Card, Col, Flex, Input, Row, Select, Skeleton, Tag, Tooltip, Typography, type GetRef } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, isApiError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import type { CheckedItem, ItemVersionView, MeasureCoverage, PolicyItemSummary, ProposalView, SaveItemBody } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { readJson, type Span } from './jsonSource.js';
import { formatDocument, templateFor } from './ruleDocument.js';
import { RuleCheckResult, type CheckState } from './RuleCheckResult.js';
import { useFactCatalogue } from './facts.js';
import { RuleForm } from './RuleForm.js';
import { RuleHistory } from './RuleHistory.js';
import { RuleProposals } from './RuleProposals.js';
import { RuleTrial } from './RuleTrial.js';

const NEW = 'new';
type TextAreaRef = GetRef<typeof Input.TextArea>;

interface Props {
  items: PolicyItemSummary[] | undefined;
  reloadItems: () => void;
  coverage: MeasureCoverage[] | undefined;
}

/** What the editor's text was loaded from; `text` is that text as loaded (to tell edits). */
type Loaded = { kind: 'version'; id: string; version: number; text: string } | { kind: 'template'; measure: number; text: string };

function docId(doc: unknown): string | undefined {
  return typeof doc === 'object' && doc !== null && typeof (doc as { id?: unknown }).id === 'string' ? (doc as { id: string }).id : undefined;
}

export function RuleEditor({ items, reloadItems, coverage }: Props) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const measures = useReference('measures');
  const [params, setParams] = useSearchParams();
  const selected = params.get('item');
  const [newMeasure, setNewMeasure] = useState(() => {
    const n = Number(params.get('measure'));
    return Number.isInteger(n) && n >= 1 && n <= 19 ? n : 8;
  });

  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [check, setCheck] = useState<CheckState | null>(null);
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<(ProposalView & { text: string }) | null>(null);
  const [proposalsKey, setProposalsKey] = useState(0);
  const catalogue = useFactCatalogue();
  /** The item whose latest version is loaded into the editor once its history arrives. */
  const [pending, setPending] = useState<string | null>(selected && selected !== NEW ? selected : null);
  const areaRef = useRef<TextAreaRef>(null);
  const textRef = useRef(text);
  textRef.current = text;

  const history = useApi<{ versions: ItemVersionView[] }>(selected && selected !== NEW ? `/policy/items/${encodeURIComponent(selected)}/versions` : null);
  // useApi keeps the previous item's data while the next loads: only trust data of the chosen item.
  const versions = history.data && docId(history.data.versions[0]?.document) === selected ? history.data.versions : undefined;

  const dirty = loaded !== null && text !== loaded.text && !(saved && text === saved.text);
  const parsed = useMemo(() => readJson(text), [text]);
  const checkedOk = check?.kind === 'ok' && check.text === text;
  const knownIds = useMemo(() => new Set((items ?? []).map((i) => i.id)), [items]);

  function load(next: Loaded) {
    setText(next.text);
    setLoaded(next);
    setCheck(null);
    setSaved(null);
  }

  function loadVersion(v: ItemVersionView) {
    const id = docId(v.document) ?? selected ?? '';
    load({ kind: 'version', id, version: v.version, text: formatDocument(v.document) });
  }

  function loadTemplate(measureNo: number) {
    const m = measures.items.find((x) => x.no === measureNo);
    if (!m) return;
    load({ kind: 'template', measure: measureNo, text: formatDocument(templateFor(m, knownIds, catalogue.facts ?? [])) });
  }

  // The chosen item's latest version, once its history has arrived.
  useEffect(() => {
    if (pending === null || !versions || versions.length === 0 || docId(versions[0]!.document) !== pending) return;
    loadVersion(versions[0]!);
    setPending(null);
  }, [pending, versions]); // runs when the history arrives

  // ?item=new on arrival: the template, once the measures and the fact catalogue are known.
  useEffect(() => {
    if (selected === NEW && loaded === null && measures.items.length > 0 && catalogue.facts) loadTemplate(newMeasure);
  }, [selected, measures.items.length, catalogue.facts]); // only while nothing is loaded yet

  // Checked as you type: a moment after the last change of valid JSON (校验 checks at once).
  useEffect(() => {
    if (loaded === null || !parsed.ok || (check && check.text === text)) return;
    const timer = window.setTimeout(() => void runCheck(), 700);
    return () => window.clearTimeout(timer);
  }, [text, loaded]); // runs after each edit

  /** Runs `fn` at once, or after the user agrees to drop unsaved edits. */
  function guard(fn: () => void) {
    if (!dirty) return fn();
    modal.confirm({
      title: t('policy.editor.discardTitle'),
      content: t('policy.editor.discardBody'),
      okText: t('policy.editor.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: fn,
    });
  }

  function setItemParam(value: string | null, measure?: number) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('tab', 'editor');
        if (value === null) next.delete('item');
        else next.set('item', value);
        if (measure !== undefined) next.set('measure', String(measure));
        else next.delete('measure');
        return next;
      },
      { replace: true },
    );
  }

  function choose(value: string) {
    guard(() => {
      setSaved(null);
      setCheck(null);
      if (value === NEW) {
        setItemParam(NEW, newMeasure);
        setPending(null);
        loadTemplate(newMeasure);
      } else {
        setItemParam(value);
        setLoaded(null);
        setText('');
        setPending(value);
      }
    });
  }

  function chooseMeasure(n: number) {
    guard(() => {
      setNewMeasure(n);
      setItemParam(NEW, n);
      loadTemplate(n);
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

  async function runCheck() {
    const current = text;
    if (!parsed.ok) {
      setCheck({ kind: 'syntax', text: current, error: parsed.error });
      return;
    }
    setChecking(true);
    try {
      const body: SaveItemBody = { document: parsed.value };
      const r = await api.post<CheckedItem>('/policy/items/check', body);
      // An answer to an older text does not replace the answer to the text now in the editor.
      setCheck((c) => (c && c.text === textRef.current && c.text !== current ? c : { kind: 'ok', text: current, item: r.item, isNew: !knownIds.has(r.item.id) }));
    } catch (err) {
      const next: CheckState =
        isApiError(err) && err.status === 400 && (err.details.length > 0 || err.field)
          ? { kind: 'invalid', text: current, errors: err.details.length > 0 ? err.details : [{ field: err.field!, message: err.message }] }
          : { kind: 'failed', text: current, message: errorMessage(err, t) };
      setCheck((c) => (c && c.text === textRef.current && c.text !== current ? c : next));
    } finally {
      setChecking(false);
    }
  }

  /** 提交审核: a proposal that takes effect once another administrator approves it. */
  async function save() {
    if (!checkedOk || !parsed.ok) return;
    const current = text;
    setSaving(true);
    try {
      const body: SaveItemBody = { document: parsed.value, ...(note.trim() ? { note: note.trim() } : {}) };
      const r = await api.post<ProposalView>('/policy/items', body);
      setSaved({ ...r, text: current });
      setNote('');
      message.success(t('policy.editor.proposed', { id: r.id }));
      setProposalsKey((k) => k + 1);
    } catch (err) {
      if (isApiError(err) && err.status === 400 && (err.details.length > 0 || err.field)) {
        // The check passed but the save was refused (e.g. the measure text changed meanwhile): show it as a failed check.
        setCheck({ kind: 'invalid', text: current, errors: err.details.length > 0 ? err.details : [{ field: err.field!, message: err.message }] });
      } else {
        message.error(errorMessage(err, t));
      }
    } finally {
      setSaving(false);
    }
  }

  function reformat() {
    if (parsed.ok) setText(formatDocument(parsed.value));
    else void runCheck();
  }

  const itemOptions = useMemo(
    () => [
      { value: NEW, label: t('policy.editor.new'), search: `new 新建 ${t('policy.editor.new')}` },
      ...[...(items ?? [])]
        .sort((a, b) => a.measure - b.measure || a.id.localeCompare(b.id))
        .map((i) => ({ value: i.id, label: `${t('policy.measureNo', { n: i.measure })} · ${i.title}（${i.id}）`, search: `${i.id} ${i.title} ${i.measure}` })),
    ],
    [items, t],
  );

  const coverageOfNew = coverage?.find((c) => c.measure === newMeasure);
  const inEditorVersion = loaded?.kind === 'version' && !dirty && loaded.id === selected ? loaded.version : null;

  const formErrors = check?.kind === 'invalid' ? check.errors : [];
  const onFormChange = useCallback((next: unknown) => setText(formatDocument(next)), []);

  return (
    <Flex vertical gap={16} data-testid="rule-editor">
      <Card size="small" title={t('policy.tab.editor')}>
        <Flex vertical gap={12}>
          <Alert type="info" showIcon title={t('policy.editor.help')} />
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('policy.editor.item')}</Typography.Text>
            <Select
              style={{ flex: '1 1 260px', minWidth: 0, maxWidth: '100%' }}
              placeholder={t('policy.editor.pickItem')}
              value={selected ?? undefined}
              onChange={choose}
              options={itemOptions}
              loading={!items}
              showSearch={{ filterOption: (input, option) => (option?.search ?? '').toLowerCase().includes(input.trim().toLowerCase()) }}
              data-testid="rule-item-select"
              aria-label={t('policy.editor.item')}
            />
          </Flex>
          {selected === NEW ? (
            <Flex gap={12} wrap align="center">
              <Typography.Text>{t('policy.editor.newMeasure')}</Typography.Text>
              <Select
                style={{ flex: '1 1 260px', minWidth: 0, maxWidth: '100%' }}
                value={newMeasure}
                onChange={chooseMeasure}
                options={measures.items.map((m) => ({ value: m.no, label: `${m.no}. ${m.title}` }))}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="rule-new-measure"
                aria-label={t('policy.editor.newMeasure')}
              />
            </Flex>
          ) : null}
          {selected === NEW ? (
            <Alert
              type={coverageOfNew?.noAmount ? 'warning' : 'info'}
              title={coverageOfNew?.noAmount ? t('policy.editor.newNoAmount', { n: newMeasure }) : t('policy.editor.newHint', { n: newMeasure })}
              description={coverageOfNew?.noAmount ? t('policy.editor.newHint', { n: newMeasure }) : undefined}
            />
          ) : null}
          <Flex gap={8} wrap align="center">
            {loaded?.kind === 'version' ? <Tag style={{ marginInlineEnd: 0 }}>{t('policy.editor.loadedVersion', { v: loaded.version })}</Tag> : null}
            {loaded?.kind === 'template' ? <Tag style={{ marginInlineEnd: 0 }}>{t('policy.editor.loadedTemplate')}</Tag> : null}
            {dirty ? (
              <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="rule-dirty">
                {t('policy.editor.modified')}
              </Tag>
            ) : null}
            {checking ? <Tag style={{ marginInlineEnd: 0 }}>{t('policy.editor.checking')}</Tag> : null}
            {!checking && check?.kind === 'ok' && check.text === text ? (
              <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="rule-valid">
                {t('policy.editor.valid')}
              </Tag>
            ) : null}
            {!checking && check?.kind === 'invalid' && check.text === text ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('policy.editor.checkFailed', { n: check.errors.length })}
              </Tag>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('policy.editor.formTitle')} data-testid="rule-form-card">
            {loaded === null ? (
              <Typography.Text type="secondary">{selected && !history.error ? t('common.loading') : t('policy.editor.pickItem')}</Typography.Text>
            ) : !catalogue.facts ? (
              catalogue.error ? <Alert type="error" showIcon title={t('policy.facts.loadFailed')} /> : <Skeleton active />
            ) : parsed.ok ? (
              <RuleForm doc={parsed.value} onChange={onFormChange} errors={formErrors} facts={catalogue.facts} />
            ) : (
              <Alert type="warning" showIcon title={t('policy.form.jsonBroken')} data-testid="rule-form-broken" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('policy.editor.document')}>
            <Flex vertical gap={12}>
              <Input.TextArea
                ref={areaRef}
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={24}
                spellCheck={false}
                autoComplete="off"
                disabled={loaded === null}
                placeholder={selected && !history.error ? t('common.loading') : t('policy.editor.pickItem')}
                className="mono-editor rule-json-area"
                aria-label={t('policy.editor.document')}
                data-testid="rule-json"
              />
              <Flex gap={8} wrap>
                <Button type="primary" onClick={() => void runCheck()} loading={checking} disabled={loaded === null} data-testid="rule-check">
                  {t('policy.editor.check')}
                </Button>
                <Button onClick={reformat} disabled={loaded === null} data-testid="rule-format">
                  {t('policy.editor.format')}
                </Button>
                {dirty ? <Button onClick={() => loaded && load(loaded)}>{t('policy.editor.revert')}</Button> : null}
              </Flex>
              {check ? <RuleCheckResult check={check} stale={check.text !== text} spans={parsed.ok ? parsed.spans : null} onSelect={selectInEditor} /> : null}
              <Flex gap={8} wrap align="flex-start">
                <Input
                  style={{ flex: '1 1 240px', minWidth: 0 }}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={500}
                  placeholder={t('policy.editor.notePlaceholder')}
                  prefix={<Typography.Text type="secondary">{t('policy.editor.note')}：</Typography.Text>}
                  data-testid="rule-note"
                  aria-label={t('policy.editor.note')}
                />
                <Tooltip title={checkedOk ? undefined : t('policy.editor.saveNeedsCheck')}>
                  <Button type="primary" onClick={() => void save()} loading={saving} disabled={!checkedOk || (saved !== null && saved.text === text)} data-testid="rule-save">
                    {t('policy.editor.propose')}
                  </Button>
                </Tooltip>
              </Flex>
              {saved ? (
                <Alert
                  type="success"
                  showIcon
                  data-testid="rule-saved"
                  data-proposal={saved.id}
                  title={t('policy.editor.proposedTitle', { id: saved.id, item: saved.itemId })}
                  description={t('policy.editor.proposedBody')}
                />
              ) : null}
            </Flex>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RuleTrial doc={loaded === null ? undefined : parsed.ok ? parsed.value : null} facts={catalogue.facts} />
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <RuleProposals
              refreshKey={proposalsKey}
              onDecided={(itemId) => {
                reloadItems();
                if (itemId === selected) history.reload();
              }}
            />
            <RuleHistory
              itemId={selected}
              versions={versions}
              loading={history.loading}
              error={history.error}
              reload={history.reload}
              inEditor={inEditorVersion}
              onLoad={(v) => guard(() => loadVersion(v))}
            />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
