import { Button, Result } from 'antd';
import type { ApiError } from '../lib/api.js';
import { errorMessage } from '../lib/errors.js';
import { useI18n } from '../lib/i18n.js';

/** A failed load: what went wrong and a way to try again. */
export function ErrorState({ error, onRetry, title }: { error: ApiError; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const status = error.status === 403 ? '403' : error.status === 404 ? '404' : 'error';
  const heading =
    title ?? (error.status === 403 ? t('error.forbidden') : error.status === 404 ? t('error.notFound') : t('error.loadFailed'));
  return (
    <Result
      status={status}
      title={heading}
      subTitle={errorMessage(error, t)}
      extra={onRetry && error.status !== 403 && error.status !== 404 ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    />
  );
}
