import type { Role } from '../../../../src/shared/enums.js';
import type { Label } from '../../lib/i18n.js';

/** What each kind of user comes to the platform for (DESIGN.md §1). A Record, so a new role must be described. */
export const ROLE_INTRO: Record<Role, Label> = {
  enterprise: {
    zh: '查看适用于本企业的政策措施及可获支持（数据充分时免申即享），在线申报，发布技术需求，寻找成果与专家，参与揭榜挂帅，查看科创指数及提升路径，并可授权银行查看。',
    en: 'See which measures fit your enterprise and how much (no application needed where data allows), apply, post technology demands, find achievements and experts, answer open challenges, see your innovation index, and share it with a bank.',
  },
  institution: {
    zh: '披露科技成果（成熟度、估值、转化方式），寻找存在匹配技术难题的企业，开展先使用后付费许可。',
    en: 'Disclose achievements (TRL, valuation, conversion mode), find enterprises with matching problems, and license use-first-pay-later.',
  },
  official: {
    zh: '推进本部门负责的政策措施：筛选、审核、审批、拨付，跟踪预算与目标。',
    en: 'Run the measures your department is responsible for: screen, review, approve, pay, and track budgets and targets.',
  },
  expert: {
    zh: '对分配给您的申报项目和揭榜方案进行评审打分。',
    en: 'Score the applications and challenge bids assigned to you.',
  },
  tech_manager: {
    zh: '撮合技术需求与科技成果，记录为企业提供的服务。',
    en: 'Broker matches between demands and achievements, and log your services to enterprises.',
  },
  commissioner: {
    zh: '作为成果转化专员，对接企业与高校院所，记录服务与成效。',
    en: 'As a commissioner, connect enterprises with universities and institutes, and log services and results.',
  },
  finance: {
    zh: '经企业授权，查看企业科创指数等级及其原因，支持指数贷等科技金融产品。',
    en: 'With the enterprise\'s consent, see its innovation-index grade and reasons to support index-based lending.',
  },
  admin: {
    zh: '管理用户、参考数据、规则与指数方法版本，核查审计日志。',
    en: 'Manage users, reference data, rule and index-method versions, and check the audit log.',
  },
};
