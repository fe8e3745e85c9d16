/**
 * Most clauses promise "最高 X" for a status the enterprise holds (a project
 * approved, a title awarded). They share one shape: a yes/no fact as the
 * condition and a ceiling decided by review. This builder keeps those items short.
 */
import type { SupportItem } from '../engine/schema.js';

export function ceilingItem(spec: {
  id: string;
  measure: number;
  title: string;
  clause: string;
  departments: string[];
  form: SupportItem['form'];
  period: SupportItem['period'];
  fact: string;
  label: string;
  max: string;
  maxClause: string;
}): SupportItem {
  return {
    id: spec.id,
    measure: spec.measure,
    title: spec.title,
    clause: spec.clause,
    departments: spec.departments,
    form: spec.form,
    period: spec.period,
    status: 'draft',
    effective: { from: '2026-01-01' },
    parameters: { max: { kind: 'money', value: spec.max, label: '上限', clause: spec.maxClause } },
    eligibility: { fact: spec.fact, is: true, label: spec.label },
    amount: { ceiling: '$max' },
  };
}
