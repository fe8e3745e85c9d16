/**
 * The submit path every form modal shares: values → request body, the shared zod
 * schema checked in the browser first, then the request; a server error naming a
 * field lands under that field, any other error becomes a message. On success
 * `send` reports and closes the modal itself, so the OK button stays busy until then.
 */
import { App, Form, type FormInstance } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { errorMessage } from './errors.js';
import { applyApiError, applyFieldErrors, zodFieldErrors } from './forms.js';
import { useI18n } from './i18n.js';

export interface ModalFormOptions<Values, Body> {
  /** The form fields server and zod errors may be placed under. */
  fields: readonly string[];
  /** null: nothing to send (e.g. nothing changed), the modal just closes. */
  toBody: (values: Values) => Body | null;
  /** Checked before sending; its issues are placed under the fields. */
  schema?: z.ZodType;
  /** Sends the body; on success reports and closes (it may throw an ApiError). */
  send: (body: Body, values: Values) => Promise<void>;
  onClose: () => void;
}

/** What <FormModal> needs; `form` is also there for Form.useWatch. */
export interface ModalForm<Values> {
  form: FormInstance<Values>;
  busy: boolean;
  onFinish: (values: Values) => Promise<void>;
  onClose: () => void;
}

export function useModalForm<Values, Body>({ fields, toBody, schema, send, onClose }: ModalFormOptions<Values, Body>): ModalForm<Values> {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: Values) => {
    const body = toBody(values);
    if (body === null) {
      onClose();
      return;
    }
    const checked = schema?.safeParse(body);
    if (checked && !checked.success) {
      applyFieldErrors(form, zodFieldErrors(checked.error.issues), fields);
      return;
    }
    setBusy(true);
    try {
      await send(body, values);
    } catch (err) {
      if (!applyApiError(form, err, fields)) message.error(errorMessage(err, t));
      setBusy(false);
    }
  };

  return { form, busy, onFinish, onClose };
}
