/**
 * The demo's municipal agencies of 徐州市. `weight` is how commonly an enterprise deals with the
 * agency (tax and market regulation most); `boost` lists GB/T 4754 sections that deal with it far
 * more often (construction with 住建, manufacturing with 生态环境 ...). `rate2018`/`rate2019` are
 * the intended satisfaction rates in percent before the whole year is calibrated to its headline
 * figure: most agencies improve by different amounts, a few slip back.
 */
export interface AgencySpec {
  id: string;
  name: string;
  weight: number;
  rate2018: number;
  rate2019: number;
  boost?: string;
}

export const AGENCY_SPECS: readonly AgencySpec[] = [
  { id: 'tax', name: '市税务局', weight: 100, rate2018: 79, rate2019: 93 },
  { id: 'market-regulation', name: '市市场监督管理局', weight: 70, rate2018: 71, rate2019: 87 },
  { id: 'administrative-approval', name: '市行政审批局', weight: 40, rate2018: 73, rate2019: 92 },
  { id: 'human-resources', name: '市人力资源和社会保障局', weight: 45, rate2018: 70, rate2019: 83 },
  { id: 'medical-security', name: '市医疗保障局', weight: 28, rate2018: 65, rate2019: 80 },
  { id: 'housing-fund', name: '市住房公积金管理中心', weight: 20, rate2018: 69, rate2019: 84 },
  { id: 'public-security', name: '市公安局', weight: 24, rate2018: 72, rate2019: 85 },
  { id: 'power-supply', name: '国网徐州供电公司', weight: 34, rate2018: 71, rate2019: 84, boost: 'CBD' },
  { id: 'fire-rescue', name: '市消防救援支队', weight: 14, rate2018: 64, rate2019: 78, boost: 'HRK' },
  { id: 'government-services', name: '市政务服务管理办公室', weight: 12, rate2018: 72, rate2019: 88 },
  { id: 'statistics', name: '市统计局', weight: 15, rate2018: 72, rate2019: 82 },
  { id: 'housing-construction', name: '市住房和城乡建设局', weight: 12, rate2018: 62, rate2019: 71, boost: 'EK' },
  { id: 'natural-resources', name: '市自然资源和规划局', weight: 9, rate2018: 60, rate2019: 70, boost: 'EKBA' },
  { id: 'urban-management', name: '市城市管理局', weight: 10, rate2018: 59, rate2019: 70, boost: 'HFE' },
  { id: 'ecology-environment', name: '市生态环境局', weight: 9, rate2018: 63, rate2019: 74, boost: 'CBD' },
  { id: 'emergency-management', name: '市应急管理局', weight: 8, rate2018: 61, rate2019: 73, boost: 'BCDE' },
  { id: 'transport', name: '市交通运输局', weight: 7, rate2018: 62, rate2019: 74, boost: 'G' },
  { id: 'water-affairs', name: '市水务局', weight: 6, rate2018: 63, rate2019: 75, boost: 'AEN' },
  { id: 'commerce', name: '市商务局', weight: 7, rate2018: 69, rate2019: 82, boost: 'FH' },
  { id: 'development-reform', name: '市发展和改革委员会', weight: 7, rate2018: 67, rate2019: 79, boost: 'CD' },
  { id: 'industry-it', name: '市工业和信息化局', weight: 8, rate2018: 68, rate2019: 81, boost: 'CI' },
  { id: 'science-technology', name: '市科学技术局', weight: 6, rate2018: 70, rate2019: 83, boost: 'IMC' },
  { id: 'customs', name: '徐州海关', weight: 4, rate2018: 74, rate2019: 89, boost: 'CF' },
  { id: 'finance', name: '市财政局', weight: 5, rate2018: 66, rate2019: 77 },
  { id: 'big-data', name: '市大数据管理局', weight: 4, rate2018: 69, rate2019: 84, boost: 'I' },
  { id: 'pbc', name: '中国人民银行徐州市中心支行', weight: 5, rate2018: 73, rate2019: 85, boost: 'J' },
  { id: 'banking-insurance-regulation', name: '徐州银保监分局', weight: 2, rate2018: 69, rate2019: 80, boost: 'J' },
  { id: 'local-finance', name: '市地方金融监督管理局', weight: 2, rate2018: 67, rate2019: 77, boost: 'JL' },
  { id: 'justice', name: '市司法局', weight: 3, rate2018: 71, rate2019: 79 },
  { id: 'intermediate-court', name: '徐州市中级人民法院', weight: 4, rate2018: 77, rate2019: 74 },
  { id: 'procuratorate', name: '徐州市人民检察院', weight: 2, rate2018: 70, rate2019: 78 },
  { id: 'agriculture', name: '市农业农村局', weight: 3, rate2018: 66, rate2019: 79, boost: 'A' },
  { id: 'culture-tourism', name: '市文化广电和旅游局', weight: 3, rate2018: 68, rate2019: 80, boost: 'RH' },
  { id: 'health', name: '市卫生健康委员会', weight: 3, rate2018: 65, rate2019: 76, boost: 'QH' },
  { id: 'education', name: '市教育局', weight: 2, rate2018: 70, rate2019: 79, boost: 'P' },
  { id: 'civil-affairs', name: '市民政局', weight: 2, rate2018: 83, rate2019: 81, boost: 'O' },
  { id: 'municipal-gardens', name: '市市政园林局', weight: 2, rate2018: 63, rate2019: 71, boost: 'EN' },
  { id: 'civil-air-defence', name: '市人民防空办公室', weight: 2, rate2018: 61, rate2019: 72, boost: 'EK' },
  { id: 'state-assets', name: '市人民政府国有资产监督管理委员会', weight: 2, rate2018: 81, rate2019: 79 },
  { id: 'audit', name: '市审计局', weight: 2, rate2018: 83, rate2019: 80 },
];

/** How much more often an enterprise of a boosted section deals with the agency. */
export const BOOST_FACTOR = 5;
