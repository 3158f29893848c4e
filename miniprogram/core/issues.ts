/**
 * Plain Chinese for every input problem zod finds without a message of the schema's own:
 * it names the field and says what to do, never zod's wording (「出现未知的键」「无效输入：期望
 * number」…). One mapping, installed for the whole app in schema.ts, so the device and the
 * server say the same thing, for every contract.
 */
import type { core } from 'zod';

/** What people call each input field; an unknown one is named by its key. */
export const FIELD_LABELS: Record<string, string> = {
  active: '是否启用', activeOnly: '只看启用', all: '全部', away: '外出设置', bookingId: '预约', buildingId: '楼栋',
  cancelCutoffHours: '取消截止时间', category: '分类', categoryId: '分类', channel: '登记方式', code: '邀请码',
  comment: '评价内容', communityId: '社区', concernId: '诉求', confirm: '确认', contactHours: '联系时限',
  contactName: '反映人称呼', cursor: '分页参数', decision: '审核结果', departmentId: '部门', description: '服务说明',
  durationMinutes: '时长', end: '结束时间', fileId: '图片', fileIds: '图片', from: '开始时间', gridId: '网格',
  gridIds: '网格', groupBy: '统计方式', hideName: '匿名', homeVisit: '上门服务', householdId: '住户', households: '住户',
  ids: '编号', intoId: '原诉求', intoNumber: '受理编号', itemId: '审核项', kind: '类型', leader: '网格长', limit: '每页条数',
  location: '地点', maxPerMonth: '每月次数', memberId: '成员', minNoticeHours: '提前预约时间', moment: '时间', name: '名称',
  note: '说明', onBehalfOf: '居民', order: '排序', overdue: '超期', phone: '电话', photos: '图片', question: '需要补充的内容',
  reason: '原因', replyDays: '回复期限', requestId: '申请', residentId: '居民', residentWaitDays: '等待补充天数',
  resolveDays: '办结时限', resolved: '是否已解决', results: '结果', roles: '角色', room: '门牌号', satisfaction: '满意度',
  schedule: '排班', score: '评分', seatsPerSlot: '每个时段名额', serviceId: '服务', sharePhone: '共享电话', shared: '共享',
  slotId: '时段', staffIds: '工作人员', start: '开始时间', status: '状态', subdistrict: '所属街道', subjectId: '举报对象',
  subjectType: '举报类型', summary: '处理结果', templates: '答复模板', text: '内容', to: '结束时间', toGridId: '网格',
  toMemberId: '工作人员', unit: '单元', unreadOnly: '只看未读', until: '结束时间', validDays: '有效天数', view: '列表',
  weekday: '星期', when: '时间', workerA: 'A角', workerB: 'B角',
};

/** The field an issue is about: the last named step of its path (an array item counts as its list). */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (key === undefined) return '填写的内容';
  return FIELD_LABELS[key] ?? `「${key}」`;
}

type Issue = Parameters<NonNullable<core.$ZodConfig['customError']>>[0];

/** The message for an issue the schema left without one. */
export function plainIssue(issue: Issue): string {
  const label = fieldLabel(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `请填写${label}` : `${label}格式不对`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_value':
      return `${label}不在可选范围内，请重新选择`;
    case 'too_big':
      if (issue.origin === 'string') return `${label}不能超过${issue.maximum}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}最多${issue.maximum}项`;
      return `${label}不能大于${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `请填写${label}` : `${label}至少需要${issue.minimum}个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}至少需要${issue.minimum}项`;
      return `${label}不能小于${issue.minimum}`;
    default:
      // invalid_format, not_multiple_of, invalid_union, invalid_key, invalid_element, custom.
      return `${label}格式不对`;
  }
}
