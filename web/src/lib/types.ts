/**
 * Types of the API's bodies, inferred from the shared zod schemas
 * (src/shared/api.ts, src/shared/policy.ts) so the web and the server cannot drift apart.
 */
import type { z } from 'zod';
import type * as api from '../../../src/shared/api.js';
import type * as policy from '../../../src/shared/policy.js';

export type Me = z.infer<typeof api.Me>;
export type SessionBody = z.infer<typeof api.SessionBody>;
export type LoginBody = z.infer<typeof api.LoginBody>;
export type ChangePasswordBody = z.infer<typeof api.ChangePasswordBody>;
export type ApiToken = z.infer<typeof api.ApiToken>;
export type CreateTokenBody = z.infer<typeof api.CreateTokenBody>;
export type CreatedToken = z.infer<typeof api.CreatedToken>;

export type District = z.infer<typeof api.District>;
export type Industry = z.infer<typeof api.Industry>;
export type Department = z.infer<typeof api.Department>;
export type Measure = z.infer<typeof api.Measure>;
export type QualificationType = z.infer<typeof api.QualificationType>;
export type CreateQualificationTypeBody = z.infer<typeof api.CreateQualificationTypeBody>;
export type CalendarYear = z.infer<typeof api.CalendarYear>;
export type SaveCalendarBody = z.infer<typeof api.SaveCalendarBody>;

export type OrgSummary = z.infer<typeof api.OrgSummary>;
export type OrgDetail = z.infer<typeof api.OrgDetail>;
/** What the list endpoint accepts, before defaults are applied. */
export type OrgListQuery = z.input<typeof api.OrgListQuery>;
/** The create form works on the input side: `uscc` is a plain string before the server normalises it. */
export type OrgWriteBody = z.input<typeof api.OrgWriteBody>;
export type OrgPatchBody = z.infer<typeof api.OrgPatchBody>;
export type YearlyFiguresBody = z.infer<typeof api.YearlyFiguresBody>;
export type YearlyFigures = z.infer<typeof api.YearlyFigures>;
export type Qualification = z.infer<typeof api.Qualification>;
export type QualificationBody = z.infer<typeof api.QualificationBody>;

export type UserRow = z.infer<typeof api.UserRow>;
export type CreateUserBody = z.infer<typeof api.CreateUserBody>;
export type PatchUserBody = z.infer<typeof api.PatchUserBody>;

export type AuditRecord = z.infer<typeof api.AuditRecord>;
export type AuditVerifyResult = z.infer<typeof api.AuditVerifyResult>;
export type Health = z.infer<typeof api.Health>;

export type PolicyItemSummary = z.infer<typeof policy.PolicyItemSummary>;
export type ItemResult = z.infer<typeof policy.ItemResult>;
export type DeclaredFacts = z.infer<typeof policy.DeclaredFacts>;
export type EvaluateBody = z.infer<typeof policy.EvaluateBody>;
export type CheckedItem = z.infer<typeof policy.CheckedItem>;
export type SaveItemBody = z.infer<typeof policy.SaveItemBody>;
export type SavedItem = z.infer<typeof policy.SavedItem>;
export type ItemVersionView = z.infer<typeof policy.ItemVersionView>;
export type MeasureCoverage = z.infer<typeof policy.MeasureCoverage>;
export type RunItem = z.infer<typeof policy.RunItem>;
export type RunView = z.infer<typeof policy.RunView>;
export type RunTotal = z.infer<typeof policy.RunTotal>;
export type RunDetail = z.infer<typeof policy.RunDetail>;
export type EligibleEnterprise = z.infer<typeof policy.EligibleEnterprise>;
export type EnterpriseBenefit = z.infer<typeof policy.EnterpriseBenefit>;
export type Benefits = z.infer<typeof policy.Benefits>;
export type WhatIfBody = z.infer<typeof policy.WhatIfBody>;
export type WhatIfResult = z.infer<typeof policy.WhatIfResult>;
export type WhatIfTally = WhatIfResult['items'][number]['before'];

export type ErrorBody = z.infer<typeof api.ErrorBody>;
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** A page of a paged list endpoint. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface Items<T> {
  items: T[];
}
export type FactView = z.infer<typeof policy.FactView>;
export type ProposalSummary = z.infer<typeof policy.ProposalSummary>;
export type ProposalView = z.infer<typeof policy.ProposalView>;
export type ProposalStatus = z.infer<typeof policy.ProposalStatus>;
export type TryItemBody = z.input<typeof policy.TryItemBody>;
export type PolicySummary = z.infer<typeof policy.PolicySummary>;
export type PolicyDetail = z.infer<typeof policy.PolicyDetail>;
