/**
 * 新建攻关清单条目 (POST /api/market/tasks, officials): one or more enterprise demands (duplicates
 * merged) picked from the demand search, refined into a title and description with fields and a
 * priority. Saved as a draft of the official's department; published from the 整理 view.
 */
import { App, Form, Input, Radio, Select, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { FormModal } from '../../components/FormModal.js';
import { api, isAbort } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import type { Paged } from '../../lib/types.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { priorityLabel } from './labels.js';
import { FieldPicker } from './SearchParts.js';
import type { Demand, Hit, Task } from './types.js';

interface Values {
  title: string;
  description: string;
  fields: string[];
  priority: Task['priority'];
  demandIds: number[];
}
type Body = Values;
const FIELDS = ['title', 'description', 'fields', 'priority', 'demandIds'] as const;

/** Demands chosen from the search (GET /api/market/demands?q=), several; the chosen stay listed while searching. */
export function DemandPicker({ value, onChange, id }: { value?: number[]; onChange?: (v: number[]) => void; id?: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Demand[]>([]);
  const [loading, setLoading] = useState(false);
  const chosen = useRef(new Map<number, Demand>());
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      api
        .get<Paged<Hit<Demand>>>('/market/demands', { q: query || undefined, pageSize: 20 }, controller.signal)
        .then((r) => {
          setFound(r.items);
          setLoading(false);
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setLoading(false);
        });
    }, 250);
    return () => {
      controller.abort();
      window.clearTimeout(timer.current);
    };
  }, [query]);

  for (const d of found) if (value?.includes(d.id)) chosen.current.set(d.id, d);
  const options = [...new Map([...[...chosen.current.values()].filter((d) => value?.includes(d.id)), ...found].map((d) => [d.id, d])).values()].map((d) => ({
    value: d.id,
    label: `#${d.id} ${d.title}`,
  }));

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: number[]) => onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('market.task.noDemands')}
      placeholder={t('market.task.demandsPlaceholder')}
      data-testid="task-demands"
      optionRender={(o) => {
        const d = found.find((x) => x.id === o.value) ?? chosen.current.get(o.value as number);
        return (
          <div>
            <div>{o.label}</div>
            {d ? (
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 600 }}>
                {d.problem}
              </Typography.Text>
            ) : null}
          </div>
        );
      }}
    />
  );
}

export function TaskFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const modal = useModalForm<Values, Body>({
    fields: FIELDS,
    toBody: (v) => ({ ...v, title: v.title.trim(), description: v.description.trim() }),
    send: async (body) => {
      await api.post<{ id: number }>('/market/tasks', body);
      message.success(t('market.task.created', { title: body.title }));
      onCreated();
    },
    onClose,
  });
  return (
    <FormModal<Values> modal={modal} title={t('market.task.create')} width={760} initialValues={{ priority: 'normal', fields: [], demandIds: [] }} testId="task-form" okTestId="form-submit">
      <Form.Item name="demandIds" label={t('market.task.demands')} extra={t('market.task.demandsHint')} rules={[{ required: true, message: t('market.task.demandsRequired') }]}>
        <DemandPicker />
      </Form.Item>
      <Form.Item name="title" label={t('market.task.titleLabel')} rules={[{ required: true, whitespace: true, message: t('market.form.titleRequired') }, { min: 4, message: t('market.task.titleMin') }]}>
        <Input maxLength={120} showCount data-testid="task-title" />
      </Form.Item>
      <Form.Item name="description" label={t('market.task.description')} extra={t('market.task.descriptionHint')} rules={[{ required: true, whitespace: true, message: t('market.task.descriptionRequired') }, { min: 20, message: t('market.task.descriptionMin') }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="task-description" />
      </Form.Item>
      <Form.Item name="fields" label={t('market.task.fields')} rules={[{ required: true, message: t('market.form.fieldsRequired') }]}>
        <FieldPicker width="100%" maxCount={5} testId="task-fields" placeholder={t('market.form.fieldsPlaceholder')} />
      </Form.Item>
      <Form.Item name="priority" label={t('market.task.priority')} rules={[{ required: true }]}>
        <Radio.Group options={(['high', 'normal'] as const).map((p) => ({ value: p, label: priorityLabel(t, p) }))} />
      </Form.Item>
    </FormModal>
  );
}
