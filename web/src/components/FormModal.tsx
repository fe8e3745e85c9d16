/**
 * A modal holding one vertical form, driven by useModalForm: OK submits the form
 * (and spins while the request runs), Cancel closes.
 */
import { Form, Modal, type ButtonProps, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n.js';
import type { ModalForm } from '../lib/useModalForm.js';
import { PageLoading } from './PageLoading.js';

interface Props<Values> {
  modal: ModalForm<Values>;
  title: ReactNode;
  /** Default 保存. */
  okText?: string;
  width?: number;
  /** true: a spinner instead of the form and OK disabled, until what the initial values need has loaded. */
  loading?: boolean;
  initialValues?: FormProps<Values>['initialValues'];
  autoComplete?: string;
  /** data-testid of the <form>. */
  testId?: string;
  /** data-testid of the OK button. */
  okTestId?: string;
  /** Above the form, e.g. a conflict the server reported. */
  notice?: ReactNode;
  children: ReactNode;
}

export function FormModal<Values>({ modal, title, okText, width, loading, initialValues, autoComplete, testId, okTestId, notice, children }: Props<Values>) {
  const { t } = useI18n();
  return (
    <Modal
      open
      title={title}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={modal.busy}
      onOk={() => modal.form.submit()}
      onCancel={modal.onClose}
      destroyOnHidden
      width={width}
      okButtonProps={{ disabled: loading === true, ...(okTestId ? { 'data-testid': okTestId } : {}) } as ButtonProps}
    >
      {notice}
      {loading ? (
        <PageLoading />
      ) : (
        <Form<Values> form={modal.form} layout="vertical" onFinish={modal.onFinish} initialValues={initialValues} autoComplete={autoComplete} data-testid={testId}>
          {children}
        </Form>
      )}
    </Modal>
  );
}
