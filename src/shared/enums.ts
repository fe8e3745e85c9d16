/** Enumerations shared by the server, the web client and the docs. Labels are Chinese first. */

export const ROLES = ['enterprise', 'institution', 'official', 'expert', 'tech_manager', 'commissioner', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  enterprise: { zh: '企业用户', en: 'Enterprise user' },
  institution: { zh: '高校院所用户', en: 'Institution user' },
  official: { zh: '部门工作人员', en: 'Department official' },
  expert: { zh: '评审专家', en: 'Expert reviewer' },
  tech_manager: { zh: '技术经理人', en: 'Technology manager' },
  commissioner: { zh: '成果转化专员', en: 'Commissioner' },
  finance: { zh: '金融机构用户', en: 'Financial-institution user' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const ORG_KINDS = ['enterprise', 'university', 'institute', 'government', 'financial', 'service_agency'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高校', en: 'University' },
  institute: { zh: '科研院所', en: 'Research institute' },
  government: { zh: '政府部门', en: 'Government department' },
  financial: { zh: '金融机构', en: 'Financial institution' },
  service_agency: { zh: '服务机构', en: 'Service agency' },
};

/** Which organisation kind each role's account must belong to (null: none required). */
export const ROLE_ORG_KIND: Record<Role, OrgKind[] | null> = {
  enterprise: ['enterprise'],
  institution: ['university', 'institute'],
  official: null, // bound to a department; its organisation is that department's government organisation
  expert: null,
  tech_manager: null,
  commissioner: null,
  finance: ['financial'],
  admin: null,
};

/** 企业规模 (统计上大中小微型企业划分办法). */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const SIZE_BAND_LABELS: Record<SizeBand, { zh: string; en: string }> = {
  micro: { zh: '微型', en: 'Micro' },
  small: { zh: '小型', en: 'Small' },
  medium: { zh: '中型', en: 'Medium' },
  large: { zh: '大型', en: 'Large' },
};

export const QUALIFICATION_LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];
export const QUALIFICATION_LEVEL_LABELS: Record<QualificationLevel, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  district: { zh: '区级', en: 'District' },
};

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AUDIT_RESULTS = ['ok', 'denied', 'error'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];
