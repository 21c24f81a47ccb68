/**
 * Tables for the demo's enterprises of 徐州市: districts with their GB/T 2260 division codes,
 * GB/T 4754-2017 sections with the words that name their businesses, sizes, and the characters
 * that trade names (字号) are made of. Weights are relative frequencies, roughly as in a
 * registry of a northern Jiangsu city: trade and manufacturing first, micro enterprises most.
 */
import type { EnterpriseSize } from './demo-types';

export interface DistrictSpec {
  code: string;
  name: string;
  weight: number;
}

export const DISTRICTS: readonly DistrictSpec[] = [
  { code: '320302', name: '鼓楼区', weight: 14 },
  { code: '320303', name: '云龙区', weight: 13 },
  { code: '320305', name: '贾汪区', weight: 4 },
  { code: '320311', name: '泉山区', weight: 16 },
  { code: '320312', name: '铜山区', weight: 17 },
  { code: '320321', name: '丰县', weight: 6 },
  { code: '320322', name: '沛县', weight: 7 },
  { code: '320324', name: '睢宁县', weight: 6 },
  { code: '320381', name: '新沂市', weight: 7 },
  { code: '320382', name: '邳州市', weight: 10 },
];

export interface IndustrySpec {
  section: string;
  weight: number;
  /** Industrial sections have more medium and large firms. */
  heavy?: boolean;
  words: readonly string[];
}

export const INDUSTRIES: readonly IndustrySpec[] = [
  { section: 'A', weight: 2.5, words: ['农业科技', '生态农业', '种植', '养殖', '果蔬', '苗木'] },
  { section: 'B', weight: 0.5, heavy: true, words: ['矿业', '煤业', '石材'] },
  {
    section: 'C', weight: 17, heavy: true,
    words: ['机械制造', '工程机械', '重工', '新材料', '食品', '纺织', '化工', '电子科技', '汽车零部件',
      '钢结构', '木业', '包装材料', '光伏科技', '医疗器械', '家具'],
  },
  { section: 'D', weight: 0.5, heavy: true, words: ['能源', '电力工程', '热力', '燃气'] },
  { section: 'E', weight: 9, heavy: true, words: ['建设工程', '建筑安装工程', '装饰工程', '市政工程', '路桥工程', '园林工程', '防水工程'] },
  {
    section: 'F', weight: 27,
    words: ['商贸', '贸易', '商业', '超市', '五金机电', '建材销售', '农资', '医药', '汽车销售', '电子商务', '食品销售', '服饰'],
  },
  { section: 'G', weight: 5, words: ['物流', '运输', '仓储', '快递服务', '货运'] },
  { section: 'H', weight: 3.5, words: ['餐饮管理', '酒店管理', '餐饮服务', '宾馆'] },
  { section: 'I', weight: 5, words: ['信息技术', '网络科技', '软件', '数据科技', '智能科技'] },
  { section: 'J', weight: 1, words: ['投资', '融资担保', '小额贷款'] },
  { section: 'K', weight: 3, words: ['房地产开发', '置业', '物业管理', '房产经纪'] },
  { section: 'L', weight: 11, words: ['企业管理', '商务咨询', '人力资源', '广告', '会展服务', '设备租赁'] },
  { section: 'M', weight: 9, words: ['工程技术', '检测', '建筑设计', '环保科技', '生物科技', '工程咨询'] },
  { section: 'N', weight: 1, words: ['环境工程', '水利工程', '园林绿化', '环卫服务'] },
  { section: 'O', weight: 2.5, words: ['家政服务', '汽车维修', '保洁服务', '美容美发'] },
  { section: 'P', weight: 0.8, words: ['教育咨询', '培训', '职业技能培训'] },
  { section: 'Q', weight: 0.7, words: ['医疗管理', '健康管理', '康复医疗'] },
  { section: 'R', weight: 2, words: ['文化传媒', '体育发展', '影视文化', '文化旅游'] },
];

export const SIZES: readonly EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];
export const SIZE_WEIGHTS = { light: [70, 23, 6, 1], heavy: [50, 32, 13, 5] } as const;

/** Characters of trade names (字号); two of them make most names, three when those run out. */
export const TRADE_NAME_CHARS = [
  ...'恒达华信鑫源宏盛金泰隆兴瑞丰嘉和泽润安康博远鼎力天成新城国汉彭淮海龙凯利顺祥德明诚益正中元方' +
    '圆昌荣旺佳通广宇晟昊翔腾卓越聚合众创智联东南阳光辉银玉峰山川江云汇万福宝永立久铭弘睿航骏锦绿' +
    '蓝青彩亿豪捷品优美尚启程晨星月宸晖岳',
];
