import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { pendingHours } from '../../core/hours/contract';
import { listActivities, listTeams, listVolunteers, upsertTeam, verifyVolunteer, type ActivityView, type TeamView, type VolunteerView } from '../../core/volunteer/contract';
import { DAY_MS, dayKey } from '../../services/date-strip';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { collectPages } from '../../services/paging';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { activityRow, type ActivityRow } from '../../services/volunteer-view';

const TEAM_FIELDS = ['name', 'description', 'leaderIds'] as const;
/** Hours waiting longer than this are called out: the lead may have forgotten them. */
const LATE_DAYS = 7;
const PENDING_PAGE = 50;

interface TeamRow {
  id: string;
  name: string;
  description: string;
  leadersText: string;
  memberText: string;
}
interface PendingRow {
  id: string;
  name: string;
  detail: string;
}
type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string; index?: number }>;

const state = instanceState(() => ({ teams: [] as TeamView[], teamId: '', leaders: [] as Array<{ id: string; name: string }> }));
const teamForm = formSubmit(upsertTeam, { fields: TEAM_FIELDS, keys: { busy: 'saving', errors: 'teamErrors', message: 'teamError' } });

const teamRow = (t: TeamView): TeamRow => ({
  id: t.id,
  name: t.name,
  description: t.description,
  leadersText: t.leaders?.length ? `队长：${t.leaders.map((l) => l.name).join('、')}` : '还没有队长',
  memberText: `${t.memberCount}名队员${t.active ? '' : '（已停用）'}`,
});
const pendingRow = (v: VolunteerView): PendingRow => ({
  id: v.id,
  name: v.name,
  detail: [v.resident ? '本社区居民' : '非本社区居民', v.skills.length ? `技能：${v.skills.join('、')}` : '', v.idNumberMasked ? `身份证 ${v.idNumberMasked}` : ''].filter(Boolean).join(' · '),
});

/**
 * The staff's volunteering desk: the activities they run (drafts too) and 新建活动; for
 * admins, the volunteers waiting to be verified, the teams with their leaders, and the
 * hours still unverified after a week.
 */
Component({
  data: {
    loading: true,
    error: '',
    isAdmin: false,
    activities: [] as ActivityRow[],
    pending: [] as PendingRow[],
    pendingError: '',
    verifying: '',
    teams: [] as TeamRow[],
    lateHours: '',
    teamOpen: false,
    teamIsNew: true,
    teamName: '',
    teamDescription: '',
    teamLeaders: [] as Array<{ id: string; name: string }>,
    teamErrors: emptyErrors(TEAM_FIELDS),
    teamError: '',
    saving: false,
  },
  methods: {
    onShow() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load() {
      const [me, teams] = await Promise.all([call(getMe, {}), collectPages((cursor) => call(listTeams, { cursor, limit: 50 }))]);
      if (!me.ok || !teams.ok) {
        this.setData({ loading: false, error: (!me.ok ? me.error : !teams.ok ? teams.error : { message: '' }).message || '加载失败' });
        return;
      }
      const isAdmin = allows(me.data.allowedActions, 'team.upsert');
      state(this).teams = teams.data;
      // Admins see every activity; others what they organise plus their teams' (drafts included).
      const led = isAdmin ? [] : teams.data.filter((t) => t.leading);
      const lists = await Promise.all([call(listActivities, { view: 'manage', limit: 50 }), ...led.map((t) => call(listActivities, { view: 'manage', teamId: t.id, limit: 50 }))]);
      const failed = lists.find((l) => !l.ok);
      if (failed && !failed.ok) {
        this.setData({ loading: false, error: failed.error.message });
        return;
      }
      const seen = new Map<string, ActivityView>();
      for (const l of lists) if (l.ok) for (const a of l.data.items) seen.set(a.id, a);
      const now = Date.now();
      const activities = [...seen.values()].sort((x, y) => y.startAt - x.startAt).map((a) => activityRow(a, now));
      this.setData({ loading: false, error: '', isAdmin, activities, teams: teams.data.map(teamRow) });
      if (isAdmin) await Promise.all([this.loadPending(), this.loadLateHours()]);
    },
    async loadPending() {
      const res = await collectPages((cursor) => call(listVolunteers, { status: 'pendingVerification', cursor, limit: 50 }));
      if (!res.ok) {
        this.setData({ pendingError: res.error.message });
        return;
      }
      this.setData({ pendingError: '', pending: res.data.map(pendingRow) });
    },
    /** One page, oldest first: enough to count what has waited a week, or say 「50条以上」. */
    async loadLateHours() {
      const res = await call(pendingHours, { limit: PENDING_PAGE });
      if (!res.ok) return;
      const before = dayKey(Date.now() - LATE_DAYS * DAY_MS);
      const late = res.data.items.filter((e) => e.serviceDate <= before).length;
      const more = late === res.data.items.length && !!res.data.next;
      this.setData({ lateHours: late === 0 ? '' : `有${late}${more ? '条以上' : '条'}服务时长超过${LATE_DAYS}天还没核验` });
    },
    openActivity(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/staff/activity-roster/index?activityId=${encodeURIComponent(id)}` });
    },
    newActivity() {
      wx.navigateTo({ url: '/staff/activity-edit/index' });
    },
    openHours() {
      wx.navigateTo({ url: '/staff/hours-verify/index' });
    },
    async verify(e: Tap) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.verifying) return;
      this.setData({ verifying: id, pendingError: '' });
      const res = await call(verifyVolunteer, { volunteerId: id, decision: 'approve' });
      this.setData({ verifying: '' });
      if (!res.ok) {
        this.setData({ pendingError: res.error.message });
        return;
      }
      wx.showToast({ title: '已核实', icon: 'success' });
      this.setData({ pending: this.data.pending.filter((p) => p.id !== id) });
    },

    // —— teams ——
    newTeam() {
      const s = state(this);
      s.teamId = '';
      s.leaders = [];
      teamForm(this).clear();
      this.setData({ teamOpen: true, teamIsNew: true, teamName: '', teamDescription: '', teamLeaders: [] });
    },
    editTeam(e: Tap) {
      const s = state(this);
      const t = s.teams.find((x) => x.id === e.currentTarget.dataset.id);
      if (!t) return;
      s.teamId = t.id;
      s.leaders = (t.leaders ?? []).map((l) => ({ ...l }));
      teamForm(this).clear();
      this.setData({ teamOpen: true, teamIsNew: false, teamName: t.name, teamDescription: t.description, teamLeaders: s.leaders });
    },
    closeTeam() {
      this.setData({ teamOpen: false });
    },
    onTeamName(e: WechatMiniprogram.Input) {
      this.setData({ teamName: e.detail.value, 'teamErrors.name': '' });
    },
    onTeamDescription(e: WechatMiniprogram.TextareaInput) {
      this.setData({ teamDescription: e.detail.value, 'teamErrors.description': '' });
    },
    onPickLeader(e: WechatMiniprogram.CustomEvent<{ memberId?: string; name?: string; label: string }>) {
      const s = state(this);
      const { memberId, name, label } = e.detail;
      if (!memberId || s.leaders.some((l) => l.id === memberId)) return;
      s.leaders = [...s.leaders, { id: memberId, name: name ?? label }];
      this.setData({ teamLeaders: s.leaders, 'teamErrors.leaderIds': '' });
    },
    removeLeader(e: Tap) {
      const s = state(this);
      const i = Number(e.currentTarget.dataset.index);
      s.leaders = s.leaders.filter((_, j) => j !== i);
      this.setData({ teamLeaders: s.leaders, 'teamErrors.leaderIds': '' });
    },
    async saveTeam() {
      const s = state(this);
      const d = this.data;
      const res = await teamForm(this).submit({ ...(s.teamId ? { teamId: s.teamId } : {}), name: d.teamName, description: d.teamDescription, leaderIds: s.leaders.map((l) => l.id), active: s.teams.find((t) => t.id === s.teamId)?.active ?? true });
      if (!res?.ok) return;
      wx.showToast({ title: '已保存', icon: 'success' });
      this.setData({ teamOpen: false });
      void this.load();
    },
  },
});
