/**
 * A small red link that asks first, then DELETEs `path`: on success a message and
 * `onDone`, on failure the error as a message (nothing else changes).
 */
import { App, Button, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { api } from '../lib/api.js';
import { errorMessage } from '../lib/errors.js';
import { useI18n } from '../lib/i18n.js';

interface Props {
  path: string;
  /** The question in the popover, and an optional line below it. */
  title: string;
  description?: string;
  /** The link's text, also on the confirming button. */
  label: string;
  icon?: ReactNode;
  /** The success message. */
  done: string;
  onDone: () => void;
}

export function ConfirmDelete({ path, title, description, label, icon, done, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const remove = async () => {
    try {
      await api.del(path);
      message.success(done);
      onDone();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <Popconfirm title={title} description={description} okText={label} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={remove}>
      <Button size="small" type="link" danger icon={icon}>
        {label}
      </Button>
    </Popconfirm>
  );
}
