/**
 * The market's own words for its newer pages (owners' editing, the new filters, parties ranked
 * with reasons, 专家库), beside the app dictionary in web/src/lib/messages.ts: Chinese first, every
 * key with an English twin (the type makes a missing one a compile error). words.test.ts keeps
 * the keys apart from the app dictionary's and the placeholders equal in both languages, so the
 * two can be merged by moving the lines. useMarketI18n() looks a key up here, else in the app's.
 */
import { useMemo } from 'react';
import { format, useI18n, type Vars } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';

const zh = {
  'market.x.edit': '修改',
  'market.x.saved': '已保存修改',
  'market.x.savedFields': '已保存修改：{fields}',
  'market.x.savedNoChange': '内容未变，信息确认日已更新为今天',

  'market.x.a.editTitle': '修改成果',
  'market.x.a.status': '转化状态',
  'market.x.a.statusHint': '对接进程推进到洽谈、转化时也会自动更新',
  'market.x.a.statusRequired': '请选择转化状态',
  'market.x.a.staleTitle': '数据超过一年未更新',
  'market.x.a.staleOwner': '成果信息最后确认于 {date}。请核对后保存（内容不变也可直接保存），信息确认日将更新为今天，“数据待更新”标记随之消除。',
  'market.x.a.staleConfirm': '确认并更新',
  'market.x.a.editNote': '保存后信息确认日更新为今天，并按新内容重新匹配技术需求。',

  'market.x.d.editTitle': '修改需求',
  'market.x.d.editNote': '保存后按新内容重新匹配科技成果。',
  'market.x.d.close': '关闭需求',
  'market.x.d.closeTitle': '关闭需求：{title}',
  'market.x.d.closeNote': '关闭后需求不再参与匹配，也不能再修改；已有的对接进程不受影响。',
  'market.x.d.closeReason': '关闭原因',
  'market.x.d.closeReasonHint': '2–200 字，如：已通过合作开发解决',
  'market.x.d.closeReasonRequired': '请说明关闭原因',
  'market.x.d.closeReasonMin': '原因至少 2 个字',
  'market.x.d.closeReasonMax': '原因不能超过 200 个字',
  'market.x.d.closed': '需求已关闭',
  'market.x.d.closedNote': '该需求已关闭，不再参与匹配。',

  'market.x.filter.district': '区县',
  'market.x.filter.budget': '预算（万元）',
  'market.x.filter.budgetHint': '估值不超过该金额的成果（未估值的也列出）；输入后按回车',
  'market.x.filter.budgetMin': '最低预算（万元）',
  'market.x.filter.budgetMinHint': '预算上限不低于该金额的需求；输入后按回车',
  'market.x.filter.stale': '只看待更新',
  'market.x.filter.trl': '成熟度',
  'market.x.filter.trlHint': '要求的成熟度范围包含该级的需求',
  'market.x.filter.upsideDownEmpty': '请调整成熟度下限或上限',

  'market.x.owner': '成果所属单位：{name}',
  'market.x.org': '发布企业：{name}',

  'market.x.kind.achievements': '相关成果',
  'market.x.kind.demands': '相关需求',
  'market.x.kind.industry': '行业',
  'market.x.kind.index': '科创指数',
  'market.x.kind.affiliation': '单位职称',

  'market.x.p.institutions': '能解决的高校院所',
  'market.x.p.institutionsNote': '按各高校院所与本需求最匹配的成果排序，附每项理由与得分。',
  'market.x.p.institutionsNone': '暂无能解决该需求的高校院所',
  'market.x.p.experts': '相关专家',
  'market.x.p.expertsNote': '按专家库中登记的专长与领域排序（不含本企业的专家）。',
  'market.x.p.expertsNone': '专家库中暂无相关专家',
  'market.x.p.enterprises': '潜在承接企业',
  'market.x.p.enterprisesNote': '按企业发布的相关需求、所属行业、科创指数与距离排序，附每项理由与得分。',
  'market.x.p.enterprisesNone': '暂无潜在承接企业',
  'market.x.p.score': '综合 {score}',

  'market.x.m.toFilteredDemand': '查看该需求的对接进程',
  'market.x.m.toFilteredAchievement': '查看该成果的对接进程',
  'market.x.m.mine': '只看我经办的',
  'market.x.m.filterDemand': '技术需求：{title}',
  'market.x.m.filterAchievement': '科技成果：{title}',
  'market.x.m.filterId': '#{id}',
  'market.x.m.broker': '经办人',
  'market.x.m.platform': '平台推荐',

  'market.x.e.title': '专家库',
  'market.x.e.subtitle': '登记专家的单位、职称、技术领域与专长；技术需求据此推荐相关专家。',
  'market.x.e.create': '新增专家',
  'market.x.e.created': '已新增专家：{name}',
  'market.x.e.editTitle': '修改专家档案：{name}',
  'market.x.e.createTitle': '新增专家',
  'market.x.e.updated': '已保存专家档案：{name}',
  'market.x.e.fieldFilter': '按技术领域筛选',
  'market.x.e.name': '姓名',
  'market.x.e.nameRequired': '请填写姓名',
  'market.x.e.org': '所属单位',
  'market.x.e.orgHint': '可不填；单位用于回避本单位的需求与评审',
  'market.x.e.orgOffice': '所属单位与回避单位关系到评审回避，由主管部门维护；如有变动请联系主管部门',
  'market.x.e.avoid': '回避单位',
  'market.x.e.avoidHint': '所属单位以外须回避的单位（如原任职单位、亲属任职单位）；这些单位申报或作为合作单位的项目，该专家不得评审',
  'market.x.e.noOrg': '未登记单位',
  'market.x.e.titleLabel': '职称',
  'market.x.e.titlePlaceholder': '如：教授、高级工程师',
  'market.x.e.fields': '技术领域',
  'market.x.e.expertise': '专长',
  'market.x.e.expertiseHint': '10–2000 字：研究方向、擅长解决的问题；需求按这段文字与专家匹配',
  'market.x.e.expertiseRequired': '请填写专长描述',
  'market.x.e.userId': '关联专家账号（用户编号）',
  'market.x.e.userIdHint': '可不填；关联后专家本人可在“我的专家档案”中维护',
  'market.x.e.account': '关联账号',
  'market.x.e.accountId': '用户 #{id}',
  'market.x.e.noAccount': '未关联',
  'market.x.e.active': '状态',
  'market.x.e.activeOn': '在库',
  'market.x.e.activeOff': '已停用',
  'market.x.e.empty': '专家库中还没有专家',
  'market.x.e.emptyFiltered': '该领域暂无专家',
  'market.x.e.mineTitle': '我的专家档案',
  'market.x.e.mineSubtitle': '您在专家库中的档案：技术需求按这里的领域与专长推荐专家。',
  'market.x.e.none': '尚未建立专家档案，请联系科技部门',
  'market.x.e.editMine': '修改档案',
} as const;

export type MarketKey = keyof typeof zh;

const en: Record<MarketKey, string> = {
  'market.x.edit': 'Edit',
  'market.x.saved': 'Changes saved',
  'market.x.savedFields': 'Changes saved: {fields}',
  'market.x.savedNoChange': 'Nothing changed; confirmed as of today',

  'market.x.a.editTitle': 'Edit the achievement',
  'market.x.a.status': 'Conversion status',
  'market.x.a.statusHint': 'The pipeline also updates it when a match reaches negotiation or conversion',
  'market.x.a.statusRequired': 'Choose the conversion status',
  'market.x.a.staleTitle': 'Not updated for over a year',
  'market.x.a.staleOwner': 'Last confirmed on {date}. Check and save (saving unchanged is fine): the confirmation date becomes today and the "needs update" flag goes.',
  'market.x.a.staleConfirm': 'Confirm and update',
  'market.x.a.editNote': 'Saving sets the confirmation date to today and matches the new content with demands again.',

  'market.x.d.editTitle': 'Edit the demand',
  'market.x.d.editNote': 'Saving matches the new content with achievements again.',
  'market.x.d.close': 'Close the demand',
  'market.x.d.closeTitle': 'Close: {title}',
  'market.x.d.closeNote': 'A closed demand is no longer matched and cannot be edited; matches under way are not affected.',
  'market.x.d.closeReason': 'Reason',
  'market.x.d.closeReasonHint': '2–200 characters, e.g. solved through joint development',
  'market.x.d.closeReasonRequired': 'Give the reason for closing',
  'market.x.d.closeReasonMin': 'At least 2 characters',
  'market.x.d.closeReasonMax': 'At most 200 characters',
  'market.x.d.closed': 'Demand closed',
  'market.x.d.closedNote': 'This demand is closed and no longer matched.',

  'market.x.filter.district': 'District',
  'market.x.filter.budget': 'Budget (10k yuan)',
  'market.x.filter.budgetHint': 'Achievements valued at most this much (unvalued ones too); press Enter',
  'market.x.filter.budgetMin': 'Minimum budget (10k yuan)',
  'market.x.filter.budgetMinHint': 'Demands whose budget reaches at least this much; press Enter',
  'market.x.filter.stale': 'Needing update only',
  'market.x.filter.trl': 'Readiness',
  'market.x.filter.trlHint': 'Demands whose required range includes this level',
  'market.x.filter.upsideDownEmpty': 'Change the lower or the upper readiness level',

  'market.x.owner': 'Owner: {name}',
  'market.x.org': 'Enterprise: {name}',

  'market.x.kind.achievements': 'Achievements',
  'market.x.kind.demands': 'Demands',
  'market.x.kind.industry': 'Industry',
  'market.x.kind.index': 'Innovation index',
  'market.x.kind.affiliation': 'Affiliation',

  'market.x.p.institutions': 'Universities and institutes that could solve it',
  'market.x.p.institutionsNote': 'Ranked by each one\'s best-matching achievement, with every reason and its score.',
  'market.x.p.institutionsNone': 'No university or institute found for this demand',
  'market.x.p.experts': 'Related experts',
  'market.x.p.expertsNote': 'Ranked by the expertise and fields registered in the expert pool (not the enterprise\'s own experts).',
  'market.x.p.expertsNone': 'No related experts in the pool',
  'market.x.p.enterprises': 'Enterprises that might take it up',
  'market.x.p.enterprisesNote': 'Ranked by their related demands, industry, innovation index and distance, with every reason and its score.',
  'market.x.p.enterprisesNone': 'No likely enterprises found',
  'market.x.p.score': 'Overall {score}',

  'market.x.m.toFilteredDemand': 'This demand\'s matches in the pipeline',
  'market.x.m.toFilteredAchievement': 'This achievement\'s matches in the pipeline',
  'market.x.m.mine': 'Mine only',
  'market.x.m.filterDemand': 'Demand: {title}',
  'market.x.m.filterAchievement': 'Achievement: {title}',
  'market.x.m.filterId': '#{id}',
  'market.x.m.broker': 'Broker',
  'market.x.m.platform': 'Recommended by the platform',

  'market.x.e.title': 'Expert pool',
  'market.x.e.subtitle': 'Experts with their affiliation, title, fields and expertise; demands are matched with them on these.',
  'market.x.e.create': 'Add an expert',
  'market.x.e.created': 'Expert added: {name}',
  'market.x.e.editTitle': 'Edit the profile of {name}',
  'market.x.e.createTitle': 'Add an expert',
  'market.x.e.updated': 'Profile saved: {name}',
  'market.x.e.fieldFilter': 'Filter by field',
  'market.x.e.name': 'Name',
  'market.x.e.nameRequired': 'Enter the name',
  'market.x.e.org': 'Affiliation',
  'market.x.e.orgHint': 'Optional; used to keep experts away from their own organisation\'s demands and reviews',
  'market.x.e.orgOffice': 'The affiliation and the organisations to avoid decide recusal in reviews and are kept by the department; ask the department to change them',
  'market.x.e.avoid': 'Organisations to avoid',
  'market.x.e.avoidHint': 'Besides the affiliation, organisations the expert must not review (a former employer, a relative\'s employer): applications by them or naming them as partners',
  'market.x.e.noOrg': 'No affiliation registered',
  'market.x.e.titleLabel': 'Title',
  'market.x.e.titlePlaceholder': 'e.g. professor, senior engineer',
  'market.x.e.fields': 'Technology fields',
  'market.x.e.expertise': 'Expertise',
  'market.x.e.expertiseHint': '10–2,000 characters: research directions and the problems they solve; demands are matched on this text',
  'market.x.e.expertiseRequired': 'Describe the expertise',
  'market.x.e.userId': 'Expert account (user number)',
  'market.x.e.userIdHint': 'Optional; once linked, the expert keeps the profile under "My expert profile"',
  'market.x.e.account': 'Account',
  'market.x.e.accountId': 'User #{id}',
  'market.x.e.noAccount': 'Not linked',
  'market.x.e.active': 'Status',
  'market.x.e.activeOn': 'Active',
  'market.x.e.activeOff': 'Inactive',
  'market.x.e.empty': 'The expert pool is empty',
  'market.x.e.emptyFiltered': 'No experts in this field',
  'market.x.e.mineTitle': 'My expert profile',
  'market.x.e.mineSubtitle': 'Your profile in the expert pool: demands are matched with experts on its fields and expertise.',
  'market.x.e.none': 'You have no expert profile yet; please contact the science and technology bureau',
  'market.x.e.editMine': 'Edit the profile',
};

export const marketWords = { zh, en } as const;

export type AnyKey = MessageKey | MarketKey;
export type MarketT = (key: AnyKey, vars?: Vars) => string;

export function isMarketKey(key: string): key is MarketKey {
  return key in zh;
}

/** useI18n() whose `t` also knows the market's words. */
export function useMarketI18n() {
  const i18n = useI18n();
  return useMemo(() => {
    const t: MarketT = (key, vars) => (isMarketKey(key) ? format(marketWords[i18n.lang][key], vars) : i18n.t(key, vars));
    return { ...i18n, t };
  }, [i18n]);
}
