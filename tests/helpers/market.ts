/** Request bodies for the technology market's tests: a silicon-photonics achievement and a demand it fits. */
export const WAN = 1_000_000;

export const achievement = (over: Record<string, unknown> = {}) => ({
  title: '硅光子光模块自动耦合封装技术',
  abstract: '提出一种基于机器视觉的光模块自动耦合对准方法，适用于 800G 硅光子光模块封装，可将耦合时间缩短 60%，提高封装良率。',
  keywords: ['硅光子', '光模块', '自动耦合'],
  fields: ['photonics.silicon'],
  trl: 6,
  valuation: { amountFen: 300 * WAN, method: 'income', date: '2026-06-30' },
  modes: ['license_exclusive', 'joint_dev'],
  publiclyFunded: true,
  confidential: false,
  ...over,
});

export const demand = (over: Record<string, unknown> = {}) => ({
  title: '高速光模块封装良率提升',
  problem: '我司 800G 光模块封装良率偏低，耦合对准耗时长，人工成本高，希望引进自动耦合或硅光子集成技术。',
  fields: ['photonics.optical_comm'],
  requiredTrl: { min: 5, max: 7 },
  budgetFen: { min: 100 * WAN, max: 500 * WAN },
  modes: ['license_exclusive'],
  // far enough ahead that the test never meets a past deadline
  deadline: '2099-06-30',
  visibility: 'public',
  ...over,
});
