/**
 * 人工复核 on an enterprise's 科创指数 page, for a grade the robustness analysis flagged: the status (待复核 /
 * 已确认 / 已调整), every decision with its reason (the reviewer's name only for the departments), and — for officials
 * and administrators on the latest run — 确认计算等级 or 调整等级 (a grade of the run's method) with a reason:
 * POST /api/index/runs/:id/reviews. The server's refusals show under their fields; nothing typed is lost.
 */
import { App, Button, Card, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../lib/api.js';
import { formatDateTime } from '../../lib/dates.js';
import { errorMessage } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';
import type { EnterpriseIndex, GradeDef } from './types.js';

export function GradeReview({ d, grades, canDecide, onDone }: { d: EnterpriseIndex; grades: readonly GradeDef[]; canDecide: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<'confirm' | 'adjust'>('confirm');
  const [grade, setGrade] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (d.review.status === 'none') return null;

  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      await api.post(`/index/runs/${d.run.id}/reviews`, { orgId: d.orgId, decision, ...(decision === 'adjust' ? { grade } : {}), reason });
      message.success(t('index.reviewForm.saved'));
      setReason('');
      onDone();
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      setErrors({ [field && ['grade', 'reason', 'decision'].includes(field) ? field : 'form']: errorMessage(e, t) });
    } finally {
      setBusy(false);
    }
  };
  const statusColor = d.review.status === 'pending' ? 'orange' : d.review.status === 'adjusted' ? 'blue' : 'green';

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space wrap>
          {t('index.reviewForm.title')}
          <Tag color={statusColor} data-testid="index-review-status" data-status={d.review.status}>
            {t(`index.reviewForm.status.${d.review.status}`)}
          </Tag>
        </Space>
      }
      data-testid="index-review"
    >
      <Typography.Paragraph type="secondary">{t('index.reviewForm.intro', { grade: d.computedGrade ?? '—' })}</Typography.Paragraph>
      {d.review.history.length ? (
        <List
          size="small"
          dataSource={d.review.history}
          data-testid="index-review-history"
          renderItem={(h) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <Tag color={h.current ? 'blue' : 'default'}>{h.decisionLabel}</Tag>
                  <span>
                    {h.gradeBefore} → {h.grade}
                  </span>
                  <Typography.Text type="secondary">
                    {formatDateTime(h.at)}
                    {h.by ? ` · ${h.by}` : ''}
                  </Typography.Text>
                </Space>
                <Typography.Text>{h.reason}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
      {canDecide ? (
        <Form layout="vertical" style={{ marginTop: 12, maxWidth: 560 }} data-testid="index-review-form" onFinish={() => void submit()}>
          <Form.Item label={t('index.reviewForm.decision')} validateStatus={errors.decision ? 'error' : undefined} help={errors.decision}>
            <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'confirm' | 'adjust')} data-testid="index-review-decision">
              <Radio value="confirm">{t('index.reviewForm.confirm', { grade: d.computedGrade ?? '—' })}</Radio>
              <Radio value="adjust">{t('index.reviewForm.adjust')}</Radio>
            </Radio.Group>
          </Form.Item>
          {decision === 'adjust' ? (
            <Form.Item label={t('index.reviewForm.grade')} required validateStatus={errors.grade ? 'error' : undefined} help={errors.grade}>
              <Select
                value={grade}
                onChange={setGrade}
                options={grades.filter((g) => g.grade !== d.computedGrade).map((g) => ({ value: g.grade, label: `${g.grade} ${g.label}` }))}
                placeholder={t('index.reviewForm.gradePlaceholder')}
                data-testid="index-review-grade"
                style={{ width: 200 }}
              />
            </Form.Item>
          ) : null}
          <Form.Item label={t('index.reviewForm.reason')} required validateStatus={errors.reason ? 'error' : undefined} help={errors.reason ?? errors.form}>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} data-testid="index-review-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="index-review-submit">
            {t('index.reviewForm.submit')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
