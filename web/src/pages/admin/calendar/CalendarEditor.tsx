/**
 * One year's days as an editable table (a Form.List): date (a picker kept to the year),
 * 放假 / 调休上班, name, weekday; add and remove rows; 保存 sends the whole year
 * (PUT /api/reference/calendar/:year, rows in the table's order). A 400's problems are
 * placed on their rows and fields (placeRowErrors) and the table keeps what was typed;
 * editing a row drops its server messages until the next save. An empty year is
 * saved only after a confirmation.
 */
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, Radio, Table, Tag, Tooltip, Typography, type ButtonProps, type TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { ApiError, api } from '../../../lib/api.js';
import { fromIsoDate, toIsoDate } from '../../../lib/dates.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import type { CalendarYear, SaveCalendarBody } from '../../../lib/types.js';
import { clearRow, isWeekend, placeRowErrors, removeRow, toBody, weekdayIndex, type DayField, type DayKind, type RowErrors } from './calendarForm.js';

interface FormRow {
  date?: Dayjs | null;
  kind: DayKind;
  name?: string;
}
interface Values {
  days: FormRow[];
}
type ListField = { key: number; name: number };

const rowTestId = (id: string) => ({ 'data-testid': id }) as HTMLAttributes<HTMLElement>;
const NEW_ROW: FormRow = { date: null, kind: 'holiday', name: '' };

export function CalendarEditor({ data, onSaved, onDirty }: { data: CalendarYear; onSaved: (saved: CalendarYear) => void; onDirty: (dirty: boolean) => void }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const rows = Form.useWatch('days', form);
  const [errors, setErrors] = useState<RowErrors>({});
  // What the last failed save said beyond the rows (the year, the list, a refusal); row messages live in `errors`.
  const [other, setOther] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const year = data.year;
  const first = dayjs(`${year}-01-01`);
  const last = dayjs(`${year}-12-31`);
  const weekdays = t('calendar.weekdayNames').split(',');
  const initialValues: Values = { days: data.days.map((d) => ({ date: fromIsoDate(d.date) ?? null, kind: d.kind, name: d.name })) };

  /** Server messages on a cell: shown in place of the field's own help until the row is edited. */
  const serverHelp = (row: number, field: DayField) => {
    const messages = errors[row]?.[field];
    return messages?.length ? { validateStatus: 'error' as const, help: messages.join('；') } : {};
  };
  const edited = (row: number) => setErrors((e) => clearRow(e, row));
  /** Server messages still standing on rows (a row's go once it is edited). */
  const onRows = Object.values(errors).reduce((n, r) => n + Object.values(r).reduce((m, list) => m + (list?.length ?? 0), 0), 0);

  const send = async (body: SaveCalendarBody) => {
    setBusy(true);
    try {
      const saved = await api.put<CalendarYear>(`/reference/calendar/${year}`, body);
      message.success(t('calendar.saved', { year }));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const placed = placeRowErrors(err, body.days.length);
        setErrors(placed.rows);
        setOther(placed.other);
      } else {
        setOther([errorMessage(err, t)]);
      }
      setBusy(false);
    }
  };

  const onFinish = (values: Values) => {
    const body = toBody((values.days ?? []).map((r) => ({ date: toIsoDate(r.date), kind: r.kind, name: r.name ?? '' })));
    setOther([]);
    if (body.days.length > 0) {
      void send(body);
      return;
    }
    modal.confirm({
      title: t('calendar.clearConfirm'),
      content: t('calendar.clearHint', { year }),
      okText: t('calendar.clearOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'calendar-clear-ok' } as ButtonProps,
      onOk: () => send(body),
    });
  };

  const columns = (remove: (index: number) => void): TableProps<ListField>['columns'] => [
    {
      title: '#',
      key: 'n',
      width: 48,
      render: (_, field) => <Typography.Text type="secondary">{field.name + 1}</Typography.Text>,
    },
    {
      title: t('calendar.date'),
      key: 'date',
      width: 190,
      render: (_, field) => (
        <Form.Item
          name={[field.name, 'date']}
          style={{ margin: 0 }}
          rules={[
            { required: true, message: t('calendar.dateRequired') },
            {
              validator: async (_rule, value: Dayjs | null | undefined) => {
                if (value && value.year() !== year) throw new Error(t('calendar.dateOutside', { year }));
              },
            },
          ]}
          {...serverHelp(field.name, 'date')}
        >
          <DatePicker
            minDate={first}
            maxDate={last}
            defaultPickerValue={first}
            format="YYYY-MM-DD"
            style={{ width: 160 }}
            onChange={() => edited(field.name)}
            data-testid="calendar-date"
          />
        </Form.Item>
      ),
    },
    {
      title: t('calendar.weekday'),
      key: 'weekday',
      width: 120,
      render: (_, field) => {
        const date = toIsoDate(rows?.[field.name]?.date);
        if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Flex gap={6} align="center" data-testid="calendar-weekday">
            <span>{weekdays[weekdayIndex(date)]}</span>
            {isWeekend(date) ? <Tag>{t('calendar.weekend')}</Tag> : null}
          </Flex>
        );
      },
    },
    {
      title: t('calendar.kind'),
      key: 'kind',
      width: 280,
      render: (_, field) => (
        <Form.Item name={[field.name, 'kind']} style={{ margin: 0 }} rules={[{ required: true }]} {...serverHelp(field.name, 'kind')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="small"
            onChange={() => edited(field.name)}
            options={[
              { value: 'holiday', label: t('calendar.kind.holiday') },
              { value: 'workday', label: t('calendar.kind.workday') },
            ]}
            data-testid="calendar-kind"
          />
        </Form.Item>
      ),
    },
    {
      title: t('calendar.name'),
      key: 'name',
      render: (_, field) => (
        <Form.Item
          name={[field.name, 'name']}
          style={{ margin: 0 }}
          rules={[
            { required: true, whitespace: true, message: t('calendar.nameRequired') },
            { max: 20, message: t('calendar.nameMax') },
          ]}
          {...serverHelp(field.name, 'name')}
        >
          <Input maxLength={20} placeholder={t('calendar.namePlaceholder')} onChange={() => edited(field.name)} style={{ maxWidth: 240 }} data-testid="calendar-name" />
        </Form.Item>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, field) => (
        <Tooltip title={t('calendar.remove')}>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('calendar.remove')}
            onClick={() => {
              remove(field.name);
              setErrors((e) => removeRow(e, field.name));
            }}
            data-testid="calendar-remove"
          />
        </Tooltip>
      ),
    },
  ];

  return (
    <Form<Values>
      form={form}
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={() => onDirty(true)}
      autoComplete="off"
      data-testid="calendar-form"
    >
      {onRows > 0 || other.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('calendar.notSaved')}
          description={
            <>
              {onRows > 0 ? <div>{t('calendar.rowErrors', { n: onRows })}</div> : null}
              {other.map((m) => (
                <div key={m}>{m}</div>
              ))}
            </>
          }
          style={{ marginBottom: 16 }}
          data-testid="calendar-save-error"
        />
      ) : null}
      <Form.List name="days">
        {(fields, { add, remove }) => (
          <>
            <Table<ListField>
              size="small"
              rowKey="key"
              columns={columns(remove)}
              dataSource={fields}
              pagination={false}
              scroll={{ x: 900 }}
              onRow={(field) => rowTestId(`calendar-row-${field.name}`)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} data-testid="calendar-empty" /> }}
              data-testid="calendar-table"
            />
            <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 12 }}>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  add({ ...NEW_ROW });
                  onDirty(true);
                }}
                data-testid="calendar-add"
              >
                {t('calendar.add')}
              </Button>
              <Flex gap={12} align="center">
                <Typography.Text type="secondary">{t('calendar.rowCount', { n: fields.length })}</Typography.Text>
                {/* Not a submit button: Enter in a cell (it commits a typed date) must not save the year. */}
                <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => form.submit()} data-testid="calendar-save">
                  {t('common.save')}
                </Button>
              </Flex>
            </Flex>
          </>
        )}
      </Form.List>
    </Form>
  );
}
