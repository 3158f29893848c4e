/** What each of this feature's audit events is called, on a timeline and in the audit log. */
export const CONCERN_EVENTS = {
  'concern.submitted': '已受理',
  'concern.filedFor': '工作人员代为登记',
  'concern.dispatched': '已分派',
  'concern.accepted': '已签收',
  'concern.replied': '答复',
  'concern.noted': '内部备注',
  'concern.infoRequested': '请您补充情况',
  'concern.supplemented': '居民补充',
  'concern.transferred': '已转交',
  'concern.whistled': '吹哨协调',
  'concern.reportedBack': '部门已回复',
  'concern.merged': '已合并',
  'concern.mergedIn': '并入重复诉求',
  'concern.resolved': '已办结',
  'concern.rated': '居民评价',
  'concern.reopened': '重新督办',
  'concern.withdrawn': '居民撤回',
  'concern.rerouted': '超时未签收，已转他人',
  'concern.escalated': '超期督办',
  'concern.reminded': '已提醒',
  'concern.autoClosed': '评价期满，自动归档',
  'concern.whistleChased': '催促部门回复',
  'concern.whistleEscalated': '部门逾期，提请督办',
  'concern.whistleLapsed': '部门逾期未回复，已恢复办理',
  'concern.moderated': '内容未通过审核',
  'concern.cleared': '已清理',
  'concern.exported': '导出归档',
  'concern.urged': '已催办',
  'concern.residentSilent': '未补充情况，已结束',
  'concern.handedToHousehold': '提交人已搬离，转由本户跟进',
  'concern.toMotion': '转为议题',
  'category.created': '新建诉求分类',
  'category.updated': '修改诉求分类',
} as const satisfies Record<string, string>;

type Labels = { [K in keyof typeof CONCERN_EVENTS]: string };

declare module '../../kernel/audit' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface EventTypes extends Labels {}
}
