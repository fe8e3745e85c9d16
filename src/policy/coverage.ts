/**
 * What the platform does for each measure beyond its encoded support items: the
 * measures that name no amount for an enterprise (2, 11, 15, 16, 17), and the
 * parts of the others that are not a payment rule. Shown in the policy library
 * and checked by a test: every measure has an entry, and a measure without items
 * says so.
 */
export interface MeasureCoverage {
  measure: number;
  /** True when the measure names no amount an enterprise could be granted. */
  noAmount: boolean;
  /** What the platform does for the parts that are not encoded as items. */
  platform: string;
  /** Module keys (web/src/lib/modules.ts) that serve it. */
  modules: string[];
}

export const COVERAGE: readonly MeasureCoverage[] = [
  { measure: 1, noAmount: false, platform: '四项“最高”金额编码为上限事项；共建联合实验室、联合攻关由“揭榜挂帅”与“成果与需求”模块撮合。', modules: ['policy', 'challenges', 'market'] },
  { measure: 2, noAmount: true, platform: '条文未规定金额：平台以“载体与共享设施”登记各板块特色科创平台和孵化器，按硅光子、具身智能等领域归类展示，并在驾驶舱统计其引育企业与人才。', modules: ['carriers', 'dashboard'] },
  { measure: 3, noAmount: false, platform: '五项金额均已编码；“技术攻关清单”由企业技术需求经部门整理发布（成果与需求模块）。', modules: ['policy', 'market'] },
  { measure: 4, noAmount: false, platform: '三项金额已编码（青年科学家 50 万元为定额）；“绿色通道”直接立项由申报审核流程中的简化评审处理。', modules: ['policy', 'funding'] },
  { measure: 5, noAmount: false, platform: '全球研发中心“最高1亿元”已编码；新获高企、小巨人等称号“按照相关政策予以奖励”，金额不在本文件中，平台记录资质并以科创指数筛选“小升高”“高升强”潜力企业；企业扎根专项基金的投资由科技金融模块登记。', modules: ['policy', 'index', 'finance'] },
  { measure: 6, noAmount: false, platform: '四项“最高”金额已编码，其中“根据企业研发投入情况每年最高200万元”由平台研发费用记录判定，属免申即享；研发费用加计扣除等税收优惠由税务部门执行，平台只展示。', modules: ['policy'] },
  { measure: 7, noAmount: false, platform: '创新联合体、校企合作补助与“科创指数惠”均已编码：科创指数惠按最近一次科创指数计算的等级（A 级）免申即享判定，最高 3000 万元经评审确定。', modules: ['policy', 'index'] },
  { measure: 8, noAmount: false, platform: '设备投资 5% 奖励已编码，可精确计算。', modules: ['policy'] },
  { measure: 9, noAmount: false, platform: '揭榜挂帅资助已编码；国自然联合基金、“核心产业+”行动为组织性工作，由揭榜挂帅模块发榜、揭榜与过程管理。', modules: ['policy', 'challenges'] },
  { measure: 10, noAmount: false, platform: '三项“最高”金额已编码；“两重”“两新”、专项债券为争取上级资金，平台在驾驶舱跟踪项目储备。', modules: ['policy', 'dashboard'] },
  { measure: 11, noAmount: true, platform: '“三年统筹安排150亿元”是市级资金池而非对企业的单项支持：在申报与兑现模块中作为跨年度预算池管理（预留、支出、释放）；“苏创荟”APP智能平台即本平台。', modules: ['funding', 'market'] },
  { measure: 12, noAmount: false, platform: '四项金额已编码（公共技术服务平台按总投资 20% 测算上限）；国家统一技术交易服务平台节点对接由成果与需求、技术合同模块承担。', modules: ['policy', 'market', 'contracts', 'carriers'] },
  { measure: 13, noAmount: false, platform: '“苏转保”保费 50% 补助已编码；先使用后付费许可作为成果的转化方式登记，S-Lake 资金池由科技金融模块登记。', modules: ['policy', 'market', 'finance'] },
  { measure: 14, noAmount: false, platform: '首台（套）等“最高100万元”已编码；财政资助形成的未转化成果按技术成熟度、市场估值、转化方式公开（成果与需求模块）。', modules: ['policy', 'market'] },
  { measure: 15, noAmount: true, platform: '条文未规定金额：平台登记技术经理人（三年超5000人、其中高级超200人）和成果转化专员（三年派驻1000名）及其服务记录，驾驶舱对照目标显示进度。', modules: ['talent', 'dashboard'] },
  { measure: 16, noAmount: true, platform: '条文未规定金额：平台登记校企共建学院和双向聘用人才，供人才部门统计。', modules: ['talent', 'dashboard'] },
  { measure: 17, noAmount: true, platform: '条文未规定金额：科创指数作为财政资金评价依据和银行信贷的参考（经企业授权的银行视图），科技金融模块登记信贷、授信与基金。', modules: ['index', 'finance'] },
  { measure: 18, noAmount: false, platform: '两项金额已编码（每项 50 万元、年度 15 项的名额由遴选和预算控制）；专利导航与专题数据库由专利模块承担。', modules: ['policy', 'ip'] },
  { measure: 19, noAmount: false, platform: '四项“最高”金额已编码（两处“最高500万元”分列为建设与择优两项；国家级、省级联合实验室就高不重复）。', modules: ['policy'] },
];
