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

/** "body.uscc", "/body/uscc", "uscc" → "uscc"; "details.0.name" stays a path; "fields[2]" → "fields.2". */
export function normaliseField(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\/+/, '')
    .split(/[./]/)
    .filter((part) => part !== '' && part !== 'body')
    .join('.');
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The field errors an ApiError carries: each of `details`, plus `field` with the
 * message when no detail names that field (a validation error's message repeats
 * its first detail with the field path in front).
 */
export function fieldErrors(err: Pick<ApiError, 'field' | 'message' | 'details'>): FieldError[] {
  const list: FieldError[] = err.details.map((d) => ({ field: normaliseField(d.field), message: d.message }));
  if (err.field) {
    const field = normaliseField(err.field);
    if (!list.some((e) => e.field === field)) list.unshift({ field, message: err.message });
  }
  return list;
}

/**
 * The form field an error path belongs to: the path itself, or else its nearest
 * listed ancestor ("keywords.0" → "keywords" when only the list is a form field).
 */
export function placeField(field: string, fields: readonly string[]): string | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (fields.includes(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Puts field errors under the matching form fields (or their nearest listed
 * ancestor). Returns true when at least one was placed, so the caller shows a
 * general message only otherwise.
 */
export function applyFieldErrors<Values>(form: FormInstance<Values>, errors: FieldError[], fields: readonly string[]): boolean {
  const byField = new Map<string, string[]>();
  for (const e of errors) {
    const field = placeField(e.field, fields);
    if (field === undefined) continue;
    const messages = byField.get(field) ?? [];
    if (!messages.includes(e.message)) byField.set(field, [...messages, e.message]);
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
