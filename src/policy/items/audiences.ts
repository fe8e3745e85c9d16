/**
 * 适用对象 and 申报材料 of the Suzhou items, read from the clause text of policies/suzhou-2026 (the item's
 * `clause` and its article). ITEMS (index.ts) carries them in each item's document, so they are data like the
 * rest of the rule: an administrator changes them by a new version.
 *
 * Sizes: items for 全国重点实验室、国家级创新中心、科技领军企业、离岸创新中心、“一带一路”联合实验室、国家人工智能
 * 重大工程 are built by large and medium organisations (a micro or small firm cannot apply as an enterprise);
 * 苏转保 is for 中小微企业 (measure 13: 许可给中小微企业使用), 高价值专利组合 for 科技型中小企业 (measure 18).
 */
import type { Audience, Material } from '../engine/schema.js';

const BIG: Audience['sizes'] = ['medium', 'large'];

export const AUDIENCES: Record<string, Audience> = {
  'm1.national_key_lab': { applicants: ['institution', 'enterprise'], sizes: BIG, note: '高校院所及大中型企业（全国重点实验室依托单位）' },
  'm1.national_center': { applicants: ['institution', 'enterprise', 'platform_operator'], sizes: BIG, note: '国家级创新中心、重大科技基础设施的建设单位' },
  'm1.advanced_institute': { applicants: ['institution'], note: '高校（高等研究院“促进高校科研成果高水平创造”）' },
  'm1.science_center': { applicants: ['institution'], note: '苏州高等院校（“支持苏州高等院校…争取建设国家基础科学中心”）' },
  'm3.joint_fund': { applicants: ['institution', 'enterprise'], note: '承担联合基金项目的高校院所和企业' },
  'm3.basic_research': { applicants: ['institution', 'enterprise'], sizes: BIG, note: '市基础研究试点单位（高校院所、大中型企业）' },
  'm3.conversion_project': { applicants: ['enterprise', 'institution'], note: '承担重大科技成果转化项目的企业与高校院所' },
  'm3.national_project': { applicants: ['enterprise'], note: '牵头承担国家科技重大专项、国家重点研发计划的企业' },
  'm3.central_local': { applicants: ['enterprise', 'institution'], note: '承担央地协同科技重大项目的单位' },
  'm4.young_scientist': { applicants: ['person', 'enterprise', 'institution'], note: '入选青年科学家的个人（经所在单位申报）' },
  'm4.top_talent': { applicants: ['person', 'enterprise', 'institution'], note: '顶尖人才（团队）及其所在单位' },
  'm4.leading_talent': { applicants: ['person', 'enterprise', 'institution'], note: '领军人才（团队）及其所在单位' },
  'm5.global_rd_center': { applicants: ['enterprise'], sizes: BIG, note: '科技领军企业（大中型）' },
  'm6.rd_institution': { applicants: ['enterprise'], note: '建设研发机构的企业' },
  'm6.new_rd_institute': { applicants: ['institution', 'enterprise'], note: '新型研发机构（可为事业单位、企业或社会服务机构法人）' },
  'm6.foreign_institute': { applicants: ['enterprise'], note: '外资及港澳台企业' },
  'm6.rd_input': { applicants: ['enterprise'], note: '有研发投入的企业' },
  'm7.kczs_hui': { applicants: ['enterprise'], note: '参与科创指数评价的企业' },
  'm7.consortium': { applicants: ['enterprise'], sizes: BIG, note: '牵头组建创新联合体的优质企业' },
  'm7.university_contract': { applicants: ['enterprise'], note: '与高校联合攻关的企业' },
  'm8.equipment': { applicants: ['enterprise'], sectors: ['C'], note: '制造业企业' },
  'm9.challenge': { applicants: ['enterprise', 'institution'], note: '“揭榜挂帅”项目的发榜企业或揭榜单位' },
  'm10.future_institute': { applicants: ['institution', 'platform_operator'], note: '省未来产业（技术）研究院的建设单位' },
  'm10.ai_project': { applicants: ['enterprise', 'institution'], sizes: BIG, note: '承担国家人工智能重大工程和应用场景的单位' },
  'm10.new_track_zone': { applicants: ['government'], note: '省级以上高新区（园区管理机构）' },
  'm12.poc_center': { applicants: ['platform_operator', 'institution'], note: '概念验证、中试验证中心的运营单位' },
  'm12.public_platform': { applicants: ['platform_operator', 'institution'], note: '新建科技公共技术服务平台的建设运营单位' },
  'm12.open_sharing': { applicants: ['platform_operator', 'institution'], note: '开放共享的科技公共技术服务平台' },
  'm12.incubator': { applicants: ['platform_operator'], note: '省级标杆孵化器的运营单位' },
  'm13.insurance': { applicants: ['enterprise'], sizes: ['micro', 'small', 'medium'], note: '获许可使用科技成果的中小微企业' },
  'm14.first_set': { applicants: ['enterprise'], sectors: ['C', 'I'], note: '首台（套）装备、首批次新材料的制造企业与首版次软件企业' },
  'm18.portfolio': { applicants: ['enterprise'], sizes: ['micro', 'small', 'medium'], note: '创新能力强的科技型中小企业' },
  'm18.high_value_share': { applicants: ['enterprise'], note: '知识产权优势企业' },
  'm19.offshore_build': { applicants: ['platform_operator', 'enterprise', 'institution'], sizes: BIG, note: '苏州市海外离岸创新中心的建设运营单位' },
  'm19.offshore_merit': { applicants: ['platform_operator', 'enterprise', 'institution'], sizes: BIG, note: '苏州市海外离岸创新中心的建设运营单位' },
  'm19.joint_lab_national': { applicants: ['institution', 'enterprise'], sizes: BIG, note: '“一带一路”联合实验室的依托单位' },
  'm19.joint_lab_provincial': { applicants: ['institution', 'enterprise'], sizes: BIG, note: '“一带一路”联合实验室的依托单位' },
};

const FORM: Material = { key: 'application_form', label: '项目申报书', required: true, hint: '按申报指南格式填写并盖章' };
const LICENCE: Material = { key: 'licence', label: '营业执照或法人登记证书', required: true };
const credit: Material = { key: 'credit_commitment', label: '信用承诺书', required: true };
const proof = (key: string, label: string, hint?: string): Material => ({ key, label, required: true, ...(hint ? { hint } : {}) });
const optional = (key: string, label: string, hint?: string): Material => ({ key, label, required: false, ...(hint ? { hint } : {}) });
const FINANCE = optional('financial_statements', '上一年度财务审计报告');

/** 申报材料 of the items that take applications (免申即享 items need none). */
export const MATERIALS: Record<string, Material[]> = {
  'm1.national_key_lab': [FORM, LICENCE, proof('approval', '全国重点实验室获批（重组）文件'), proof('construction_plan', '建设运行方案'), credit],
  'm1.national_center': [FORM, LICENCE, proof('approval', '国家级创新中心获批文件或省预研筹建文件'), proof('construction_plan', '建设方案与投资预算'), credit],
  'm1.advanced_institute': [FORM, LICENCE, proof('agreement', '高等研究院共建协议'), proof('construction_plan', '建设方案与经费预算'), credit],
  'm1.science_center': [FORM, LICENCE, proof('approval', '国家基础科学中心/前沿科学中心/基础学科研究中心获批文件'), credit],
  'm3.joint_fund': [FORM, LICENCE, proof('project_contract', '联合基金项目立项通知或任务书'), credit],
  'm3.basic_research': [FORM, LICENCE, proof('pilot_notice', '市基础研究试点单位认定文件'), proof('annual_plan', '年度基础研究项目计划'), credit],
  'm3.conversion_project': [FORM, LICENCE, proof('project_notice', '重大科技成果转化项目立项文件'), FINANCE, credit],
  'm3.national_project': [FORM, LICENCE, proof('task_book', '国家科技重大专项或重点研发计划任务书（牵头单位）'), credit],
  'm3.central_local': [FORM, LICENCE, proof('upper_funding', '上级财政拨款文件及到账凭证', '配套额按上级财政拨款计算'), credit],
  'm4.young_scientist': [FORM, proof('selection', '青年科学家发布入选文件'), proof('employment', '与用人单位的劳动（聘用）合同'), credit],
  'm4.top_talent': [FORM, LICENCE, proof('talent_proof', '顶尖人才（团队）认定或评审材料'), proof('project_plan', '项目实施方案'), credit],
  'm4.leading_talent': [FORM, LICENCE, proof('talent_proof', '领军人才（团队）认定文件或评审材料'), proof('project_plan', '项目实施方案'), credit],
  'm5.global_rd_center': [FORM, LICENCE, proof('construction_plan', '全球研发中心建设方案'), FINANCE, credit],
  'm6.rd_institution': [FORM, LICENCE, proof('recognition', '研发机构认定文件（工程研究中心、企业技术中心、重点实验室等）'), FINANCE, credit],
  'm6.new_rd_institute': [FORM, LICENCE, proof('recognition', '苏州市新型研发机构认定或备案文件'), proof('construction_plan', '建设方案'), credit],
  'm6.foreign_institute': [FORM, LICENCE, proof('foreign_proof', '外资及港澳台企业证明（外商投资企业批准证书或备案回执）'), proof('institute_plan', '研究院建设方案'), credit],
  'm7.consortium': [FORM, LICENCE, proof('consortium_agreement', '创新联合体组建协议'), proof('operation_report', '运营情况报告'), credit],
  'm7.university_contract': [FORM, LICENCE, proof('contract', '与高校签订的技术开发合同（已登记）'), proof('payment', '本年度付款凭证', '按实际成交额计算补助'), credit],
  'm8.equipment': [FORM, LICENCE, proof('project_filing', '技术改造或增资扩产项目备案文件'), proof('equipment_invoices', '设备购置发票及清单', '设备投资额按发票计'), FINANCE, credit],
  'm9.challenge': [FORM, LICENCE, proof('contract', '“揭榜挂帅”技术合同（已登记）'), proof('payment', '合同付款凭证'), credit],
  'm10.future_institute': [FORM, LICENCE, proof('approval', '省未来产业（技术）研究院获批文件'), credit],
  'm10.ai_project': [FORM, LICENCE, proof('approval', '国家人工智能重大工程或应用场景入选文件'), credit],
  'm10.new_track_zone': [FORM, proof('approval', '国家新赛道获评文件'), credit],
  'm12.poc_center': [FORM, LICENCE, proof('approval', '概念验证或中试验证中心认定文件'), proof('operation_report', '运营情况报告'), credit],
  'm12.public_platform': [FORM, LICENCE, proof('investment_proof', '平台建设总投资凭证（审计报告或发票）', '支持额按建设总投资的 20% 计算'), proof('service_plan', '对外服务方案'), credit],
  'm12.open_sharing': [FORM, LICENCE, proof('sharing_report', '开放共享情况报告（服务记录）'), credit],
  'm12.incubator': [FORM, LICENCE, proof('approval', '省级标杆孵化器认定文件'), credit],
  'm13.insurance': [FORM, LICENCE, proof('policy', '“苏转保”保险单'), proof('premium_receipt', '保费支付凭证'), proof('licence_contract', '科技成果许可合同（先使用后付费）'), credit],
  'm14.first_set': [FORM, LICENCE, proof('certification', '首台（套）/首批次/首版次认定文件'), optional('sales_contract', '推广应用合同或销售发票'), credit],
  'm18.portfolio': [FORM, LICENCE, proof('selection', '高价值专利组合培育入选文件'), proof('patent_list', '专利组合清单'), credit],
  'm19.offshore_build': [FORM, LICENCE, proof('construction_plan', '海外离岸创新中心建设方案'), proof('overseas_proof', '境外场地租赁或注册证明'), credit],
  'm19.offshore_merit': [FORM, LICENCE, proof('operation_report', '年度建设运营报告'), credit],
  'm19.joint_lab_national': [FORM, LICENCE, proof('approval', '国家级“一带一路”联合实验室获批文件'), credit],
  'm19.joint_lab_provincial': [FORM, LICENCE, proof('approval', '省级“一带一路”联合实验室获批文件'), credit],
};
