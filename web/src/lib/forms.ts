/**
 * Bridges between antd forms, the shared zod schemas and the server's errors:
 * one schema validates a field in the browser and the same body on the server,
 * and a server error naming a field lands under that field.
 */
import type { FormInstance, FormRule as Rule } from 'antd';
import type { z } from 'zod';
import { ApiError } from './api.js';

/** An antd rule that runs a zod schema on the field's value (empty values are left to `required`). */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

/** An antd rule: a filled-in value must equal another field's (the repeated password). */
export function sameAs(field: string, message: string): Rule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value && value !== getFieldValue(field)) throw new Error(message);
    },
  });
}

/** "body.uscc", "/body/uscc", "uscc" → "uscc"; "details.0.name" stays a path. */
export function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .split(/[./]/)
    .filter((part) => part !== '' && part !== 'body')
    .join('.');
}

export interface FieldError {
  field: string;
  message: string;
}

/** The field errors an ApiError carries: `field` with the message, plus each of `details`. */
export function fieldErrors(err: ApiError): FieldError[] {
  const list: FieldError[] = [];
  if (err.field) list.push({ field: normaliseField(err.field), message: err.message });
  for (const d of err.details) list.push({ field: normaliseField(d.field), message: d.message });
  return list;
}

/**
 * Puts field errors under the matching form fields. Returns true when at least
 * one was placed, so the caller shows a general message only otherwise.
 */
export function applyFieldErrors<Values>(form: FormInstance<Values>, errors: FieldError[], fields: readonly string[]): boolean {
  const byField = new Map<string, string[]>();
  for (const e of errors) {
    if (!fields.includes(e.field)) continue;
    byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, messages]) => ({ name: name.split('.'), errors: messages })) as Parameters<FormInstance<Values>['setFields']>[0]);
  return true;
}

export function applyApiError<Values>(form: FormInstance<Values>, err: unknown, fields: readonly string[]): boolean {
  return err instanceof ApiError ? applyFieldErrors(form, fieldErrors(err), fields) : false;
}

/** zod issues (e.g. a body's cross-field checks) → field errors. */
export function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
}
