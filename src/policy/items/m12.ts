import type { SupportItem } from '../engine/schema.js';
import { ceilingItem } from './ceiling.js';

/** Measure 12: conversion platforms. */
export const m12Items: SupportItem[] = [
  ceilingItem({
    id: 'm12.poc_center', measure: 12, title: '概念验证、中试验证中心', clause: '加快布局建设一批概念验证、中试验证中心，给予最高200万元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'pocCenterApproved', label: '概念验证/中试验证中心', max: '200万', maxClause: '给予最高200万元支持',
  }),
  {
    id: 'm12.public_platform',
    measure: 12,
    title: '新建科技公共技术服务平台',
    clause: '对新建平台按建设总投资 20%给予最高2000万元支持',
    departments: ['kjj', 'gxj'],
    form: '支持',
    period: 'per_project',
    status: 'draft',
    effective: { from: '2026-01-01' },
    parameters: {
      rate: { kind: 'rate', value: '20%', label: '支持比例', clause: '按建设总投资 20%' },
      max: { kind: 'money', value: '2000万', label: '上限', clause: '给予最高2000万元支持' },
    },
    eligibility: { fact: 'platformInvestment', gt: '0元', label: '建设总投资' },
    amount: { ceiling: { cap: { rate: '$rate', of: 'platformInvestment', rounding: 'floor' }, max: '$max' } },
  },
  ceilingItem({
    id: 'm12.open_sharing', measure: 12, title: '平台开放共享择优支持', clause: '鼓励平台对外开放共享，根据建设情况定期择优给予最高500万元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_year', fact: 'platformOpenSharing', label: '平台开放共享择优', max: '500万', maxClause: '定期择优给予最高500万元支持',
  }),
  ceilingItem({
    id: 'm12.incubator', measure: 12, title: '省级标杆孵化器', clause: '对新获批省级标杆孵化器给予最高100万元支持。',
    departments: ['kjj', 'gxj'], form: '支持', period: 'per_project', fact: 'benchmarkIncubator', label: '新获批省级标杆孵化器', max: '100万', maxClause: '给予最高100万元支持',
  }),
];
