import { call } from '../../services/api';
import { getMe } from '../../core/member/contract';
import { exportSheet, issueCertificate, listCertificates, revokeCertificate, IMPORT_SHEET_NOTE, type CertificateView, type ExportKind } from '../../core/volunteer/certificate';
import { hoursText } from '../../core/volunteer/vocabulary';
import { instanceState } from '../../services/page-state';
import { allows } from '../../services/view';
import { canShareFile, openDocument, saveBase64File, shareFile } from '../../services/file-export';

/**
 * A volunteer's record for staff: certificates issued (开具, 撤销) and the subdistrict's
 * sheets. Opened from the volunteer list (memberId), an activity's roster (activityId) or a
 * team (teamId); with none of them it offers the 中国志愿服务网 import sheet only.
 */
interface Row {
  id: string;
  number: string;
  hours: string;
  issuedOn: string;
  revokedText: string;
}
const row = (c: CertificateView): Row => ({
  id: c.id,
  number: c.number,
  hours: hoursText(c.snapshot.minutes),
  issuedOn: c.issuedOn,
  revokedText: c.revoked ? `已于${c.revoked.on}撤销` : '',
});

/** The first field's message when the server named one, else the error's own. */
function fieldMessage(e: { message: string; details?: unknown }): string {
  return (e.details as { issues?: Array<{ message: string }> } | undefined)?.issues?.[0]?.message ?? e.message;
}

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index?: number; kind?: ExportKind }>;
type Input = WechatMiniprogram.Input<Record<string, never>, { field: string }>;

const state = instanceState(() => ({ memberId: '', activityId: '', teamId: '', ids: [] as string[], key: '', busy: false, filePath: '' }));

Component({
  data: {
    hasVolunteer: false,
    hasActivity: false,
    hasTeam: false,
    canIssue: false,
    canExport: false,
    rows: [] as Row[],
    error: '',
    form: { personInCharge: '', contact: '', from: '', to: '' },
    issueError: '',
    issuedText: '',
    revokeReason: '',
    exportError: '',
    exported: null as null | { fileName: string; rows: number; idsMasked: boolean; canShare: boolean },
    importNote: IMPORT_SHEET_NOTE,
  },
  methods: {
    onLoad(options: Record<string, string | undefined>) {
      const s = state(this);
      s.memberId = options.memberId ?? '';
      s.activityId = options.activityId ?? '';
      s.teamId = options.teamId ?? '';
      this.setData({ hasVolunteer: !!s.memberId, hasActivity: !!s.activityId, hasTeam: !!s.teamId });
      void this.loadMe();
      if (s.memberId) void this.loadCertificates();
    },
    async loadMe() {
      const me = await call(getMe, {});
      if (me.ok) this.setData({ canIssue: allows(me.data.allowedActions, 'hours.certificate'), canExport: allows(me.data.allowedActions, 'hours.export') });
    },
    async loadCertificates() {
      const s = state(this);
      const res = await call(listCertificates, { memberId: s.memberId, limit: 50 });
      if (!res.ok) {
        this.setData({ error: res.error.message });
        return;
      }
      s.ids = res.data.items.map((c) => c.id);
      this.setData({ error: '', rows: res.data.items.map(row) });
    },
    onField(e: Input) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, issueError: '' });
      state(this).key = '';
    },
    onReason(e: Input) {
      this.setData({ revokeReason: e.detail.value });
    },
    async issue() {
      const s = state(this);
      if (s.busy) return;
      s.busy = true;
      // One key per draft: a retry of the same form is the same certificate.
      s.key ||= `cert${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      const f = this.data.form;
      const res = await call(issueCertificate, { memberId: s.memberId, personInCharge: f.personInCharge, contact: f.contact, ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}) }, { idempotencyKey: s.key });
      s.busy = false;
      if (!res.ok) {
        this.setData({ issueError: fieldMessage(res.error) });
        return;
      }
      s.key = '';
      this.setData({ issuedText: `已开具 ${res.data.number}，服务时长 ${hoursText(res.data.snapshot.minutes)}` });
      void this.loadCertificates();
    },
    async revoke(e: Tap) {
      const s = state(this);
      const id = s.ids[e.currentTarget.dataset.index ?? -1];
      if (!id || s.busy) return;
      s.busy = true;
      const res = await call(revokeCertificate, { certificateId: id, reason: this.data.revokeReason });
      s.busy = false;
      if (!res.ok) {
        this.setData({ error: fieldMessage(res.error) });
        return;
      }
      this.setData({ revokeReason: '' });
      void this.loadCertificates();
    },
    async exportFile(e: Tap) {
      const s = state(this);
      const kind = e.currentTarget.dataset.kind;
      if (!kind || s.busy) return;
      s.busy = true;
      this.setData({ exportError: '', exported: null });
      const target = kind === 'person' ? { memberId: s.memberId } : kind === 'signInSheet' ? { activityId: s.activityId } : kind === 'team' ? { teamId: s.teamId } : {};
      const res = await call(exportSheet, { kind, ...target });
      s.busy = false;
      if (!res.ok) {
        this.setData({ exportError: res.error.message });
        return;
      }
      const filePath = saveBase64File(res.data.fileName, res.data.base64);
      if (!filePath) {
        this.setData({ exportError: '文件没能保存到手机，请清理微信存储空间后重试' });
        return;
      }
      s.filePath = filePath;
      this.setData({ exported: { fileName: res.data.fileName, rows: res.data.rows, idsMasked: res.data.idsMasked, canShare: canShareFile() } });
      // Opened on the phone at once (WeChat's viewer opens xlsx); 发送到聊天 stays for a computer.
      openDocument(filePath, 'xlsx', () => this.setData({ exportError: '这台手机打不开表格，可点「发送到聊天」在电脑上打开' }));
    },
    share() {
      const path = state(this).filePath;
      if (path && this.data.exported) shareFile(path, this.data.exported.fileName);
    },
  },
});
