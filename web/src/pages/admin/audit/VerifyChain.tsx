/** 校验审计链: asks the server to recompute the hash chain and shows the verdict. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { api } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { useI18n } from '../../../lib/i18n.js';
import type { AuditVerifyResult } from '../../../lib/types.js';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; result: AuditVerifyResult } | { kind: 'failed'; message: string };

export function VerifyButton({ onResult }: { onResult: (s: State) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    onResult({ kind: 'busy' });
    try {
      const result = await api.get<AuditVerifyResult>('/audit/verify');
      onResult({ kind: 'done', result });
    } catch (err) {
      onResult({ kind: 'failed', message: errorMessage(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={run} data-testid="audit-verify">
      {t('audit.verify')}
    </Button>
  );
}

export function VerifyResult({ state, onClose }: { state: State; onClose: () => void }) {
  const { t } = useI18n();
  if (state.kind === 'idle' || state.kind === 'busy') return null;
  const common = { showIcon: true, closable: { onClose }, style: { marginBottom: 16 }, 'data-testid': 'audit-verify-result' };
  if (state.kind === 'failed') return <Alert type="error" title={t('audit.verifyFailed')} description={state.message} {...common} />;
  const { result } = state;
  if (result.ok) return <Alert type="success" title={t('audit.verifyOk', { n: result.count })} {...common} />;
  return (
    <Alert
      type="error"
      title={t('audit.verifyBroken', { n: result.count })}
      description={result.firstBad ? t('audit.firstBad', { seq: result.firstBad.seq, reason: result.firstBad.reason }) : undefined}
      {...common}
    />
  );
}

export type VerifyState = State;
