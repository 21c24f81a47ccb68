/**
 * What the demo's enterprises ask the centre about, per request category (the domain's built-in
 * categories): how common each is, the demo agencies that handle it (the first dispatch goes to one
 * of them; a returned request goes to another), and a few titles with the situation behind them.
 */
export interface CategorySpec {
  category: string;
  weight: number;
  /** Ids of the demo's agencies (agencies.data.ts) that handle this category. */
  agencies: readonly string[];
  /** [title, what the enterprise says], one picked per request. */
  texts: readonly (readonly [string, string])[];
}

export const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    category: 'consultation', weight: 20,
    agencies: ['tax', 'market-regulation', 'human-resources', 'administrative-approval', 'government-services', 'medical-security'],
    texts: [
      ['咨询研发费用加计扣除政策', '企业今年研发投入增加，想了解加计扣除的适用范围和申报时间。'],
      ['咨询社保费阶段性减免', '想确认本企业是否符合社保费阶段性减免条件，以及如何办理。'],
      ['咨询经营范围变更流程', '拟增加经营范围，想了解需要准备哪些材料、能否全程网办。'],
      ['咨询稳岗返还申领条件', '企业去年未裁员，想了解稳岗返还的申领条件和到账时间。'],
    ],
  },
  {
    category: 'approval', weight: 15,
    agencies: ['administrative-approval', 'government-services', 'housing-construction', 'natural-resources', 'ecology-environment', 'fire-rescue'],
    texts: [
      ['施工许可审批进度缓慢', '新厂房施工许可申请已提交多日，至今未见审批结果，影响开工。'],
      ['环评批复办理时限过长', '技改项目环评材料已补正完毕，希望尽快出具批复。'],
      ['消防验收预约难', '新建仓库需要消防验收，线上预约一直排不上。'],
      ['项目立项材料反复退回', '项目备案材料多次被退回，每次要求不一致，希望一次性告知。'],
    ],
  },
  {
    category: 'operations', weight: 14,
    agencies: ['power-supply', 'water-affairs', 'transport', 'urban-management', 'emergency-management', 'commerce'],
    texts: [
      ['厂区频繁停电影响生产', '近一个月厂区多次非计划停电，生产线受损，请协调供电保障。'],
      ['园区道路货车通行受限', '园区周边道路限制货车通行，原料运输受阻，请协调通行时段。'],
      ['供水管网压力不足', '厂区用水高峰时水压不足，影响正常生产。'],
      ['门头招牌设置审批', '新店开业需设置门头招牌，不清楚审批标准。'],
    ],
  },
  {
    category: 'finance', weight: 12,
    agencies: ['finance', 'pbc', 'local-finance', 'banking-insurance-regulation', 'tax', 'industry-it'],
    texts: [
      ['小微企业贷款难', '企业订单增加需要流动资金，多家银行以缺少抵押为由拒贷。'],
      ['政府扶持资金迟迟未拨付', '去年获批的技改补助资金至今未到账。'],
      ['出口退税到账慢', '出口退税申报后迟迟未到账，资金周转困难。'],
      ['转贷应急资金申请', '贷款即将到期，希望申请转贷应急资金过桥。'],
    ],
  },
  {
    category: 'land', weight: 7,
    agencies: ['natural-resources', 'housing-construction', 'development-reform'],
    texts: [
      ['项目用地指标落实', '扩产项目已签约，用地指标迟迟未落实。'],
      ['不动产权证办理', '厂房已竣工验收，不动产权证办理进展缓慢。'],
      ['土地出让金分期缴纳', '希望了解土地出让金能否分期缴纳。'],
    ],
  },
  {
    category: 'talent', weight: 10,
    agencies: ['human-resources', 'science-technology', 'education', 'housing-fund', 'public-security'],
    texts: [
      ['高层次人才子女入学', '引进的技术骨干子女入学需要协调。'],
      ['人才公寓申请', '新招聘的大学生希望申请人才公寓，不清楚申请渠道。'],
      ['招工难', '企业扩产急需技术工人，希望对接职业院校。'],
      ['外籍专家工作许可', '外籍技术专家工作许可办理需要指导。'],
    ],
  },
  {
    category: 'contracts', weight: 6,
    agencies: ['commerce', 'justice', 'state-assets', 'finance', 'development-reform'],
    texts: [
      ['政府项目工程款拖欠', '承建的政府项目已竣工结算，工程款长期拖欠。'],
      ['招商引资承诺未兑现', '招商引资协议约定的配套条件至今未兑现。'],
      ['国企采购合同付款延迟', '与国有企业签订的采购合同付款一再延迟。'],
    ],
  },
  {
    category: 'legal', weight: 6,
    agencies: ['justice', 'intermediate-court', 'procuratorate', 'public-security'],
    texts: [
      ['合同纠纷执行难', '胜诉判决生效半年仍未执行到位。'],
      ['商标被恶意抢注', '企业商标被他人恶意抢注，希望获得法律指导。'],
      ['企业遭遇合同诈骗', '企业疑似遭遇合同诈骗，报案后进展不明。'],
    ],
  },
  {
    category: 'disturbance', weight: 5,
    agencies: ['market-regulation', 'ecology-environment', 'emergency-management', 'urban-management', 'public-security', 'fire-rescue'],
    texts: [
      ['多部门重复检查', '一个月内多个部门就同一事项上门检查，影响正常经营。'],
      ['检查标准前后不一', '同一检查事项不同批次执法人员要求不一致。'],
      ['临时停产要求未提前告知', '接到临时停产通知，没有提前告知和过渡期。'],
    ],
  },
];
