import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { getResolution, reassignResolution, recordProgress, recordStage, type ResolutionView } from '../../core/council/resolution-contract';
import { MEETING_STAGES, PROCEDURE_STAGE_LABELS, PROCEDURE_STAGES, type ProcedureStage } from '../../core/council/vocabulary';
import { DAY_MS, dayKey, dayStartOf } from '../../services/date-strip';
import { dateText } from '../../services/dates';
import { emptyErrors } from '../../services/form';
import { formKeys, formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import { pagePhotos, type PhotoItem } from '../../services/photos';
import { pickPhotos } from '../../services/upload';
import { allows, type Tone } from '../../services/view';
import type { Picked } from '../components/member-picker/index';

const PROGRESS = ['percent', 'text', 'photoIds'] as const;
const REASSIGN = ['ownerId', 'dueAt', 'reason'] as const;
const STAGE = ['stage', 'date', 'bodyText', 'due', 'present', 'outcome', 'attachments'] as const;
const STEP = 5;
const END_OF_DAY = DAY_MS - 60_000;

interface EntryRow {
  key: string;
  percent: number;
  text: string;
  whoText: string;
  photos: PhotoItem[];
}
interface StageRow {
  stage: ProcedureStage;
  label: string;
  done: boolean;
  lines: string[];
}

const progressForm = formSubmit(recordProgress, { fields: PROGRESS, keys: formKeys('progress') });
const reassignForm = formSubmit(reassignResolution, { fields: REASSIGN, keys: formKeys('reassign') });
const stageForm = formSubmit(recordStage, { fields: STAGE, keys: formKeys('stage') });

const state = instanceState(() => ({
  resolutionId: '',
  memberId: '',
  view: null as ResolutionView | null,
  photoIds: [] as string[],
  stagePhotoIds: [] as string[],
  owner: null as { id: string; label: string } | null,
  stages: [] as ProcedureStage[],
}));

const numberOrMissing = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/**
 * 决议落实: one resolution, the vote that adopted it, who owns it and by when. Its owner (or an
 * admin) records progress — a percentage that never goes back, words and photos; 100% is
 * done. Admins hand it to someone else or move its date, with a reason. Where 四议两公开
 * applies, each stage is entered in order; a meeting stage carries 应到/实到 and the server
 * refuses one below quorum, said at 实到.
 */
Component({
  data: {
    loading: true,
    error: '',
    title: '',
    text: '',
    statusLabel: '',
    tone: 'doing' as Tone,
    percent: 0,
    meetingText: '',
    explanation: '',
    motionTitle: '',
    concernText: '',
    ownerName: '',
    dueText: '',
    overdue: false,
    history: [] as EntryRow[],
    procedure: [] as StageRow[],
    hasProcedure: false,
    canProgress: false,
    canReassign: false,
    canStage: false,
    saved: '',
    saving: false,
    uploading: false,
    // 进度
    floor: 0,
    newPercent: 0,
    progressText: '',
    photos: [] as PhotoItem[],
    progressErrors: emptyErrors(PROGRESS),
    progressError: '',
    // 更换负责人
    reassignOpen: false,
    ownerText: '',
    ownerRoles: ['admin', 'gridWorker'],
    newDue: '',
    reason: '',
    today: '',
    reassignErrors: emptyErrors(REASSIGN),
    reassignError: '',
    // 四议两公开
    stageLabels: [] as string[],
    stageIndex: 0,
    meetingStage: false,
    stageDate: '',
    bodyText: '',
    due: '',
    present: '',
    outcome: '',
    stagePhotos: [] as PhotoItem[],
    stageErrors: emptyErrors(STAGE),
    stageError: '',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      state(this).resolutionId = query.resolutionId ? decodeURIComponent(query.resolutionId) : '';
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      const s = state(this);
      if (!s.resolutionId) {
        this.setData({ loading: false, error: '没有找到这项决议' });
        return;
      }
      const [res, me] = await Promise.all([call(getResolution, { resolutionId: s.resolutionId }), call(getMe, {})]);
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      if (me.ok) s.memberId = me.data.memberId;
      this.setData({ loading: false, error: '' });
      await this.fill(res.data);
    },
    async fill(r: ResolutionView) {
      const s = state(this);
      s.view = r;
      const now = Date.now();
      const photos = pagePhotos(this);
      await photos.load(r.progress.flatMap((p) => p.photoIds));
      const a = r.allowedActions;
      const open = r.status === 'inProgress';
      s.stages = (r.procedure ?? []).filter((p) => !p.done).map((p) => p.stage);
      // In the register's order: the next stage to enter comes first.
      s.stages.sort((x, y) => PROCEDURE_STAGES.indexOf(x) - PROCEDURE_STAGES.indexOf(y));
      this.setData({
        title: r.title,
        text: r.text,
        statusLabel: r.statusLabel,
        tone: r.status === 'done' ? 'done' : r.status === 'cancelled' ? 'muted' : r.overdue ? 'todo' : 'doing',
        percent: r.percent,
        meetingText: `${r.meeting.bodyLabel}「${r.meeting.title}」${dateText(r.meeting.at, now)}`,
        explanation: r.explanation,
        motionTitle: r.motion?.title ?? '',
        concernText: r.concerns.map((c) => c.title).join('、'),
        ownerName: r.ownerName,
        dueText: r.doneAt ? `${dateText(r.doneAt, now)} 办结` : `${dateText(r.dueAt, now)}前完成`,
        overdue: r.overdue && open,
        history: r.progress.map((p, i) => ({ key: `p${i}`, percent: p.percent, text: p.text, whoText: `${p.byName} ${dateText(p.at, now)}`, photos: photos.items(p.photoIds, s.memberId) })).reverse(),
        hasProcedure: r.procedure !== null,
        procedure: (r.procedure ?? []).map((p) => ({
          stage: p.stage,
          label: p.label,
          done: p.done,
          lines: [p.date ? dateText(p.date, now) : '', p.bodyText ?? '', p.ratioText ?? '', p.quorumText ?? '', p.outcome ?? '', p.recordedByName ? `${p.recordedByName}登记` : ''].filter(Boolean),
        })),
        canProgress: open && allows(a, 'resolution.progress'),
        canReassign: open && allows(a, 'resolution.reassign'),
        canStage: open && r.procedure !== null && s.stages.length > 0 && allows(a, 'resolution.recordStage'),
        floor: r.percent,
        newPercent: r.percent,
        today: dayKey(now),
        newDue: dayKey(r.dueAt),
        stageLabels: s.stages.map((st) => PROCEDURE_STAGE_LABELS[st]),
        stageIndex: 0,
        meetingStage: s.stages[0] !== undefined && MEETING_STAGES.includes(s.stages[0]),
        stageDate: dayKey(now),
      });
    },

    // —— 记录进度 ——
    onSlider(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      // Progress never goes back: a drag below the recorded percent springs back to it (the
      // first setData moves the bound value, so the second one redraws the slider there).
      const v = Number(e.detail.value);
      if (v < this.data.floor) this.setData({ newPercent: v });
      this.setData({ newPercent: Math.max(this.data.floor, v), 'progressErrors.percent': '' });
    },
    stepDown() {
      this.setData({ newPercent: Math.max(this.data.floor, this.data.newPercent - STEP), 'progressErrors.percent': '' });
    },
    stepUp() {
      this.setData({ newPercent: Math.min(100, this.data.newPercent + STEP), 'progressErrors.percent': '' });
    },
    onProgressText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ progressText: e.detail.value, 'progressErrors.text': '' });
    },
    async addPhoto() {
      const s = state(this);
      this.setData({ uploading: true });
      const res = await pickPhotos(s.photoIds.length, 9, s.memberId);
      s.photoIds = [...s.photoIds, ...res.fileIds];
      this.setData({ uploading: false, photos: [...this.data.photos, ...res.photos], 'progressErrors.photoIds': res.error });
    },
    removePhoto(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const s = state(this);
      const i = e.detail.index;
      s.photoIds = s.photoIds.filter((_, j) => j !== i);
      this.setData({ photos: this.data.photos.filter((_, j) => j !== i) });
    },
    async submitProgress() {
      const s = state(this);
      const res = await progressForm(this).submit({ resolutionId: s.resolutionId, percent: this.data.newPercent, text: this.data.progressText.trim(), photoIds: s.photoIds });
      if (!res?.ok) return;
      s.photoIds = [];
      this.setData({ progressText: '', photos: [], saved: res.data.status === 'done' ? '已办结，已告知提出诉求和议题的居民' : `进度已更新为${res.data.percent}%` });
      await this.fill(res.data);
    },

    // —— 更换负责人、调整期限 ——
    openReassign() {
      reassignForm(this).clear();
      state(this).owner = null;
      this.setData({ reassignOpen: true, ownerText: '', reason: '', newDue: dayKey(state(this).view?.dueAt ?? Date.now()) });
    },
    closeReassign() {
      this.setData({ reassignOpen: false });
    },
    onPickOwner(e: WechatMiniprogram.CustomEvent<Picked>) {
      if (!e.detail.memberId) return;
      state(this).owner = { id: e.detail.memberId, label: e.detail.label };
      this.setData({ ownerText: e.detail.label, 'reassignErrors.ownerId': '' });
    },
    onNewDue(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ newDue: e.detail.value, 'reassignErrors.dueAt': '' });
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value, 'reassignErrors.reason': '' });
    },
    async submitReassign() {
      const s = state(this);
      const dueAt = dayStartOf(this.data.newDue) + END_OF_DAY;
      const changedDue = s.view ? dayKey(s.view.dueAt) !== this.data.newDue : false;
      if (!s.owner && !changedDue) {
        this.setData({ reassignError: '请选择新的负责人，或调整完成期限' });
        return;
      }
      const res = await reassignForm(this).submit({ resolutionId: s.resolutionId, ...(s.owner ? { ownerId: s.owner.id } : {}), ...(changedDue ? { dueAt } : {}), reason: this.data.reason.trim() });
      if (!res?.ok) return;
      this.setData({ reassignOpen: false, saved: '已更换' });
      await this.fill(res.data);
    },

    // —— 四议两公开 ——
    onStage(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const i = Number(e.detail.value);
      const stage = state(this).stages[i];
      this.setData({ stageIndex: i, meetingStage: !!stage && MEETING_STAGES.includes(stage), 'stageErrors.stage': '', 'stageErrors.present': '' });
    },
    onStageField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field?: string }>) {
      const field = e.currentTarget.dataset.field;
      if (!field || !['stageDate', 'bodyText', 'due', 'present', 'outcome'].includes(field)) return;
      const error = field === 'stageDate' ? 'date' : field;
      this.setData({ [field]: e.detail.value, [`stageErrors.${error}`]: '' });
    },
    async addStagePhoto() {
      const s = state(this);
      this.setData({ uploading: true });
      const res = await pickPhotos(s.stagePhotoIds.length, 9, s.memberId);
      s.stagePhotoIds = [...s.stagePhotoIds, ...res.fileIds];
      this.setData({ uploading: false, stagePhotos: [...this.data.stagePhotos, ...res.photos], 'stageErrors.attachments': res.error });
    },
    removeStagePhoto(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const s = state(this);
      const i = e.detail.index;
      s.stagePhotoIds = s.stagePhotoIds.filter((_, j) => j !== i);
      this.setData({ stagePhotos: this.data.stagePhotos.filter((_, j) => j !== i) });
    },
    async submitStage() {
      const s = state(this);
      const d = this.data;
      const stage = s.stages[d.stageIndex];
      const meeting = !!stage && MEETING_STAGES.includes(stage);
      const res = await stageForm(this).submit({
        resolutionId: s.resolutionId,
        stage: stage as ProcedureStage,
        date: dayStartOf(d.stageDate) + 12 * 3600_000,
        bodyText: d.bodyText.trim(),
        ...(meeting ? { due: numberOrMissing(d.due), present: numberOrMissing(d.present) } : {}),
        outcome: d.outcome.trim(),
        attachments: s.stagePhotoIds,
      });
      if (!res) return;
      if (!res.ok) {
        // Below quorum the stage cannot be closed: said at 实到, where the number is.
        if (res.error.code === 'CONFLICT' && meeting) this.setData({ 'stageErrors.present': res.error.message, stageError: '' });
        return;
      }
      s.stagePhotoIds = [];
      this.setData({ bodyText: '', due: '', present: '', outcome: '', stagePhotos: [], saved: `已登记「${PROCEDURE_STAGE_LABELS[stage]}」` });
      await this.fill(res.data);
    },
  },
});
