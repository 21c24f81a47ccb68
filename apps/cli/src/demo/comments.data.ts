/**
 * Short comments enterprises leave with some evaluations (≤ 60 characters each), chosen by the
 * tone that fits the rating: praise for the top two levels, suggestions for 基本满意, complaints below.
 */
export const PRAISE: readonly string[] = [
  '窗口工作人员态度热情，一次性告知所需材料，办事很顺畅。',
  '网上办理很方便，不用来回跑，点个赞。',
  '办理时限比承诺的还短，效率很高。',
  '政策宣讲及时到位，减税降费红利实实在在享受到了。',
  '专人上门指导，帮助企业解决了实际困难。',
  '“不见面审批”节省了大量时间，希望继续保持。',
  '工作人员廉洁自律，服务规范，值得肯定。',
];

export const SUGGESTIONS: readonly string[] = [
  '整体不错，希望进一步压缩办理时限。',
  '建议线上线下材料要求统一，避免重复提交。',
  '政策文件较多，希望能有更通俗的解读。',
  '高峰期排队时间较长，建议增加窗口。',
  '希望加强部门之间数据共享，减少证明材料。',
  '咨询电话有时打不通，建议改进。',
];

export const COMPLAINTS: readonly string[] = [
  '同一事项多次往返，材料要求前后不一致。',
  '审批环节多、周期长，影响项目进度。',
  '检查频次偏多，对企业正常经营有影响。',
  '工作人员解释不清楚，态度有待改进。',
  '惠企政策落实不到位，申报流程复杂。',
  '网上系统经常卡顿，提交后长时间没有反馈。',
  '反映的问题至今没有答复。',
];
