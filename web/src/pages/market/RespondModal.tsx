/**
 * 响应需求 (POST /api/market/demands/:id/responses { achievementId, note? }): an institution proposes
 * one of its own achievements (GET /api/market/achievements?ownerOrgId=…) for a demand, with an
 * optional message. The pair enters 对接 (or stays where it is when it is already under way) and the
 * enterprise is notified; the server's errors land under their field.
 */
import { Alert, App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors.js';
import { z } from 'zod';
import { FormModal } from '../../components/FormModal.js';
import { api } from '../../lib/api.js';
import { useMe } from '../../lib/session.js';
import type { Paged } from '../../lib/types.js';
import { useApi } from '../../lib/useApi.js';
import { useModalForm } from '../../lib/useModalForm.js';
import { stageLabel } from './labels.js';
import type { Achievement } from './types.js';
import { useMarketI18n, type MarketT } from './words.js';

interface Values {
  achievementId?: number;
  note?: string;
}
type Body = { achievementId: number; note?: string };
export interface RespondResult {
  matchId: number;
  stage: string;
  created: boolean;
  moved: boolean;
}

const bodySchema = (t: MarketT) =>
  z.strictObject({
    achievementId: z.number({ error: t('market.x.r.achievementRequired') }).int().positive(),
    note: z.string().max(500, { error: t('market.x.r.messageMax') }).optional(),
  });

/** Sends a response and says what happened (a new or moved match, or one already under way). */
export async function sendResponse(demandId: number, body: Body, say: { success: (s: string) => void; info: (s: string) => void }, t: MarketT, by: 'institution' | 'enterprise' = 'institution'): Promise<RespondResult> {
  const r = await api.post<RespondResult>(`/market/demands/${demandId}/responses`, body);
  if (r.created || r.moved) say.success(by === 'institution' ? t('market.x.r.done') : t('market.x.r.contacted'));
  else say.info(t('market.x.r.already', { stage: stageLabel(t, r.stage) }));
  return r;
}

export function RespondModal({ demand, onClose, onDone }: { demand: { id: number; title: string }; onClose: () => void; onDone: () => void }) {
  const { t } = useMarketI18n();
  const me = useMe();
  const { message } = App.useApp();
  const own = useApi<Paged<Achievement>>(me.orgId ? '/market/achievements' : null, { ownerOrgId: me.orgId ?? undefined, pageSize: 200 });
  const modal = useModalForm<Values, Body>({
    fields: ['achievementId', 'note'],
    toBody: (v) => ({ achievementId: v.achievementId as number, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    schema: bodySchema(t),
    send: async (body) => {
      await sendResponse(demand.id, body, message, t);
      onDone();
    },
    onClose,
  });
  const options = (own.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }));
  return (
    <FormModal<Values>
      modal={modal}
      title={t('market.x.r.title', { title: demand.title })}
      okText={t('market.x.r.respond')}
      loading={!own.data && !own.error}
      testId="demand-respond-form"
      okTestId="form-submit"
      notice={<Alert type="info" showIcon title={own.data && options.length === 0 ? t('market.x.r.noAchievements') : t('market.x.r.note')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="achievementId" label={t('market.x.r.achievement')} rules={[{ required: true, message: t('market.x.r.achievementRequired') }]}>
        <Select options={options} showSearch optionFilterProp="label" data-testid="demand-respond-achievement" />
      </Form.Item>
      <Form.Item name="note" label={t('market.x.r.message')} extra={t('market.x.r.messageHint')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="demand-respond-note" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * One click on a listed match not yet in the pipeline: the institution responds with its achievement
 * (响应需求), or the demand's enterprise gets in touch (发起对接). Errors are said in a message.
 */
export function RespondButton({ demandId, achievementId, by, onDone }: { demandId: number; achievementId: number; by: 'institution' | 'enterprise'; onDone: () => void }) {
  const { t } = useMarketI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="small"
      type="primary"
      ghost
      loading={busy}
      data-testid={by === 'institution' ? 'match-candidate-respond' : 'match-candidate-contact'}
      onClick={async () => {
        setBusy(true);
        try {
          await sendResponse(demandId, { achievementId }, message, t, by);
          onDone();
        } catch (e) {
          message.error(errorMessage(e, t));
        } finally {
          setBusy(false);
        }
      }}
    >
      {by === 'institution' ? t('market.x.r.respondWith') : t('market.x.r.contact')}
    </Button>
  );
}
