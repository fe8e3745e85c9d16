/**
 * Deterministic generator of the matching evaluation set in eval/market (see README.md).
 *
 *   npx tsx eval/market/build.ts
 *
 * Everything is composed from hidden latent concepts = (technique, application, subfield).
 * Each achievement is written from one concept, each demand from one target concept, and
 * the relevance grades in qrels.tsv follow from the concepts alone (constructed, not human
 * judged). Concept labels never reach the output files. No network; a seeded PRNG only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const SEED = 20261130;

// ------------------------------------------------------------------ seeded PRNG (mulberry32)
let state = SEED >>> 0;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
const chance = (p: number) => rand() < p;
function pick<T>(xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from empty list');
  return xs[Math.floor(rand() * xs.length)]!;
}
function shuffle<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
const split = (s: string) => s.split('|').map((x) => x.trim()).filter(Boolean);

// ------------------------------------------------------------------ the taxonomy (parsed from the migration)
const sql = fs.readFileSync(path.join(repo, 'src/platform/db/migrations/20261130000800_market.sql'), 'utf8');
const fieldName = new Map<string, string>();
const fieldParent = new Map<string, string | null>();
{
  const block = sql.slice(sql.indexOf('INSERT INTO tech_fields'), sql.indexOf(';', sql.indexOf('INSERT INTO tech_fields')));
  for (const m of block.matchAll(/\('([a-z_.]+)',\s*'([^']+)',\s*(NULL|'([a-z_.]+)')/g)) {
    fieldName.set(m[1]!, m[2]!);
    fieldParent.set(m[1]!, m[4] ?? null);
  }
}
const top = (code: string) => fieldParent.get(code) ?? code;

// ------------------------------------------------------------------ problem kinds (symptoms in an enterprise's words; outcomes in a lab's)
interface Kind {
  short: string; // problem phrase in an abstract
  title: string; // short goal for titles
  sym: string[]; // enterprise symptoms ({obj})
  goal: string[]; // enterprise goals
  out: string[]; // achievement outcomes
  legacy: string[]; // what is done today
}
const K = (short: string, title: string, sym: string, goal: string, out: string, legacy: string): Kind => ({ short, title, sym: split(sym), goal: split(goal), out: split(out), legacy: split(legacy) });
const KINDS: Record<string, Kind> = {
  yield: K('良率低、一致性差', '良率提升', '{obj}良率长期徘徊在{p}%左右|{obj}不良率居高不下|批次之间一致性差，客户投诉较多|返工返修比例偏高', '把{obj}良率提升到{p2}%以上|将不良率控制在{q}%以内|提高批次一致性、减少返工', '良率由{p}%提升至{p2}%|产品不良率下降{r}%|批次一致性显著改善，良品率稳定在{p2}%以上', '依靠老师傅经验调参|离线抽检后再调整工艺'),
  cost: K('成本高', '降本', '{obj}单位成本偏高|综合成本压不下来，利润被严重挤压|耗材和人工费用占比过高', '把单位成本降低{r}%左右|在不降低品质的前提下压缩成本', '综合成本降低约{r}%|材料成本下降{r}%|单位制造成本下降约{r}%', '传统工艺|外购成套方案'),
  life: K('寿命短', '寿命提升', '{obj}寿命偏短，达不到客户要求|使用一段时间后性能衰减明显|更换频繁，维护费用高', '使{obj}寿命至少翻一番|显著延长使用寿命、降低更换频次', '使用寿命延长至原来的{x}倍|加速老化试验后性能保持率超过{p2}%|循环寿命提升{r}%', '常规材料方案|定期更换'),
  import: K('依赖进口', '国产替代', '关键{obj}依赖进口，交期长、价格高|核心部件基本被国外厂商垄断|进口产品供货不稳定，存在断供风险', '实现国产化替代|找到性能相当、供货稳定的国产方案', '关键指标达到国外同类产品水平，可实现进口替代|打破了国外产品的技术垄断|主要性能与进口产品相当，价格仅为其{r}%左右', '采购进口产品|使用国外厂商的方案'),
  energy: K('能耗高', '节能降耗', '能耗偏高，电费支出压力大|单位产品能耗超出行业先进水平|设备运行功耗偏大', '能耗降低{r}%以上|明显降低运行能耗', '能耗降低{r}%|运行功耗下降{r}%|单位产品能耗下降约{r}%', '传统设备|常规运行方式'),
  precision: K('精度不足', '精度提升', '精度不足，{obj}的关键参数波动超出公差|测量误差大、重复性差|定位偏差较大，难以满足高端客户要求', '把误差控制在{q}%以内|稳定满足客户的精度要求', '精度提升{r}%，误差控制在{q}%以内|重复性误差低于{q}%|定位精度较现有方案提高{x}倍', '常规方法|人工经验判断'),
  accuracy: K('准确率不足', '准确率提升', '{obj}相关判断准确率偏低，经常出错|现有方法误差较大，难以支撑决策|识别不准、误报多，一线人员已不太信任现有系统', '把准确率提升到{p2}%以上|将误差降低{r}%以上', '准确率达到{p2}%|误差较现有方法降低{r}%|平均误差低于{q}%', '人工经验判断|传统统计方法'),
  efficiency: K('效率低、依赖人工', '提效', '效率低，节拍跟不上订单需求|人工依赖严重，招工越来越难|处理速度慢，交付周期长', '效率提升{x}倍以上|减少{r}%的人工|缩短交付周期', '效率提升{x}倍|单件节拍缩短{r}%|可替代约{r}%的人工', '人工操作|半自动设备'),
  detect: K('漏检误检率高', '智能检测', '人工目检漏检、误检多|检测员容易疲劳，判定标准不统一|细小缺陷很难发现，往往流到客户端才暴露', '检出率不低于{p2}%、误报率低于{q}%|替代人工目检|实现在线全检', '缺陷检出率达{p2}%，误报率低于{q}%|识别准确率达到{p2}%|可实现在线全检，漏检率低于{q}%', '人工目检|抽样检测'),
  safety: K('安全风险难以提前发现', '安全预警', '存在安全隐患，现有预警手段滞后|事故往往发生后才被发现|缺乏有效的早期预警手段', '实现提前预警并能联动处置|尽早发现隐患、避免事故', '可提前{m}分钟发出预警|预警准确率达{p2}%|误报率低于{q}%', '定期人工巡检|事后排查'),
  pollution: K('难以稳定达标排放', '达标治理', '排放指标不稳定，环保压力大|处理后仍难以稳定达标|污泥和危废处置费用高', '稳定达标排放并降低运行费用|把处理成本降低{r}%', '污染物去除率达到{p2}%|排放稳定达标，运行费用降低{r}%|二次污染物产生量减少{r}%', '常规处理工艺|末端简单处理'),
  stability: K('长期稳定性差', '稳定性提升', '长期运行稳定性差|环境温度变化时性能漂移明显|批量产品一致性不好', '保证长期稳定运行|提高批间一致性', '连续运行{h}小时性能无明显衰减|宽温范围内性能稳定|批间差异控制在{q}%以内', '现有方案|定期人工校准'),
  performance: K('性能遇到瓶颈', '性能升级', '性能指标达不到下一代产品要求|现有方案性能已接近瓶颈|与国际先进水平差距明显', '关键性能指标提升{r}%|满足下一代产品的性能要求', '关键性能指标提升{r}%|综合性能优于现有商用方案|主要指标达到国际先进水平', '现有商用方案|上一代方案'),
  efficacy: K('临床疗效有限', '新药开发', '现有疗法疗效有限、容易耐药|临床未满足需求大，同质化竞争严重|现有管线缺少差异化品种', '获得具有差异化优势的候选药物|开发疗效更好的治疗方案', '在动物模型中显示出显著的药效|体外活性达到纳摩尔级|安全窗较现有药物明显扩大', '现有标准疗法|同类在研药物'),
  turnaround: K('检测周期长', '快速检测', '检测耗时长，只能送中心实验室|基层缺少快速检测手段|出结果太慢，影响临床决策', '把检测时间缩短到{m}分钟内|实现现场快速检测', '检测时间缩短至{m}分钟以内|灵敏度与实验室金标准方法相当|检测下限达到实验室方法水平', '送检中心实验室|传统培养法'),
};

// ------------------------------------------------------------------ techniques and applications (vocabulary; first name = canonical, rest = synonyms)
interface Tech {
  names: string[];
  feats: string[];
  art: string;
}
interface App {
  names: string[];
  obj: string;
  biz: string;
  kinds: string[];
  group: string;
  field: string | null;
}
const TECHS: Record<string, Tech> = {};
const APPS: Record<string, App> = {};
function T(key: string, names: string, feats: string, art: string) {
  TECHS[key] = { names: split(names), feats: split(feats), art };
}
function A(key: string, names: string, obj: string, biz: string, kinds: string, group: string, field: string | null = null) {
  APPS[key] = { names: split(names), obj, biz, kinds: split(kinds), group, field };
}

// techniques
T('cv_defect', '深度学习缺陷检测|AI 视觉质检|卷积神经网络缺陷识别|智能视觉检测', '小样本迁移学习|轻量化网络结构|多尺度特征融合|主动学习标注|合成缺陷样本增强', '系统');
T('cv_anomaly', '无监督异常检测|无缺陷样本视觉检测|正常样本建模异常识别', '仅用良品图像训练|特征重构误差评估|知识蒸馏|像素级异常定位', '算法');
T('cv_3d', '结构光三维测量|3D 视觉测量|线激光三维扫描', '多频相移解相|点云配准|亚像素边缘提取|高反光表面抑制', '测量系统');
T('rag', '检索增强生成|领域大模型问答|大语言模型知识问答', '领域知识库向量化|多路召回与重排序|答案来源可追溯|私有化部署', '系统');
T('kg', '知识图谱构建|领域知识图谱|实体关系抽取', '远程监督实体抽取|本体建模|图谱推理补全|多源异构数据融合', '平台');
T('ts_forecast', '时间序列预测|深度时序预测|多变量时序建模', 'Transformer 时序编码|外部气象变量融合|概率区间预测|在线增量更新', '模型');
T('federated', '联邦学习|隐私保护联合建模|多方联合学习', '数据不出域|同态加密梯度聚合|纵向联邦建模|贡献度评估', '平台');
T('asr_noise', '强噪声语音识别|抗噪语音识别|远场语音识别', '麦克风阵列波束形成|方言自适应|端侧轻量化部署|噪声鲁棒声学模型', '系统');
T('acoustic', '声学异常检测|声纹故障诊断|设备异响识别', '梅尔频谱特征|自监督预训练|边缘端实时推理|多通道声源分离', '系统');
T('twin', '数字孪生|虚实映射仿真|产线数字孪生', '多物理场降阶模型|实时数据驱动更新|虚拟调试|三维可视化', '平台');
T('pdm', '预测性维护|设备健康管理|剩余寿命预测', '振动信号特征提取|跨工况迁移学习|退化趋势建模|故障知识库', '系统');
T('procopt', '工艺参数智能优化|数据驱动工艺寻优|贝叶斯优化工艺', '小批量试验设计|代理模型|多目标优化|工艺知识嵌入', '方法');
T('dexhand', '灵巧手|多指灵巧手|仿人灵巧手', '腱绳驱动|指尖触觉反馈|欠驱动自适应结构|高自由度', '系统');
T('biped', '人形机器人运动控制|双足步态控制|全身动力学控制', '模型预测控制|强化学习步态生成|仿真到实物迁移|抗扰动平衡', '控制方法');
T('svcnav', '服务机器人自主导航|室内自主移动|多楼层自主导航', '激光与视觉融合定位|电梯联动|动态行人避障|多机调度', '系统');
T('forcectl', '机器人力控打磨|力位混合控制|恒力打磨抛光', '主动柔顺控制|六维力传感反馈|打磨轨迹自动生成|材料去除量模型', '系统');
T('vispick', '3D 视觉引导抓取|视觉无序分拣|机器人视觉定位抓取', '点云实例分割|六自由度位姿估计|抓取点规划|免示教', '系统');
T('slam', '激光 SLAM|同步定位与建图|多传感器融合定位', '激光-惯导紧耦合|回环检测|语义地图|无反射板定位', '系统');
T('tactile', '柔性触觉传感|电子皮肤|触觉感知阵列', '压阻-电容复合|高密度阵列|滑移检测|曲面贴合', '传感器');
T('harmonic', '谐波减速器|精密谐波传动|谐波齿轮传动', '双圆弧齿形优化|柔轮材料热处理|精度保持性|低背隙', '减速器');
T('jointmod', '一体化关节模组|机器人关节模组|无框力矩电机关节', '双编码器闭环|高功率密度|驱控一体|中空走线', '模组');
T('simod', '硅基电光调制器|硅光调制器|微环调制器', '载流子耗尽型结构|行波电极|热光调谐|CMOS 兼容工艺', '芯片');
T('tfln', '薄膜铌酸锂调制器|铌酸锂薄膜光子芯片|LNOI 光子器件', '低半波电压|超大调制带宽|低损耗波导刻蚀|异质集成', '芯片');
T('coupling', '光纤-芯片耦合|模斑转换器|端面耦合封装', '悬臂模斑转换|被动对准|低耦合损耗|晶圆级测试', '技术');
T('ultrafast', '超快激光加工|飞秒激光精密加工|皮秒激光微加工', '贝塞尔光束|冷加工无热影响区|多焦点分束|在线视觉定位', '工艺');
T('laserweld', '激光焊接|光纤激光焊接|振镜激光焊', '摆动焊接|环形光斑|熔池实时监测|蓝光激光复合', '工艺');
T('laserclad', '激光熔覆|激光增材修复|高速激光熔覆', '同轴送粉|梯度合金设计|稀释率控制|无裂纹工艺', '工艺');
T('lpo', '线性直驱光模块|LPO 光模块|低功耗可插拔光模块', '去 DSP 架构|线性驱动与跨阻放大|信号完整性协同设计|低时延', '方案');
T('vcsel', '高速 VCSEL 芯片|垂直腔面发射激光器|多模 VCSEL', '氧化限制孔|高温工作|低阈值电流|外延结构优化', '芯片');
T('dfos', '分布式光纤传感|分布式声波传感|DAS 光纤振动监测', '相位敏感光时域反射|事件智能识别|长距离监测|利用既有通信光缆', '系统');
T('fbg', '光纤光栅传感|FBG 应变监测|光纤布拉格光栅', '温度-应变解耦|多点波分复用|耐高温封装|本质安全', '传感系统');
T('nvmag', '金刚石 NV 色心磁测量|量子精密磁测|NV 色心量子传感', '宽场磁成像|微米级空间分辨|室温工作|非接触测量', '系统');
T('qkd', '量子密钥分发|量子保密通信|QKD', '诱骗态协议|与经典光网络共纤传输|可信中继|抗量子计算攻击', '系统');
T('qopt', '量子启发优化算法|相干伊辛机|量子退火优化', '组合优化问题映射|QUBO 建模|量子-经典混合求解|秒级求解', '求解器');
T('htstape', '第二代高温超导带材|REBCO 涂层导体|高温超导带材', '金属有机沉积|离子束辅助沉积缓冲层|人工钉扎中心|长带连续制备', '带材');
T('sfcl', '超导限流器|电阻型超导限流|超导故障电流限制', '毫秒级限流|失超后自恢复|紧凑型低温系统|模块化设计', '装置');
T('ald', '原子层沉积|ALD 薄膜沉积|空间原子层沉积', '自限制表面反应|低温沉积|亚纳米厚度控制|高保形性', '工艺');
T('ale', '原子层刻蚀|ALE 刻蚀|原子级精度刻蚀', '自限制刻蚀循环|低损伤|高选择比|各向异性控制', '工艺');
T('ibf', '离子束抛光|离子束修形|原子级表面修形', '驻留时间算法|亚纳米面形精度|无接触加工|中高频误差抑制', '技术');
T('lpmcu', '超低功耗 MCU|低功耗微控制器|RISC-V 低功耗处理器', '近阈值电压设计|多电源域|事件驱动唤醒|片上能量管理', '芯片');
T('sar', '高精度 SAR ADC|逐次逼近模数转换器|高精度模拟前端', '电容失配自校准|低噪声|低功耗|高共模抑制', '芯片');
T('npu', '端侧 AI 加速芯片|神经网络处理器|边缘 NPU', '存算一体|稀疏计算|INT8 量化|低功耗推理', '芯片');
T('cmp', '化学机械抛光|CMP 抛光液|精密 CMP 工艺', '纳米磨料分散|选择比调控|表面缺陷控制|终点检测', '抛光液');
T('resist', '半导体光刻胶|KrF 光刻胶|高分辨化学放大光刻胶', '树脂分子量窄分布|光致产酸剂|低金属杂质|线宽粗糙度控制', '材料');
T('wlp', '晶圆级封装|扇出型晶圆级封装|Fan-out 封装', '多层重布线|翘曲控制|高密度互连|塑封料优化', '工艺');
T('hbond', '混合键合|铜-铜直接键合|三维堆叠键合', '表面等离子活化|低温键合|亚微米对准|界面空洞控制', '工艺');
T('tim', '高导热界面材料|热界面材料|导热凝胶', '液态金属复合|取向导热填料|低热阻|长期抗泵出', '材料');
T('sicmos', '碳化硅 MOSFET|SiC 功率器件|碳化硅功率模块', '沟槽栅结构|栅氧可靠性提升|银烧结封装|低导通电阻', '器件');
T('gan', '氮化镓功率器件|GaN HEMT|氮化镓功率芯片', '增强型 p-GaN 栅|动态电阻抑制|单片集成驱动|硅基外延', '器件');
T('edaplace', 'AI 驱动布局布线|智能布局布线|机器学习辅助物理设计', '强化学习宏单元布局|拥塞预测|时序驱动优化|国产工具链兼容', '工具');
T('tfe', '薄膜封装|柔性 OLED 薄膜封装|无机-有机叠层封装', '超低水汽透过率|喷墨打印有机层|弯折可靠性|低温沉积', '技术');
T('ijoled', '喷墨打印 OLED|印刷 OLED|溶液法 OLED', '墨水配方设计|像素坑界面控制|膜厚均匀性|高材料利用率', '工艺');
T('masstr', '巨量转移|Micro-LED 巨量转移|激光巨量转移', '激光选择性剥离|弹性印章转印|坏点检测与修复|高良率键合', '技术');
T('qdcc', '量子点色转换|量子点光刻胶|量子点彩膜', '无镉量子点|光刻图形化|高蓝光吸收|水氧阻隔', '材料');
T('tadf', 'TADF 发光材料|热活化延迟荧光材料|OLED 蓝光材料', '分子构型设计|高色纯度|窄半峰宽|器件寿命提升', '材料');
T('cpi', '透明聚酰亚胺|CPI 薄膜|无色聚酰亚胺', '低热膨胀系数|高透光率|耐弯折|表面硬化涂层', '薄膜');
T('protac', 'PROTAC 蛋白降解剂|靶向蛋白降解|分子胶降解剂', 'E3 连接酶招募|口服生物利用度优化|选择性降解|克服耐药', '候选药物');
T('aidrug', 'AI 辅助药物设计|生成式分子设计|计算机辅助药物发现', '虚拟筛选|ADMET 性质预测|结合自由能计算|主动学习闭环', '平台');
T('adc', '抗体偶联药物|ADC 药物|定点偶联 ADC', '定点偶联|可裂解连接子|均一 DAR 值|新型毒素载荷', '候选药物');
T('bsab', '双特异性抗体|双抗|双靶点抗体', '共轻链设计|Fc 改造|T 细胞衔接|肿瘤微环境激活', '候选药物');
T('cho', 'CHO 细胞高表达工艺|高产细胞株构建|抗体上游工艺开发', '高通量克隆筛选|补料策略优化|灌流培养|糖型控制', '工艺');
T('cart', 'CAR-T 细胞治疗|嵌合抗原受体 T 细胞|通用型 CAR-T', '基因编辑敲除|装甲型 CAR 设计|自动化封闭制备|降低细胞因子风暴', '疗法');
T('aav', 'AAV 载体|腺相关病毒载体|基因治疗载体', '衣壳定向进化|悬浮细胞生产|空壳率控制|组织靶向', '技术');
T('biostent', '可降解支架|生物可吸收支架|可降解镁合金植入物', '降解速率调控|载药涂层|径向支撑力|显影标记', '器械');
T('surgrobot', '手术机器人|微创手术机器人|腔镜手术机器人', '主从遥操作|力反馈|远心运动机构|器械快换', '系统');
T('wearable', '可穿戴生理监测|柔性贴片监测|无创连续监测', '低功耗蓝牙|运动伪迹抑制|柔性干电极|云端 AI 分析', '设备');
T('microfluidic', '微流控芯片|微流控 POCT|芯片实验室', '全集成样本处理|离心式微流控|冻干试剂预存|多指标联检', '检测平台');
T('crispr', 'CRISPR 核酸检测|CRISPR-Cas 诊断|基因编辑核酸检测', '等温扩增联用|一管法反应|侧流层析读出|单碱基分辨', '检测技术');
T('clia', '化学发光免疫分析|化学发光检测|磁微粒化学发光', '磁微粒分离|吖啶酯标记|全自动流程|宽线性范围', '试剂与仪器');
T('tcmfp', '中药指纹图谱|中药质量标志物|多成分质量控制', 'UPLC-MS 多成分测定|化学计量学|质量标志物筛选|近红外在线监测', '方法');
T('tcmext', '中药提取精制|超临界萃取|膜分离纯化', '低温萃取|大孔树脂纯化|连续化逆流提取|有效成分富集', '工艺');
T('cellfac', '微生物细胞工厂|合成生物学底盘细胞|代谢工程菌株', '代谢通路重构|动态调控元件|高通量筛选|高密度发酵', '菌株');
T('immob', '固定化酶|酶固定化|连续流酶催化', '载体共价固定|多批次重复使用|连续流反应器|辅因子循环', '工艺');
T('direvo', '酶定向进化|蛋白质工程改造|酶理性设计', '高通量筛选|热稳定性提升|AI 辅助突变预测|底物谱拓展', '酶制剂');
T('pla', '聚乳酸改性|PLA 增韧改性|生物基聚乳酸', '立构复合|反应性增容|高效成核剂|耐热改性', '材料');
T('silkfib', '丝素蛋白|再生丝素蛋白|蚕丝蛋白材料', '全水溶液加工|降解速率可控|生物相容|多孔结构', '材料');
T('tpcf', '热塑性碳纤维复合材料|连续纤维增强热塑性复合材料|CF/PEEK 复合材料', '原位固结|焊接连接|自动铺放|可回收', '材料');
T('tiam', '钛合金增材制造|钛合金 3D 打印|激光选区熔化钛合金', '热等静压后处理|晶粒细化|拓扑优化|一体化成形', '技术');
T('tbc', '热障涂层|陶瓷热障涂层|高温防护涂层', '稀土锆酸盐|等离子物理气相沉积|柱状晶结构|抗 CMAS 腐蚀', '涂层');
T('droneinsp', '无人机自主巡检|无人机智能巡检|机巢式无人机巡检', '自主航线规划|缺陷自动识别|自动换电机巢|三维实景建模', '系统');
T('evtolprop', '分布式电推进|eVTOL 电推进系统|高功率密度电推进', '余度容错设计|轴向磁通电机|一体化热管理|低噪声桨叶', '系统');
T('lasurv', '低空监视|ADS-B 与雷达融合监视|低空飞行服务保障', '多源航迹融合|电子围栏|冲突告警|5G-A 通感一体', '系统');
T('graphene', '石墨烯导热膜|石墨烯散热膜|高导热石墨烯膜', '氧化石墨烯还原|高温石墨化|压延致密化|厚膜制备', '材料');
T('agnw', '纳米银线透明导电膜|银纳米线|柔性透明电极', '长径比控制|低雾度|纳米焊接|卷对卷涂布', '薄膜');
T('hffr', '无卤阻燃|无卤阻燃改性|磷氮系阻燃', '协效阻燃|微胶囊包覆|低添加量|低烟低毒', '材料');
T('vitrimer', '可回收热固性树脂|动态共价网络树脂|类玻璃高分子', '动态酯交换|可重复加工|化学降解回收|自修复', '树脂');
T('hsal', '免热处理高强韧铝合金|一体化压铸铝合金|高强韧压铸铝合金', '微合金化|免热处理|高流动性|低成本', '合金');
T('amorph', '铁基非晶合金|非晶纳米晶软磁|纳米晶软磁材料', '低铁损|高饱和磁感|宽带材制备|退火工艺', '材料');
T('si3n4', '氮化硅陶瓷|高导热氮化硅|氮化硅陶瓷基板', '气压烧结|高热导率|高抗弯强度|流延成型', '材料');
T('cer3dp', '陶瓷 3D 打印|光固化陶瓷增材制造|陶瓷增材制造', '高固含量浆料|脱脂烧结控制|复杂结构一体成形|高致密度', '技术');
T('silkfin', '丝绸功能整理|真丝抗皱整理|蚕丝功能化整理', '生物酶处理|无甲醛交联|耐洗性|保持手感光泽', '工艺');
T('pcmfib', '相变调温纤维|相变储能纤维|智能调温纺织品', '相变材料微胶囊|熔融纺丝|高潜热|耐洗涤', '纤维');
T('antibac', '持久抗菌整理|纺织品抗菌|银系抗菌整理', '壳聚糖复合|季铵盐接枝|耐水洗|抗病毒', '工艺');
T('sse', '固态电解质|硫化物固态电解质|固态电池', '高离子电导|界面修饰|干法电极|原位固化', '材料');
T('sianode', '硅碳负极|纳米硅碳复合负极|硅基负极', '多孔碳骨架|CVD 沉积纳米硅|预锂化|低膨胀', '材料');
T('tr', '电池热失控预警|储能电池安全监测|热失控早期预警', '特征气体传感|电化学阻抗谱|多参量融合|云边协同', '系统');
T('sodium', '钠离子电池|层状氧化物正极|硬碳负极', '低成本原料|低温性能|普鲁士蓝类正极|高倍率', '电池');
T('echelon', '退役电池快速分选|梯次利用检测|电池健康状态评估', '阻抗谱快速检测|SOH 估计|一致性分选|免拆解', '技术');
T('perov', '钙钛矿太阳能电池|钙钛矿-晶硅叠层|钙钛矿叠层电池', '大面积狭缝涂布|界面钝化|封装稳定性|带隙调控', '电池');
T('cuplate', '铜电镀金属化|无银化金属化|电镀铜栅线', '图形化掩膜|种子层|细栅高宽比|低成本', '工艺');
T('pemcat', 'PEM 电解水催化剂|低铱析氧催化剂|电解水催化剂', '单原子分散|载体工程|高电流密度|长寿命', '催化剂');
T('mea', '燃料电池膜电极|CCM 膜电极|膜电极组件', '超低铂载量|有序化结构|直接涂布|抗反极', '部件');
T('gfm', '构网型储能变流器|构网型变流器|虚拟同步机', '虚拟惯量|黑启动|弱电网稳定控制|宽频振荡抑制', '设备');
T('vpp', '虚拟电厂|分布式资源聚合调控|需求响应', '聚合调度|电力市场报价|边缘侧控制|可调负荷辨识', '平台');
T('hptms', '热泵整车热管理|整车热管理|集成式热管理', 'CO2 热泵|多通阀集成|余热回收|低温续航', '系统');
T('oilmotor', '油冷扁线电机|扁线电驱|高速电驱系统', '发卡绕组|定转子直接油冷|高速轴承|低 NVH', '电机');
T('fusion', '多传感器融合感知|激光雷达-相机融合|BEV 感知', '鸟瞰图特征|时序融合|占用网络|远距离小目标', '算法');
T('lidar', 'FMCW 激光雷达|固态激光雷达|调频连续波激光雷达', '硅光集成收发|测速测距同步|抗串扰|车规设计', '系统');
T('bbw', '线控制动|电子机械制动|EMB 制动', '冗余控制架构|快速建压|失效安全|轮端集成', '系统');
T('anc', '主动降噪|路噪主动控制|主动声学控制', '自适应滤波|加速度传感器参考|低时延|座舱声场', '系统');
T('thermcomp', '热误差补偿|机床热变形补偿|热误差建模', '温度测点优化|在线实时补偿|深度学习建模|数控系统嵌入', '技术');
T('fiveaxis', '五轴联动数控|五轴加工|RTCP 五轴控制', '刀轴矢量优化|后置处理|碰撞干涉检查|高速高精', '技术');
T('interf', '激光干涉测量|白光干涉|光学干涉测量', '纳米级分辨|相移算法|抗振设计|大视场拼接', '仪器');
T('spectro', '微型光谱仪|近红外光谱快检|便携式光谱', 'MEMS 分光|化学计量模型|在线检测|模型迁移', '仪器');
T('flexasm', '柔性装配|模块化柔性产线|快速换型产线', '快换夹具|视觉纠偏|数字化工艺|节拍平衡', '产线');
T('utndt', '相控阵超声检测|超声无损检测|全聚焦超声成像', '全矩阵采集|自动判读|曲面自适应|耦合优化', '系统');
T('xct', '工业 CT|X 射线 CT 检测|三维 X 射线成像', '锥束重建|在线快速扫描|缺陷三维定位|AI 自动判读', '系统');
T('cae', '国产 CAE 求解器|有限元仿真软件|多物理场仿真', '大规模并行求解|自主求解内核|网格自适应|云端仿真', '软件');
T('mes', '制造执行系统|MES|数字化车间系统', '低代码配置|设备互联采集|质量追溯|APS 协同', '系统');
T('tsn', '时间敏感网络|TSN|确定性网络', '高精度时钟同步|流量调度|工业以太网融合|微秒级时延', '技术');
T('p5g', '5G 专网|5G 工业专网|5G LAN', 'URLLC 低时延|边缘计算下沉|网络切片|高可靠传输', '方案');
T('ics', '工控安全|工业控制系统安全防护|工业防火墙', '白名单机制|协议深度解析|异常行为检测|不停产部署', '系统');
T('privc', '隐私计算|多方安全计算|可信执行环境', '秘密分享|TEE|数据可用不可见|国密算法', '平台');
T('mems', 'MEMS 气体传感器|微热板气体传感|金属氧化物气敏传感器', '低功耗微热板|纳米敏感材料|温度调制|交叉敏感补偿', '传感器');
T('flexp', '柔性压力传感器|柔性应变传感|薄膜压力传感', '微结构介电层|高灵敏度|大面积印刷|低迟滞', '传感器');
T('lpwan', '低功耗广域物联网|LoRa 无线监测|NB-IoT 监测终端', '超低功耗|自组网|太阳能供电|边缘计算', '系统');
T('aop', '高级氧化|臭氧催化氧化|芬顿氧化', '非均相催化剂|羟基自由基|低药耗|低污泥产量', '工艺');
T('mbr', '膜生物反应器|MBR|抗污染分离膜', '亲水改性|膜污染控制|低能耗曝气|长寿命膜组件', '工艺');
T('anammox', '厌氧氨氧化|短程脱氮|自养脱氮', '菌群快速富集|低碳源需求|低曝气|颗粒污泥', '工艺');
T('vocs', 'VOCs 催化燃烧|挥发性有机物催化氧化|蓄热催化燃烧', '低温催化剂|抗中毒|高效蓄热体|低贵金属负载', '技术');
T('scr', '低温 SCR 脱硝|低温脱硝催化剂|选择性催化还原脱硝', '抗硫抗水|宽温度窗口|蜂窝载体|低氨逃逸', '催化剂');
T('hydromet', '湿法冶金回收|选择性浸出|短流程湿法回收', '优先提锂|萃取分离|低酸耗|副产物资源化', '工艺');
T('chemrec', '化学法再生|醇解再生|解聚再聚合', '催化醇解|脱色提纯|循环再生|混纺分离', '工艺');
T('cfp', '产品碳足迹核算|碳足迹核算|生命周期评价', 'LCA 数据库|自动化核算|供应链数据溯源|第三方核查对接', '平台');
T('ccus', '二氧化碳捕集|CCUS|低能耗碳捕集', '相变吸收剂|低再生能耗|矿化利用|抗降解', '技术');

// applications: names | object | business | problem kinds | group (for "related application") | the field an enterprise of that trade would pick
A('pcb_aoi', 'PCB 外观检测|印制电路板缺陷检测|线路板外观检查', 'PCB 板', 'PCB 制造', 'detect|efficiency|yield', 'emfg');
A('fabric', '织物瑕疵检测|面料疵点检测|布面瑕疵识别', '坯布', '纺织织造', 'detect|efficiency|yield', 'textile', 'newmat.textile');
A('pvel', '光伏电池片隐裂检测|电池片 EL 检测|光伏组件缺陷检测', '电池片', '光伏组件制造', 'detect|yield', 'pv', 'energy.pv');
A('weld', '焊缝质量检测|焊接质量检测|焊缝外观检测', '焊缝', '钢结构焊接', 'detect|precision|efficiency', 'metal', 'equip.testing');
A('castdim', '铸件尺寸检测|铸件三维尺寸测量|毛坯尺寸检测', '铸件', '汽车零部件铸造', 'precision|efficiency', 'metal', 'equip.testing');
A('maintqa', '设备维修知识问答|设备故障维修辅助|运维知识助手', '维修手册', '装备制造', 'efficiency|cost', 'ops');
A('patent', '专利检索与分析|专利情报分析|专利挖掘布局', '专利文献', '科技服务', 'efficiency|accuracy', 'ip');
A('contract', '合同智能审查|合同条款审核|合同风险审查', '合同', '供应链管理', 'efficiency|safety', 'legal');
A('load', '电力负荷预测|用电负荷预测|园区用能预测', '负荷曲线', '售电与综合能源服务', 'accuracy|cost', 'grid', 'energy.grid');
A('sales', '销量需求预测|订单需求预测|备货预测', '订单', '消费品制造', 'accuracy|cost', 'supply');
A('credit', '小微企业信贷风控|信用风险评估|贷前风控', '信贷', '金融科技', 'accuracy|safety', 'finance');
A('voice', '车间语音交互|产线语音控制|工业现场语音指令', '语音指令', '智能装备', 'accuracy|efficiency', 'ops');
A('motor', '电机故障诊断|旋转设备故障诊断|风机轴承故障检测', '电机', '风机与水泵制造', 'safety|cost|life', 'ops', 'ai.industrial');
A('injmold', '注塑成型|注塑工艺|注塑件生产', '注塑件', '精密注塑', 'yield|cost|efficiency', 'polyproc', 'newmat.polymer');
A('dyeing', '印染工艺|染整加工|织物染色', '染色布', '印染', 'yield|energy|cost', 'textile', 'newmat.textile');
A('spindle', '数控机床主轴|机床关键部件|主轴系统', '主轴', '机床制造', 'life|precision|safety', 'machining', 'equip.machine_tool');
A('asmline', '自动化装配线|产线装配调试|柔性装配产线', '装配线', '汽车零部件装配', 'efficiency|cost', 'automation', 'equip.automation');
A('hgrasp', '人形机器人抓取操作|机器人精细操作|家政机器人操作', '末端执行器', '人形机器人整机', 'performance|precision|cost', 'robot', 'embodied.robot');
A('hwalk', '人形机器人行走|双足机器人移动|人形机器人运动', '腿部关节', '人形机器人整机', 'stability|performance|energy', 'robot', 'embodied.robot');
A('hospital', '医院物资配送|院内物流配送|病区送药', '配送机器人', '医疗物流服务', 'efficiency|cost|safety', 'medops');
A('castgrind', '铸件打磨|铸件去毛刺|毛刺打磨', '铸件', '铸造', 'efficiency|yield|safety', 'metal', 'embodied.industrial_robot');
A('polish', '卫浴五金抛光|五金件抛光|水龙头抛光', '五金件', '卫浴五金', 'yield|efficiency|safety', 'metal');
A('binpick', '无序上料|料框拣选|零件上下料', '零件', '机加工', 'efficiency|cost', 'automation', 'equip.automation');
A('depal', '物流拆垛|纸箱拆码垛|仓储拆垛', '纸箱', '仓储物流', 'efficiency|cost', 'logistics');
A('agv', 'AGV 导航|移动机器人定位|叉车自动驾驶', 'AGV', '智能仓储', 'precision|efficiency|stability', 'logistics', 'equip.automation');
A('cobot', '协作机器人关节|机械臂关节|机器人关节', '关节部件', '协作机器人', 'import|precision|cost|life', 'robot', 'embodied.industrial_robot');
A('dcopt', '数据中心光互连|数据中心光模块|高速光互连', '光模块', '光模块制造', 'energy|cost|performance', 'optcomm', 'photonics.optical_comm');
A('coherent', '相干光通信|长距相干传输|相干光模块', '相干模块', '光通信设备', 'import|performance|energy', 'optcomm', 'photonics.optical_comm');
A('glasscut', '玻璃切割|盖板玻璃切割|显示玻璃切割', '玻璃', '显示盖板', 'yield|precision|efficiency', 'dispmfg', 'display.material');
A('tabweld', '电池极耳焊接|动力电池焊接|铜铝异种金属焊接', '极耳', '动力电池', 'yield|safety|efficiency', 'battery', 'energy.battery');
A('hydrod', '液压支柱修复|液压杆表面强化|轴类零件修复', '液压支柱', '煤机装备', 'life|cost|pollution', 'machining');
A('moldrep', '模具修复|模具表面强化|压铸模具修复', '模具', '模具制造', 'life|cost', 'machining');
A('shortreach', '短距光互连|机柜内短距互连|有源光缆', '有源光缆', '光互连', 'cost|energy|import', 'optcomm', 'photonics.optical_comm');
A('pipeleak', '管道泄漏监测|油气管道安全监测|输水管网泄漏检测', '管道', '燃气与管网运营', 'safety|accuracy', 'infra', 'photonics.sensing');
A('perimeter', '周界安防|周界入侵监测|围界防护', '围界', '安防工程', 'safety|accuracy', 'infra');
A('bridge', '桥梁结构健康监测|结构健康监测|大跨桥梁监测', '桥梁', '交通基础设施运维', 'safety|life|stability', 'infra');
A('xfmr', '变压器绕组测温|电力设备测温|开关柜温度监测', '变压器', '输变电设备', 'safety|accuracy', 'grid', 'energy.grid');
A('chipfa', '芯片失效分析|集成电路故障定位|芯片电流分布成像', '芯片', '集成电路', 'precision|efficiency|import', 'semi');
A('battcur', '电池内部电流成像|电池无损检测|电芯内部缺陷诊断', '电芯', '动力电池', 'safety|detect', 'battery', 'energy.battery');
A('gridsec', '电力通信安全|电力调度数据加密|配电网通信加密', '调度数据', '电网运营', 'safety', 'grid', 'it.security');
A('banklink', '金融专线加密|银行数据中心互联加密|金融数据传输安全', '专线', '金融服务', 'safety', 'finance', 'it.security');
A('sched', '生产排程|车间排产|APS 排程', '排产计划', '离散制造', 'efficiency|cost', 'supply', 'it.software');
A('sccable', '超导电缆|城市电网超导输电|大电流输电', '电缆', '电缆制造', 'energy|import|cost', 'grid', 'energy.grid');
A('fcl', '短路电流限制|电网短路电流超标治理|故障电流限制', '电网', '电网运营', 'safety|stability', 'grid', 'energy.grid');
A('mri', '磁共振磁体|MRI 超导磁体|医用磁共振', '磁体', '医学影像设备', 'import|cost', 'meddev', 'biomed.device');
A('pvpass', '光伏电池表面钝化|电池片钝化层|TOPCon 钝化', '电池片', '光伏电池制造', 'performance|cost|yield', 'pv', 'energy.pv');
A('cathode', '正极材料包覆|锂电正极表面改性|高镍正极包覆', '正极材料', '锂电材料', 'life|safety', 'battery', 'energy.battery');
A('etch3d', '先进制程栅极刻蚀|三维结构刻蚀|高深宽比刻蚀', '晶圆', '晶圆制造', 'precision|import|yield', 'semi', 'ic.process');
A('mirror', '光学元件超精密加工|光刻物镜镜片加工|高精度反射镜', '光学元件', '精密光学', 'precision|import|efficiency', 'optics', 'equip.precision');
A('waferflat', '晶圆平坦化|衬底超光滑加工|晶圆表面精修', '衬底', '半导体衬底', 'precision|yield', 'semi', 'ic.process');
A('iot', '物联网终端|无线传感节点|电池供电终端', '终端', '物联网设备', 'energy|cost|import', 'iot', 'it.sensor');
A('bmsafe', '电池管理芯片|BMS 模拟前端|电芯电压采集', '采集芯片', '电池管理系统', 'accuracy|import|cost', 'battery', 'energy.battery');
A('smartcam', '智能摄像头|边缘视觉终端|端侧视觉', '摄像头', '安防设备', 'energy|cost|performance', 'iot', 'ai.cv');
A('ecg', '可穿戴心电采集|生理信号采集|心电监护前端', '心电信号', '医疗电子', 'accuracy|energy|import', 'meddev', 'biomed.device');
A('cuint', '铜互连工艺|后道铜互连|互连平坦化', '铜互连层', '晶圆制造', 'yield|import|precision', 'semi', 'ic.process');
A('sicsub', '碳化硅衬底加工|SiC 衬底抛光|碳化硅晶片加工', '碳化硅衬底', '第三代半导体材料', 'efficiency|yield|cost', 'semi', 'ic.power');
A('litho', '光刻工艺|图形化工艺|光刻制程', '光刻胶', '晶圆制造', 'import|precision|yield', 'semi', 'ic.process');
A('chiplet', 'Chiplet 集成|芯粒异构集成|先进封装', '芯粒', '集成电路封测', 'performance|yield|import', 'semi', 'ic.packaging');
A('rfmod', '射频前端模组|射频模组封装|5G 射频模组', '射频模组', '射频器件', 'performance|yield|cost', 'semi', 'ic.packaging');
A('chipcool', '高功率芯片散热|芯片热管理|服务器芯片散热', '芯片', '服务器制造', 'performance|life|safety', 'semi', 'ic.packaging');
A('evinv', '电驱逆变器|电机控制器|主驱逆变器', '逆变器', '新能源汽车电驱', 'energy|import|cost', 'ev', 'auto.ev');
A('charger', '快充电源|快速充电器|消费电子快充', '充电器', '电源适配器', 'cost|energy|performance', 'powerel');
A('pvinv', '光伏逆变器|组串式逆变器|光伏并网逆变器', '逆变器', '光伏逆变器制造', 'energy|cost|import', 'pv', 'energy.pv');
A('backend', '数字芯片后端设计|物理设计|芯片后端实现', '版图', '芯片设计', 'efficiency|performance|import', 'semi', 'ic.design');
A('foldable', '折叠屏|柔性折叠显示|可折叠手机屏', '折叠屏', '柔性显示模组', 'life|yield|import', 'dispmfg', 'display.oled');
A('largeoled', '大尺寸 OLED 电视|中大尺寸 OLED 面板|IT 类 OLED 面板', '面板', '显示面板', 'cost|yield', 'dispmfg', 'display.oled');
A('ledwall', 'Micro-LED 大屏|直显大屏|LED 拼接屏', '显示屏', 'LED 显示', 'yield|cost|efficiency', 'dispmfg', 'display.microled');
A('ardisp', 'AR 微显示|近眼显示|AR 眼镜显示', '微显示屏', 'AR 眼镜', 'performance|energy|import', 'dispmfg', 'display.microled');
A('blueoled', 'OLED 蓝光器件|蓝光 OLED 面板|OLED 蓝色子像素', '蓝光器件', '显示材料', 'life|import|performance', 'dispmfg', 'display.oled');
A('tumor', '难成药肿瘤靶点|实体瘤靶向治疗|肿瘤耐药', '候选药物', '创新药研发', 'efficacy|import', 'pharma', 'biomed.drug');
A('leadopt', '先导化合物优化|候选药物发现|苗头化合物筛选', '化合物', '创新药研发', 'efficiency|cost|efficacy', 'pharma', 'biomed.drug');
A('solidtumor', '实体瘤抗体治疗|HER2 阳性肿瘤|实体瘤免疫治疗', '抗体药物', '生物药研发', 'efficacy|safety', 'pharma', 'biomed.antibody');
A('abyield', '抗体生产表达量|生物药产能|抗体原液生产', '抗体', '生物药 CDMO', 'cost|yield|efficiency', 'biomfg', 'biomed.antibody');
A('bloodca', '血液肿瘤治疗|淋巴瘤与白血病|复发难治血液瘤', '细胞产品', '细胞治疗', 'efficacy|safety|cost', 'pharma', 'biomed.cell_gene');
A('eye', '遗传性眼病|罕见病基因治疗|视网膜疾病', '基因药物', '基因治疗', 'efficacy|safety', 'pharma', 'biomed.cell_gene');
A('vecmfg', '病毒载体生产|载体规模化制备|CDMO 载体工艺', '病毒载体', '基因治疗 CDMO', 'yield|cost', 'biomfg', 'biomed.cell_gene');
A('cardio', '冠脉介入治疗|心血管介入|冠心病介入', '支架', '介入器械', 'safety|import|life', 'meddev', 'biomed.device');
A('ortho', '骨折内固定|骨科植入|骨钉骨板', '植入物', '骨科器械', 'safety|import|cost', 'meddev', 'biomed.device');
A('lap', '腹腔镜手术|微创外科|泌尿外科手术', '手术器械', '医疗器械', 'import|precision|cost', 'meddev', 'biomed.device');
A('chronic', '慢病居家监测|心电长程监测|老年健康监护', '监护设备', '健康医疗', 'accuracy|cost|energy', 'meddev', 'biomed.device');
A('resp', '呼吸道病原检测|呼吸道感染快检|流感病原检测', '检测试剂', '体外诊断', 'turnaround|accuracy|cost', 'dx', 'biomed.diagnostics');
A('cardiac', '心肌标志物检测|胸痛快速诊断|心梗早诊', '检测试剂', '体外诊断', 'turnaround|accuracy|import', 'dx', 'biomed.diagnostics');
A('tcmq', '中药饮片质量控制|中成药批次一致性|中药配方颗粒质量', '饮片', '中药制药', 'stability|accuracy', 'tcm', 'biomed.tcm');
A('tcmprod', '中药提取生产|提取车间|中药配方颗粒生产', '提取物', '中药制药', 'yield|energy|cost', 'tcm', 'biomed.tcm');
A('ectoine', '依克多因|化妆品活性原料|护肤功效原料', '功效原料', '化妆品原料', 'cost|import|yield', 'cosm', 'biomanuf.synbio');
A('pha', 'PHA 生物塑料|聚羟基脂肪酸酯|生物可降解塑料原料', 'PHA', '生物材料', 'cost|performance', 'bioplastic', 'biomanuf.biomaterial');
A('ginseno', '稀有人参皂苷|天然产物生物合成|植物天然产物', '皂苷', '健康食品', 'cost|yield|import', 'nutri', 'biomanuf.synbio');
A('hmo', '母乳低聚糖|HMO|婴配食品配料', 'HMO', '营养品', 'import|cost', 'nutri', 'biomanuf.synbio');
A('chiral', '手性药物中间体|API 合成|手性胺合成', '中间体', '医药中间体', 'yield|pollution|cost', 'pharmachem', 'biomanuf.enzyme');
A('feed', '饲料用酶|植酸酶|饲料添加剂', '酶制剂', '饲料添加剂', 'stability|cost|import', 'agri', 'biomanuf.enzyme');
A('pack', '一次性包装|食品包装|可降解餐具', '包装制品', '包装', 'performance|cost', 'bioplastic', 'biomanuf.biomaterial');
A('wound', '医用敷料|创面修复|伤口敷料', '敷料', '医用耗材', 'efficacy|import|cost', 'meddev', 'biomed.device');
A('airstruct', '飞机次承力结构|航空结构件|机身壁板', '结构件', '航空零部件', 'cost|efficiency|import', 'aero', 'aerospace.aircraft');
A('droneframe', '无人机机身|无人机结构件|无人机机臂', '机身', '无人机制造', 'cost|performance', 'aero', 'lowalt.drone');
A('blade', '航空发动机涡轮叶片|热端部件|燃气轮机叶片', '涡轮叶片', '航空发动机配套', 'life|import', 'aero', 'aerospace.aircraft');
A('satstruct', '卫星结构|小卫星平台结构|星载支架', '结构件', '商业航天', 'cost|efficiency|performance', 'space', 'aerospace.space');
A('powerline', '输电线路巡检|电力巡线|架空线路巡检', '输电线路', '电力运维', 'efficiency|safety|cost', 'grid', 'energy.grid');
A('pvplant', '光伏电站巡检|光伏电站运维|光伏场站运维', '光伏电站', '新能源运维', 'efficiency|cost', 'pv', 'energy.pv');
A('airtaxi', '城市空中交通|载人 eVTOL|空中出租车', '飞行器', 'eVTOL 整机', 'safety|performance|energy', 'aero', 'lowalt.evtol');
A('longend', '长航时物流无人机|无人机物流|支线物流无人机', '无人机', '无人机物流', 'performance|cost', 'logistics', 'lowalt.drone');
A('lamgmt', '低空飞行管理|无人机监管|低空空域管理', '空域', '低空运营', 'safety|efficiency', 'aero', 'lowalt.atc');
A('phonecool', '手机散热|消费电子散热|智能终端热管理', '散热膜', '消费电子', 'performance|import|cost', 'electronics', 'newmat.nano');
A('touch', '柔性触控|大尺寸触控屏|触摸屏', '触控膜', '触控模组', 'cost|performance|import', 'dispmfg', 'display.material');
A('heater', '透明加热膜|车窗除雾|透明电加热', '加热膜', '汽车玻璃', 'energy|performance', 'ev', 'auto.parts');
A('cable', '电线电缆料|线缆护套料|电缆绝缘料', '电缆料', '电线电缆', 'safety|performance|cost', 'polyproc', 'newmat.polymer');
A('battcase', '电池包壳体|电池包上盖|动力电池结构件', '壳体', '电池结构件', 'safety|cost', 'ev', 'auto.parts');
A('windblade', '风电叶片|风机叶片回收|风电叶片树脂', '叶片', '风电装备', 'pollution|cost', 'energyeq', 'newmat.polymer');
A('gigacast', '一体化压铸车身|车身结构件|大型压铸件', '压铸件', '汽车结构件', 'cost|performance|yield', 'ev', 'auto.parts');
A('motorcore', '高频电机铁芯|电机定子铁芯|高速电机铁芯', '铁芯', '电机制造', 'energy|performance', 'powerel', 'auto.ev');
A('disttx', '配电变压器|节能变压器|非晶变压器', '变压器', '变压器制造', 'energy|cost', 'grid', 'energy.grid');
A('substrate', '功率模块基板|IGBT 覆铜基板|AMB 基板', '陶瓷基板', '功率模块封装', 'import|life|performance', 'powerel', 'ic.power');
A('bearingball', '陶瓷轴承球|高速轴承|混合陶瓷轴承', '轴承', '精密轴承', 'import|life', 'machining', 'equip.precision');
A('semiparts', '半导体设备陶瓷部件|刻蚀腔体部件|晶圆载台', '陶瓷部件', '半导体设备零部件', 'import|precision|cost', 'semi', 'ic.process');
A('silkgarment', '真丝服装|丝绸面料|真丝家纺', '真丝面料', '丝绸', 'performance|stability', 'textile', 'newmat.textile');
A('sports', '运动服饰|户外服装|功能性服装', '面料', '运动服装', 'performance|cost', 'textile', 'newmat.textile');
A('medtex', '医用纺织品|医护服装|病号服', '医用面料', '医用纺织', 'safety|life', 'textile', 'newmat.textile');
A('evbatt', '动力电池|电动汽车电池|高比能电池', '电芯', '动力电池', 'performance|safety|life', 'battery', 'energy.battery');
A('ess', '储能电站|工商业储能|电化学储能系统', '储能系统', '储能集成', 'safety|cost|life', 'battery', 'energy.battery');
A('twowheel', '电动两轮车电池|低速车电池|两轮车动力电池', '电池包', '电动两轮车', 'cost|performance|safety', 'battery', 'energy.battery');
A('retired', '退役动力电池|废旧动力电池|梯次利用', '退役电池', '电池回收利用', 'efficiency|safety|cost', 'battery', 'env.recycle');
A('hjt', '异质结电池|HJT 电池|高效晶硅电池', '电池片', '光伏电池制造', 'cost|performance', 'pv', 'energy.pv');
A('bipv', '光伏建筑一体化|BIPV|建筑光伏', '光伏幕墙', '建筑幕墙', 'performance|cost|life', 'pv', 'energy.pv');
A('greenh2', '绿氢制备|电解水制氢|可再生能源制氢', '电解槽', '氢能装备', 'cost|import|energy', 'hydrogen', 'energy.hydrogen');
A('fctruck', '燃料电池重卡|氢燃料电池汽车|燃料电池商用车', '电堆', '燃料电池系统', 'cost|life|import', 'ev', 'energy.hydrogen');
A('weakgrid', '新能源弱电网|高比例新能源电网|孤岛微电网', '电网', '新能源场站', 'stability|safety', 'grid', 'energy.grid');
A('parkenergy', '工业园区能源管理|园区综合能源|工商业用户用能', '用能', '园区运营', 'cost|energy', 'grid', 'env.carbon');
A('winter', '冬季续航|低温续航|寒区电动车', '整车', '新能源汽车', 'energy|performance', 'ev', 'auto.ev');
A('edrive', '电驱动总成|三合一电驱|电驱系统', '电驱总成', '电驱系统', 'performance|energy|cost', 'ev', 'auto.ev');
A('parking', '自动泊车|记忆泊车|代客泊车', '泊车系统', '汽车电子', 'safety|accuracy', 'ev', 'auto.adas');
A('noa', '高速领航辅助|城市 NOA|L2+ 辅助驾驶', '辅助驾驶系统', '智能驾驶', 'safety|cost|performance', 'ev', 'auto.adas');
A('chassis', '智能底盘|线控底盘|底盘制动系统', '底盘', '汽车底盘', 'safety|import|performance', 'ev', 'auto.parts');
A('cabin', '车内噪声|座舱 NVH|路噪', '座舱', '整车', 'performance|cost', 'ev', 'auto.parts');
A('precmach', '精密零件加工|高精度机加工|精密机械加工', '零件', '精密机加工', 'precision|yield', 'machining', 'equip.machine_tool');
A('impeller', '叶轮加工|整体叶盘加工|复杂曲面加工', '叶轮', '叶轮机械', 'efficiency|precision|import', 'machining', 'equip.machine_tool');
A('waferthk', '晶圆厚度测量|膜厚测量|晶圆形貌检测', '晶圆', '半导体量测', 'precision|import|efficiency', 'semi', 'equip.testing');
A('grain', '粮食品质快检|农产品品质检测|食品成分快检', '样品', '粮油食品', 'turnaround|cost', 'food', 'equip.testing');
A('plasticsort', '废塑料分选|塑料分类识别|再生塑料分选', '废塑料', '再生资源', 'accuracy|efficiency', 'recycle', 'env.recycle');
A('packline', '电池模组装配|PACK 产线|电池包组装', '电池模组', '电池 PACK', 'efficiency|yield', 'battery', 'equip.automation');
A('compndt', '复合材料检测|复材构件无损检测|复合材料分层检测', '复材构件', '航空复材', 'detect|efficiency', 'aero', 'equip.testing');
A('battct', '电芯内部缺陷检测|电池对齐度检测|电芯 X 射线检测', '电芯', '动力电池', 'detect|efficiency|safety', 'battery', 'energy.battery');
A('castint', '铸件内部缺陷|铸件气孔检测|压铸件内部检测', '铸件', '压铸', 'detect|yield', 'metal', 'equip.testing');
A('structsim', '结构仿真|强度分析|结构设计验证', '仿真模型', '装备研发', 'import|efficiency|cost', 'software', 'it.software');
A('discrete', '离散制造车间|中小制造企业数字化|机加车间管理', '车间', '机械加工', 'efficiency|cost', 'ops', 'it.software');
A('smt', 'SMT 车间|电子组装车间|贴片产线', '贴片线', '电子组装', 'yield|efficiency', 'emfg', 'it.software');
A('motionnet', '运动控制通信|多轴同步控制|产线控制网络', '控制网络', '自动化设备', 'precision|stability|import', 'automation', 'it.network');
A('port', '港口远程控制|龙门吊远控|矿山远程操控', '远控系统', '港口与矿山', 'safety|efficiency', 'logistics', 'it.network');
A('plc', 'PLC 安全防护|工控网络防护|生产网安全', '控制系统', '流程工业', 'safety|stability', 'ops', 'it.security');
A('meddata', '医疗数据共享|跨医院数据协作|临床数据联合分析', '医疗数据', '医疗信息化', 'safety|efficiency', 'medops', 'it.security');
A('indoorair', '室内空气质量监测|甲醛检测|新风系统', '传感器', '环境电器', 'accuracy|cost|life', 'envmon', 'it.sensor');
A('gasleak', '化工园区有毒气体泄漏|危化品气体泄漏监测|可燃气体报警', '气体探测器', '化工安全', 'safety|accuracy|energy', 'infra', 'it.sensor');
A('mattress', '睡眠监测床垫|智能床垫|卧床监护', '床垫', '智能家居', 'accuracy|cost|stability', 'medops', 'it.sensor');
A('farm', '智慧农业环境监测|大棚监测|农田墒情监测', '监测终端', '智慧农业', 'energy|cost', 'agri', 'it.sensor');
A('dyeww', '印染废水|纺织印染废水|高色度废水', '废水', '印染', 'pollution|cost', 'water', 'env.water');
A('pharmaww', '制药废水|化工难降解废水|高盐有机废水', '废水', '精细化工', 'pollution|cost', 'water', 'env.water');
A('municipal', '城镇污水提标|污水处理厂提标|市政污水', '出水', '水务运营', 'pollution|energy|cost', 'water', 'env.water');
A('leachate', '垃圾渗滤液|高氨氮废水|渗滤液处理', '渗滤液', '固废处置', 'pollution|cost|energy', 'water', 'env.water');
A('coatvoc', '涂装废气|喷涂 VOCs|印刷废气', '废气', '工业涂装', 'pollution|energy|cost', 'air', 'env.air');
A('kiln', '工业窑炉脱硝|玻璃窑炉烟气|生物质锅炉烟气', '烟气', '建材', 'pollution|cost', 'air', 'env.air');
A('lirec', '废旧锂电池回收|锂电池黑粉回收|电池材料再生', '黑粉', '资源再生', 'yield|pollution|cost', 'recycle', 'env.recycle');
A('polytex', '废旧涤纶纺织品|废旧纺织品回收|涤纶再生', '废旧纺织品', '化纤', 'cost|performance|pollution', 'recycle', 'env.recycle');
A('petbottle', '废 PET 瓶|瓶片再生|rPET', '瓶片', '再生材料', 'performance|cost', 'recycle', 'env.recycle');
A('cbam', '出口碳关税应对|出口产品碳足迹|欧盟电池法规合规', '出口产品', '外贸制造', 'cost|efficiency', 'carbon', 'env.carbon');
A('cement', '水泥窑碳减排|水泥厂碳捕集|高排放工业减碳', '烟气', '水泥建材', 'pollution|cost|energy', 'carbon', 'env.carbon');

// ------------------------------------------------------------------ latent concepts: technique × application × subfield
interface Concept {
  t: string;
  a: string;
  sub: string;
}
const CONCEPTS: Concept[] = [];
const C = (sub: string, pairs: string) => {
  for (const p of split(pairs)) {
    const [t, a] = p.split('-') as [string, string];
    CONCEPTS.push({ t, a, sub });
  }
};
C('ai.cv', 'cv_defect-pcb_aoi|cv_defect-fabric|cv_defect-pvel|cv_anomaly-pcb_aoi|cv_anomaly-fabric|cv_3d-weld|cv_3d-castdim');
C('ai.nlp', 'rag-maintqa|rag-contract|kg-patent|kg-maintqa');
C('ai.ml', 'ts_forecast-load|ts_forecast-sales|federated-credit');
C('ai.speech', 'asr_noise-voice|acoustic-motor');
C('ai.industrial', 'procopt-injmold|procopt-dyeing|pdm-spindle|pdm-motor|twin-asmline');
C('embodied.robot', 'dexhand-hgrasp|biped-hwalk|svcnav-hospital');
C('embodied.industrial_robot', 'forcectl-castgrind|forcectl-polish|vispick-binpick|vispick-depal');
C('embodied.perception', 'slam-agv|tactile-hgrasp');
C('embodied.actuator', 'harmonic-cobot|jointmod-cobot|jointmod-hwalk');
C('photonics.silicon', 'simod-dcopt|tfln-coherent|tfln-dcopt|coupling-dcopt');
C('photonics.laser', 'ultrafast-glasscut|laserweld-tabweld|laserclad-hydrod|laserclad-moldrep');
C('photonics.optical_comm', 'lpo-dcopt|vcsel-shortreach');
C('photonics.sensing', 'dfos-pipeleak|dfos-perimeter|fbg-bridge|fbg-xfmr');
C('quantum.metrology', 'nvmag-chipfa|nvmag-battcur');
C('quantum.communication', 'qkd-gridsec|qkd-banklink');
C('quantum.computing', 'qopt-sched');
C('superconduct.material', 'htstape-sccable');
C('superconduct.device', 'sfcl-fcl|htstape-mri');
C('atomic.deposition', 'ald-pvpass|ald-cathode|ale-etch3d');
C('atomic.precision', 'ibf-mirror|ibf-waferflat');
C('ic.design', 'lpmcu-iot|sar-bmsafe|sar-ecg|npu-smartcam');
C('ic.process', 'cmp-cuint|cmp-sicsub|resist-litho');
C('ic.packaging', 'wlp-rfmod|wlp-chiplet|hbond-chiplet|tim-chipcool');
C('ic.power', 'sicmos-evinv|sicmos-pvinv|gan-charger');
C('ic.eda', 'edaplace-backend');
C('display.oled', 'tfe-foldable|ijoled-largeoled');
C('display.microled', 'masstr-ledwall|qdcc-ardisp|qdcc-ledwall');
C('display.material', 'tadf-blueoled|cpi-foldable');
C('biomed.drug', 'protac-tumor|aidrug-leadopt|aidrug-tumor');
C('biomed.antibody', 'adc-solidtumor|bsab-solidtumor|cho-abyield');
C('biomed.cell_gene', 'cart-bloodca|aav-eye|aav-vecmfg');
C('biomed.device', 'biostent-cardio|biostent-ortho|surgrobot-lap|wearable-chronic');
C('biomed.diagnostics', 'microfluidic-resp|microfluidic-cardiac|crispr-resp|clia-cardiac');
C('biomed.tcm', 'tcmfp-tcmq|tcmext-tcmprod');
C('biomanuf.synbio', 'cellfac-ectoine|cellfac-ginseno|cellfac-hmo');
C('biomanuf.enzyme', 'immob-chiral|direvo-chiral|direvo-feed');
C('biomanuf.biomaterial', 'cellfac-pha|pla-pack|silkfib-wound');
C('aerospace.material', 'tpcf-airstruct|tpcf-droneframe');
C('aerospace.space', 'tiam-satstruct');
C('aerospace.aircraft', 'tbc-blade');
C('lowalt.drone', 'droneinsp-powerline|droneinsp-pvplant|mea-longend');
C('lowalt.evtol', 'evtolprop-airtaxi');
C('lowalt.atc', 'lasurv-lamgmt');
C('newmat.nano', 'graphene-phonecool|agnw-touch|agnw-heater');
C('newmat.polymer', 'hffr-cable|hffr-battcase|vitrimer-windblade');
C('newmat.metal', 'hsal-gigacast|amorph-motorcore|amorph-disttx');
C('newmat.ceramic', 'si3n4-substrate|si3n4-bearingball|cer3dp-semiparts');
C('newmat.textile', 'silkfin-silkgarment|pcmfib-sports|antibac-medtex|antibac-sports');
C('energy.battery', 'sse-evbatt|sianode-evbatt|tr-ess|tr-evbatt|sodium-twowheel|sodium-ess|echelon-retired');
C('energy.pv', 'perov-bipv|perov-hjt|cuplate-hjt');
C('energy.hydrogen', 'pemcat-greenh2|mea-fctruck');
C('energy.grid', 'gfm-weakgrid|gfm-ess|vpp-parkenergy');
C('auto.ev', 'hptms-winter|oilmotor-edrive');
C('auto.adas', 'fusion-parking|fusion-noa|lidar-noa');
C('auto.parts', 'bbw-chassis|anc-cabin');
C('equip.machine_tool', 'thermcomp-precmach|thermcomp-spindle|fiveaxis-impeller');
C('equip.precision', 'interf-waferthk|spectro-grain|spectro-plasticsort');
C('equip.automation', 'flexasm-asmline|flexasm-packline');
C('equip.testing', 'utndt-compndt|utndt-weld|xct-battct|xct-castint');
C('it.software', 'cae-structsim|mes-discrete|mes-smt');
C('it.network', 'tsn-motionnet|p5g-port|p5g-motionnet');
C('it.security', 'ics-plc|privc-meddata|privc-credit');
C('it.sensor', 'mems-indoorair|mems-gasleak|flexp-mattress|lpwan-farm');
C('env.water', 'aop-dyeww|aop-pharmaww|mbr-municipal|mbr-dyeww|anammox-leachate');
C('env.air', 'vocs-coatvoc|scr-kiln');
C('env.recycle', 'hydromet-lirec|chemrec-polytex|chemrec-petbottle');
C('env.carbon', 'cfp-cbam|ccus-cement');

// sanity of the vocabulary itself
for (const c of CONCEPTS) {
  if (!TECHS[c.t]) throw new Error(`unknown technique ${c.t}`);
  if (!APPS[c.a]) throw new Error(`unknown application ${c.a}`);
  if (!fieldParent.get(c.sub)) throw new Error(`not a subfield code: ${c.sub}`);
}
for (const a of Object.values(APPS)) {
  if (a.field && !fieldParent.get(a.field)) throw new Error(`not a subfield code: ${a.field}`);
  for (const k of a.kinds) if (!KINDS[k]) throw new Error(`unknown kind ${k}`);
}

// ------------------------------------------------------------------ text composition
const DISTRICTS: Record<string, string> = { '320505': '虎丘区', '320506': '吴中区', '320507': '相城区', '320508': '姑苏区', '320509': '吴江区', '320571': '工业园区', '320581': '常熟市', '320582': '张家港市', '320583': '昆山市', '320585': '太仓市' };
const DISTRICT_CODES = Object.keys(DISTRICTS);
const MODES = ['transfer', 'license_general', 'license_exclusive', 'use_first_pay_later', 'equity', 'joint_dev'] as const;
const MODE_TEXT: Record<string, string> = { transfer: '技术转让', license_general: '普通许可', license_exclusive: '独占许可', use_first_pay_later: '先使用后付费', equity: '作价入股', joint_dev: '联合开发' };
// owners, their districts, and the top fields they lean to (empty = any)
const OWNERS: { name: string; districts: string[]; tops: string[] }[] = [
  { name: '苏州大学', districts: ['320508', '320571', '320507', '320509'], tops: [] },
  { name: '西交利物浦大学', districts: ['320571'], tops: ['ai', 'it', 'env', 'equip', 'newmat'] },
  { name: '中国科学院苏州纳米技术与纳米仿生研究所', districts: ['320571'], tops: ['newmat', 'ic', 'display', 'energy', 'photonics', 'it', 'quantum', 'atomic', 'superconduct'] },
  { name: '东南大学苏州研究院', districts: ['320571'], tops: ['ic', 'it', 'ai', 'energy', 'photonics', 'auto', 'biomed'] },
  { name: '苏州科技大学', districts: ['320505'], tops: ['env', 'equip', 'newmat', 'it', 'ai'] },
  { name: '常熟理工学院', districts: ['320581'], tops: ['auto', 'equip', 'newmat', 'energy', 'env', 'biomanuf'] },
  { name: '南京大学苏州校区', districts: ['320505'], tops: ['ai', 'photonics', 'quantum', 'superconduct', 'newmat', 'env', 'biomed', 'atomic'] },
  { name: '中国科学院苏州生物医学工程技术研究所', districts: ['320505'], tops: ['biomed', 'photonics', 'equip'] },
  { name: '哈尔滨工业大学苏州研究院', districts: ['320571'], tops: ['embodied', 'equip', 'aerospace', 'lowalt', 'ai'] },
  { name: '西北工业大学太仓校区', districts: ['320585'], tops: ['aerospace', 'lowalt', 'newmat', 'embodied'] },
  { name: '昆山杜克大学', districts: ['320583'], tops: ['biomed', 'env', 'ai'] },
  { name: '江苏科技大学苏州理工学院', districts: ['320582'], tops: ['equip', 'newmat', 'energy', 'env'] },
  { name: '苏州市职业大学', districts: ['320506'], tops: ['equip', 'it', 'auto', 'embodied'] },
  { name: '清华大学苏州汽车研究院', districts: ['320509'], tops: ['auto', 'energy', 'ai'] },
];

const num = {
  p: () => String(int(76, 90)),
  p2: () => (95 + rand() * 4.8).toFixed(1),
  q: () => (0.1 + rand() * 1.9).toFixed(1),
  r: () => String(int(15, 60)),
  x: () => (1.5 + rand() * 3.5).toFixed(1),
  m: () => String(int(5, 45)),
  h: () => String(int(2, 16) * 500),
};
function fill(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k in vars) return vars[k]!;
    const g = (num as Record<string, () => string>)[k];
    if (g) return g();
    throw new Error(`unfilled {${k}} in ${tpl}`);
  });
}
/** technique + artefact, merging an overlap ("…检测" + "检测系统" → "…检测系统"). */
function withArt(tech: string, art: string): string {
  if (tech.endsWith(art)) return tech;
  for (let k = Math.min(art.length, tech.length) - 1; k > 0; k--) if (tech.endsWith(art.slice(0, k))) return tech + art.slice(k);
  return tech + art;
}
const stageOf = (trl: number) => (trl <= 3 ? '实验室原理验证' : trl === 4 ? '实验室样机' : trl === 5 ? '中试' : trl === 6 ? '工程样机现场试用' : trl === 7 ? '小批量试产' : '规模化应用');
const validOf = (trl: number) => (trl <= 3 ? '实验室测试' : trl <= 5 ? '中试' : trl <= 7 ? '企业现场试用' : '批量应用');

// abstracts: openings (10), methods (7), results (5), closings (6)
const OPEN = [
  '针对{APP}中{PROB}的问题，本项目提出了一种基于{F1}的{TA}。',
  '本成果面向{APP}，以{TECH}为核心，重点解决{PROB}等难题。',
  '{APP}长期面临{PROB}的困扰，课题组围绕{TECH}开展了系统研究。',
  '项目研制了适用于{APP}的{TA}，可有效缓解{PROB}问题。',
  '为突破{APP}领域{PROB}的瓶颈，本成果将{TECH}与{F1}相结合，形成了完整的技术方案。',
  '本技术属于{FNAME}领域，具体涉及一种用于{APP}的{TA}。',
  '围绕{OBJ}{PROB}这一行业痛点，团队开发了{TA}。',
  '该成果聚焦{TECH}在{APP}场景中的工程化应用。',
  '本发明公开了一种面向{APP}的{TA}及其实现方法。',
  '{TECH}是提升{APP}水平的关键手段，但现有方案普遍存在{PROB}的不足。',
];
const METHOD = [
  '该方案通过{F1}和{F2}，兼顾了性能与成本。',
  '核心创新在于{F2}，同时引入{F3}，显著提升了整体性能。',
  '技术路线采用{F1}，并辅以{F2}，具有工艺简单、易于放大的特点。',
  '与传统的{LEG}相比，该{ART}依托{F1}实现了关键指标的突破。',
  '研究中重点攻克了{F2}与{F3}两项关键技术。',
  '成果集成了{F1}、{F2}等关键环节，便于在{BIZ}企业落地。',
  '在{TECH2}的基础上，团队进一步引入了{F1}。',
];
const RESULT = ['经{VALID}验证，{OUT1}。', '测试结果表明，{OUT1}，{OUT2}。', '{VALID}数据显示，{OUT1}。', '与国内外同类技术相比，{OUT1}。', '实际应用中，{OUT2}，{OUT1}。'];
function closing(trl: number, modes: string[]): string {
  const opts = ['已申请发明专利{n}项，其中授权{k}项。', `目前处于${stageOf(trl)}阶段，可采用${modes.map((m) => MODE_TEXT[m]).join('或')}等方式合作。`];
  if (trl >= 6) opts.push('已在{e}家企业开展示范应用。');
  if (trl >= 7) opts.push('团队具备小批量供货和技术服务能力。');
  if (trl <= 5) opts.push(`下一步拟与企业共同开展${pick(['中试放大', '工程样机研制', '应用场景验证'])}。`);
  if (trl <= 4) opts.push('相关研究已发表 SCI 论文{n}篇。');
  const n = int(2, 9);
  return fill(pick(opts), { n: String(n), k: String(int(1, n)), e: String(int(2, 12)) });
}
// titles (8)
const A_TITLE = ['{TECH}及其在{APP}中的应用', '面向{APP}的{TA}', '基于{F1}的{TA}', '{APP}用{TA}', '一种用于{OBJ}的{TA}', '高性能{TA}研制', '{APP}{KT}关键技术', '{TECH}技术在{OBJ}{KT}中的应用'];

// demands: intros (8), symptoms (10), goals (7 + 4 without naming a technique), constraints (8), titles (8)
const D_INTRO = [
  '我司是一家位于{DIST}的{BIZ}企业，主要产品涉及{OBJ}。',
  '公司从事{BIZ}已有十余年，年产值约{y}亿元。',
  '我们是{DIST}一家{BIZ}领域的专精特新企业。',
  '作为{BIZ}企业，{APP}是我们生产经营中的关键环节。',
  '本公司主营{BIZ}业务，近年来订单增长较快。',
  '企业位于{DIST}，属于{BIZ}行业，现有员工{w}人。',
  '我单位长期为下游客户提供{OBJ}相关产品和服务。',
  '公司正在推进{APP}方面的转型升级。',
];
const D_SYMPTOM = [
  '目前在{APP}方面，{S1}，{S2}。',
  '生产中最头疼的是{S1}。',
  '近两年{S1}的问题越来越突出，{S2}。',
  '现有做法主要依靠{LEG}，但{S1}。',
  '客户反馈{S1}，已经影响到订单交付。',
  '我们尝试过多种办法，但问题依旧：{S1}。',
  '一直以来{S1}，这成为制约产能扩张的主要因素。',
  '在{APP}环节，{S1}；同时{S2}。',
  '具体表现为：{S1}，{S2}。',
  '{S1}，这是我们当前最迫切需要解决的问题。',
];
const D_GOAL_TECH = [
  '希望引入{TECHD}，{G}。',
  '如有高校团队在{TECHD}方面有积累，欢迎对接，重点是{G}。',
  '希望借助{TECHD}等新技术，{G}。',
  '初步考虑采用{TECHD}路线，{G}。',
];
const D_MENTION = ['这些问题集中出现在{APP}上。', '涉及的场景主要是{APP}。', '问题主要出在{OBJ}这一块。', '需求针对的是{APP}。'];
const D_GOAL_PLAIN = ['寻求成熟可靠的技术方案，{G}。', '期望通过产学研合作{G}，并形成可复制推广的做法。', '我们的目标是{G}。', '拟联合高校攻关，{G}。'];
const D_CONSTRAINT = [
  '方案需兼容现有产线，改造周期不超过{mo}个月。',
  '预算有限，倾向于以{MODE}方式合作。',
  '{TRLC}',
  '希望合作方能派技术人员驻厂协助落地。',
  '要求知识产权清晰，可签订{MODE}协议。',
  '新增设备的占地和能耗不能明显增加。',
  '相关生产数据需在本地处理，不能上传外部云端。',
  '项目周期希望控制在{mo}个月以内。',
];
const D_TITLE = ['{APP}{KT}技术攻关', '寻求{APP}{KT}方案', '{OBJ}{KSHORT}问题求解', '{APP}提质降本技术需求', '关于{APP}的技术合作需求', '{BIZ}企业{APP}升级需求', '征集{TECHD}相关技术', '{APP}：{KSHORT}怎么破'];

function ownerFor(sub: string): { name: string; district: string } {
  const t = top(sub);
  const pool = OWNERS.filter((o) => o.tops.length === 0 || o.tops.includes(t));
  const o = chance(0.8) ? pick(pool) : pick(OWNERS);
  return { name: o.name, district: pick(o.districts) };
}
const date = (y: number) => `${y}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
function pickModes(): string[] {
  const n = pick([1, 1, 2, 2, 2, 3]);
  const chosen = shuffle(MODES).slice(0, n);
  return MODES.filter((m) => chosen.includes(m));
}
const others = <T>(xs: readonly T[], x: T) => xs.filter((y) => y !== x);

// ------------------------------------------------------------------ achievements
interface Achievement {
  id: string;
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  trl: number;
  valuation: { amountFen: number | null; method: 'income' | 'market' | 'cost' | null; date: string | null };
  modes: string[];
  publiclyFunded: boolean;
  confidential: boolean;
  status: 'unconverted' | 'negotiating' | 'converted';
  owner: string;
  district: string;
}
interface Demand {
  id: string;
  title: string;
  problem: string;
  fields: string[];
  requiredTrl: { min: number; max: number };
  budgetFen: { min: number; max: number } | null;
  modes: string[];
  district: string;
  deadline: string;
}

function makeAchievement(c: Concept, forceEligible: boolean): Achievement {
  const T0 = TECHS[c.t]!;
  const P = APPS[c.a]!;
  const tech = chance(0.75) ? T0.names[0]! : pick(T0.names.slice(1));
  const app = chance(0.8) ? P.names[0]! : pick(P.names.slice(1));
  const k1 = pick(P.kinds);
  const k2 = P.kinds.length > 1 && chance(0.7) ? pick(others(P.kinds, k1)) : k1;
  const [F1, F2, F3] = shuffle(T0.feats) as [string, string, string];
  const trl = pick([2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8, 9]);
  const modes = pickModes();
  const out1 = fill(pick(KINDS[k1]!.out), {});
  let out2 = fill(pick(KINDS[k2]!.out), {});
  if (out2 === out1) out2 = fill(pick(others(KINDS[k2]!.out, out1).length ? others(KINDS[k2]!.out, out1) : KINDS[k2]!.out), {});
  const vars: Record<string, string> = {
    TECH: tech,
    TECH2: pick(others(T0.names, tech)),
    APP: app,
    OBJ: P.obj,
    F1,
    F2,
    F3,
    PROB: KINDS[k1]!.short,
    OUT1: out1,
    OUT2: out2,
    TA: withArt(tech, T0.art),
    ART: T0.art,
    LEG: pick(KINDS[k1]!.legacy),
    VALID: validOf(trl),
    BIZ: P.biz,
    FNAME: fieldName.get(c.sub)!,
    KT: KINDS[k1]!.title,
  };
  const sentences = [fill(pick(OPEN), vars), fill(pick(METHOD), vars)];
  const withResult = chance(0.8);
  if (withResult) sentences.push(fill(pick(RESULT), vars));
  if (chance(withResult ? 0.5 : 0.9)) sentences.push(closing(trl, modes));
  const title = fill(pick(A_TITLE), vars);
  let keywords = [tech, F1, app];
  if (chance(0.4)) keywords.push(pick(others(T0.names, tech)));
  if (chance(0.4)) keywords.push(P.obj);
  if (chance(0.3)) keywords.push(F2);
  if (chance(0.2)) keywords.push(fieldName.get(c.sub)!);
  keywords = [...new Set(keywords)].slice(0, 6);
  const fields = [c.sub];
  if (P.field && P.field !== c.sub && chance(0.3)) fields.push(P.field);
  const owner = ownerFor(c.sub);
  const valued = chance(0.8);
  const r = rand();
  return {
    id: '',
    title,
    abstract: sentences.join(''),
    keywords,
    fields,
    trl,
    valuation: valued
      ? { amountFen: int(20, 3000) * 10000 * 100, method: pick(['income', 'market', 'cost'] as const), date: date(2026) }
      : { amountFen: null, method: null, date: null },
    modes,
    publiclyFunded: chance(0.7),
    confidential: !forceEligible && chance(0.04),
    status: forceEligible ? 'unconverted' : r < 0.05 ? 'converted' : r < 0.2 ? 'negotiating' : 'unconverted',
    owner: owner.name,
    district: owner.district,
  };
}

// ------------------------------------------------------------------ demands
let synonymDemands = 0;
function makeDemand(c: Concept): Demand {
  const T0 = TECHS[c.t]!;
  const P = APPS[c.a]!;
  // a good third (or more) of the demands avoid the canonical wording of achievements altogether
  const syn = chance(0.45);
  if (syn) synonymDemands++;
  const app = syn ? pick(P.names.slice(1)) : P.names[0]!;
  const nameTech = chance(syn ? 0.5 : 0.7);
  const techD = syn ? pick(T0.names.slice(1)) : pick(T0.names);
  const k1 = pick(P.kinds);
  const k2 = P.kinds.length > 1 && chance(0.6) ? pick(others(P.kinds, k1)) : k1;
  const K1 = KINDS[k1]!;
  const K2 = KINDS[k2]!;
  const s1 = pick(K1.sym);
  const s2 = pick(others(K2.sym, s1).length ? others(K2.sym, s1) : K2.sym);
  const district = pick(DISTRICT_CODES);
  const trlMin = pick([3, 4, 4, 5, 5, 5, 6, 6, 7]);
  const trlMax = Math.min(9, trlMin + int(1, 4));
  const modes = pickModes();
  const vars: Record<string, string> = {
    APP: app,
    OBJ: P.obj,
    BIZ: P.biz,
    DIST: DISTRICTS[district]!,
    S1: fill(s1, { obj: P.obj }),
    S2: fill(s2, { obj: P.obj }),
    LEG: pick(K1.legacy),
    TECHD: techD,
    G: fill(pick(K1.goal), { obj: P.obj }),
    MODE: MODE_TEXT[pick(modes)]!,
    TRLC: trlMin >= 5 ? '要求技术已经过中试或现场验证。' : '可以接受处于样机阶段的技术，双方共同完善。',
    KT: K1.title,
    KSHORT: K1.short,
    y: String(int(1, 30)),
    w: String(int(5, 80) * 10),
    mo: String(int(3, 18)),
  };
  const sentences: string[] = [];
  if (chance(0.8)) sentences.push(fill(pick(D_INTRO), vars));
  sentences.push(fill(pick(D_SYMPTOM), vars));
  if (sentences.length < 2 || chance(0.35)) {
    const rest = K2.sym.filter((x) => x !== s1 && x !== s2);
    const s3 = fill(pick(rest.length ? rest : K1.sym.filter((x) => x !== s1)), { obj: P.obj });
    sentences.push(pick([`此外，${s3}。`, `另一方面，${s3}。`, `与此同时，${s3}。`]));
  }
  if (!sentences.some((x) => x.includes(app) || x.includes(P.obj))) sentences.push(fill(pick(D_MENTION), vars));
  sentences.push(fill(pick(nameTech ? D_GOAL_TECH : D_GOAL_PLAIN), vars));
  const nCons = sentences.length >= 4 ? int(0, 1) : int(1, 2);
  for (const t of shuffle(D_CONSTRAINT).slice(0, Math.min(nCons, 5 - sentences.length))) sentences.push(fill(t, vars));
  while (sentences.length < 3) sentences.push(fill(pick(D_CONSTRAINT), vars));
  const titles = nameTech ? D_TITLE : D_TITLE.filter((t) => !t.includes('TECHD'));
  let fields = [c.sub];
  const r = rand();
  if (P.field && P.field !== c.sub) fields = r < 0.15 ? [P.field] : r < 0.35 ? [c.sub, P.field] : [c.sub];
  const budget = chance(0.8) ? int(30, 400) * 10000 * 100 : null;
  return {
    id: '',
    title: fill(pick(titles), vars),
    problem: sentences.join(''),
    fields,
    requiredTrl: { min: trlMin, max: trlMax },
    budgetFen: budget === null ? null : { min: budget, max: Math.round((budget * int(15, 40)) / 10 / 10000 / 100) * 10000 * 100 },
    modes,
    district,
    deadline: date(2027),
  };
}

// ------------------------------------------------------------------ grades from the latent concepts
function grade(d: Concept, a: Concept): number {
  if (d.t === a.t && d.a === a.a) return 3;
  const related = APPS[d.a]!.group === APPS[a.a]!.group;
  if (d.t === a.t && related) return 2; // same technique, related application
  if (d.a === a.a) return 2; // same application, another technique
  if (d.t === a.t) return 1; // same technique, unrelated application
  if (top(d.sub) === top(a.sub)) return 1; // same top field only
  return 0;
}

// ------------------------------------------------------------------ generation
const achievementsOf: { c: Concept; a: Achievement }[] = [];
for (const c of CONCEPTS) {
  const n = pick([2, 3, 3, 3, 4, 4, 5]);
  for (let i = 0; i < n; i++) achievementsOf.push({ c, a: makeAchievement(c, false) });
}
// demand targets: one concept from every subfield that has concepts, then some more (a concept may get two demands)
const bySub = new Map<string, Concept[]>();
for (const c of CONCEPTS) bySub.set(c.sub, [...(bySub.get(c.sub) ?? []), c]);
const targets: Concept[] = shuffle([...bySub.values()].map((cs) => pick(cs)));
while (targets.length < 75) targets.push(pick(CONCEPTS));
const eligible = (a: Achievement) => !a.confidential && a.status !== 'converted';
// guarantees: ≥ 2 eligible concept matches (grade 3) and ≥ 4 eligible grade ≥ 2 per target
for (const d of new Set(targets)) {
  const g = (min: number) => achievementsOf.filter((x) => eligible(x.a) && grade(d, x.c) >= min).length;
  while (g(3) < 2 || g(2) < 4) achievementsOf.push({ c: d, a: makeAchievement(d, true) });
}
const order = shuffle(achievementsOf);
order.forEach((x, i) => (x.a.id = `A${String(i + 1).padStart(4, '0')}`));
const demands = shuffle(targets).map((c, i) => ({ c, d: { ...makeDemand(c), id: `D${String(i + 1).padStart(3, '0')}` } }));

// qrels: every eligible achievement with grade ≥ 1, plus sampled grade-0 ones (≥ 20, pool ≥ 40)
const qrels: string[] = ['demandId\tachievementId\tgrade'];
for (const { c, d } of demands) {
  const judged = order.filter((x) => eligible(x.a)).map((x) => ({ id: x.a.id, g: grade(c, x.c) }));
  const pos = judged.filter((x) => x.g > 0);
  const zeros = shuffle(judged.filter((x) => x.g === 0)).slice(0, Math.max(20, 40 - pos.length));
  for (const x of [...pos, ...zeros].sort((p, q) => q.g - p.g || p.id.localeCompare(q.id))) qrels.push(`${d.id}\t${x.id}\t${x.g}`);
}

// ------------------------------------------------------------------ output
const key = (o: object) => JSON.stringify(o);
fs.writeFileSync(path.join(here, 'achievements.jsonl'), order.map((x) => key(x.a)).join('\n') + '\n');
fs.writeFileSync(path.join(here, 'demands.jsonl'), demands.map((x) => key(x.d)).join('\n') + '\n');
fs.writeFileSync(path.join(here, 'qrels.tsv'), qrels.join('\n') + '\n');
const noCanonical = demands.filter(({ c, d }) => {
  const text = d.title + d.problem;
  return !text.includes(TECHS[c.t]!.names[0]!) && !text.includes(APPS[c.a]!.names[0]!);
}).length;
console.log(
  `${CONCEPTS.length} concepts over ${bySub.size} subfields; ${order.length} achievements; ${demands.length} demands (${synonymDemands} worded with synonyms, ${noCanonical} without the canonical technique or application term); ${qrels.length - 1} judgements`,
);
