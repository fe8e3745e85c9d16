/** One place that turns any failure into a sentence for the user. */
import { ApiError } from './api.js';
import type { MessageKey } from './messages.js';

export function errorMessage(err: unknown, t: (key: MessageKey) => string): string {
  if (err instanceof ApiError) {
    if (err.code === 'network_error') return t('error.network');
    if (err.status === 429) return err.message || t('error.tooMany');
    if (err.status >= 500 && !err.message) return t('error.server');
    return err.message || t('error.unknown');
  }
  if (err instanceof Error) return err.message;
  return t('error.unknown');
}
