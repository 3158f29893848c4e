import { fieldError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';
import { appendEvent } from '../../kernel/audit';
import { changeMember } from '../../kernel/members';
import { memberIdFor } from '../../kernel/caller';
import { toMemberView } from './presenters';
import { checkWritten } from '../../kernel/content';

/**
 * Sets a member's roles and grids, audited. The resident role comes only from binding to a
 * household (verification), so it can be removed here (moving out) but not granted.
 */
export const setRoles: Handler<'member.setRoles'> = async (ctx) => {
  const { caller, input, now } = ctx;
  const db = ctx.db();
  await checkWritten(ctx, { name: input.name }, { scene: 'profile' });
  const roles = [...new Set(input.roles)];
  // A first admin from the deployment's configuration is an admin whatever the record says:
  // taking the role away here would report success and change nothing, so it is refused.
  if (!roles.includes('admin') && isConfiguredAdmin(ctx.deps.config.bootstrapAdmins, input.memberId, db.communityId)) {
    throw fieldError('VALIDATION_ERROR', 'roles', '该成员是系统配置的首任管理员，不能在这里取消管理员身份；如需取消，请联系技术人员修改部署配置');
  }
  const gridIds = roles.includes('gridWorker') ? [...new Set(input.gridIds)] : [];
  if (gridIds.length) {
    const grids = await db.getMany('grids', gridIds);
    if (grids.length !== gridIds.length) throw fieldError('VALIDATION_ERROR', 'gridIds', '所选网格不存在');
  }
  let before: string[] = [];
  let after: string[] = roles;
  const member = await changeMember(ctx.deps.store, input.memberId, now, (m) => {
    if (m && m.communityId !== db.communityId) throw fieldError('NOT_FOUND', 'memberId', '成员不存在');
    const isResident = !!m?.householdId && m.roles.includes('resident');
    if (roles.includes('resident') && !isResident) {
      throw fieldError('VALIDATION_ERROR', 'roles', '居民身份需通过绑定住户获得，不能直接设置');
    }
    // A department's contact is made by its join code and ended in the directory (audited there).
    const isContact = !!m?.departmentId && m.roles.includes('department');
    if (roles.includes('department') && !isContact) {
      throw fieldError('VALIDATION_ERROR', 'roles', '部门联系人身份需通过部门加入码获得，不能直接设置');
    }
    // A seat on the 居务监督委员会 comes only with a recorded term (not built yet): never from this form.
    if (roles.includes('supervisor') && !m?.roles.includes('supervisor')) {
      throw fieldError('VALIDATION_ERROR', 'roles', '居务监督委员会成员须经居民会议推选后登记，不能直接设置');
    }
    const isSupervisor = !!m?.roles.includes('supervisor');
    before = m?.roles ?? [];
    // Residency follows the household binding, not this form: a resident made a volunteer
    // or a grid worker stays a resident of their home.
    const next = [...new Set([...roles.filter((r) => r !== 'resident' && r !== 'department' && r !== 'supervisor'), ...(isResident ? (['resident'] as const) : []), ...(isContact ? (['department'] as const) : []), ...(isSupervisor ? (['supervisor'] as const) : [])])];
    after = next;
    return {
      openid: m?.openid ?? null,
      communityId: db.communityId,
      roles: next,
      gridIds,
      householdId: m?.householdId ?? null,
      household: m?.household ?? null,
      name: input.name ?? m?.name ?? null,
      away: m?.away ?? null,
    };
  });
  await appendEvent(db, caller, {
    key: ctx.deps.ids.random('e'),
    subject: `member:${member._id}`,
    type: 'member.rolesChanged',
    from: before.join(','),
    to: after.join(','),
    public: false,
    note: gridIds.length ? `网格：${gridIds.join(',')}` : null,
    at: now,
  });
  return toMemberView(member);
};

function isConfiguredAdmin(admins: ReadonlyMap<string, string>, memberId: string, communityId: string): boolean {
  for (const [openid, community] of admins) if (community === communityId && memberIdFor(openid) === memberId) return true;
  return false;
}
