import { call } from '../../../services/api';
import { listCommunities } from '../../../core/community/contract';
import { getMe } from '../../../core/member/contract';
import { registerVolunteer, volunteerProfile } from '../../../core/volunteer/contract';
import { emptyErrors } from '../../../services/form';
import { formSubmit } from '../../../services/form-submit';

const FIELDS = ['communityId', 'name', 'skills', 'availability', 'birthDate', 'idNumber'] as const;
const form = formSubmit(registerVolunteer, {
  fields: FIELDS,
  whenEmpty: { name: '请填写姓名', communityId: '请选择要服务的社区' },
  keys: { message: 'message', busy: 'sending' },
});

type Input = WechatMiniprogram.Input;

Component({
  data: {
    loaded: false,
    /** Not yet a member of any community: choose one (staff will verify). */
    choosesCommunity: false,
    communities: [] as Array<{ id: string; name: string }>,
    communityIndex: -1,
    name: '',
    skills: '',
    availability: '',
    partyMember: null as boolean | null,
    birthDate: '',
    idNumber: '',
    idNumberMasked: '',
    volunteerNumber: '',
    statusLabel: '',
    errors: emptyErrors(FIELDS),
    message: '',
    sending: false,
  },
  methods: {
    async onLoad() {
      const [me, profile] = await Promise.all([call(getMe, {}), call(volunteerProfile, {})]);
      const v = profile.ok ? profile.data.volunteer : null;
      const choosesCommunity = me.ok && !me.data.community;
      if (choosesCommunity) {
        const list = await call(listCommunities, {});
        if (list.ok) this.setData({ communities: list.data.items.map((c) => ({ id: c.id, name: c.name })) });
      }
      this.setData({
        loaded: true,
        choosesCommunity,
        ...(v ? { name: v.name, skills: v.skills.join('、'), availability: v.availability, partyMember: v.partyMember, birthDate: v.birthDate ?? '', idNumberMasked: v.idNumberMasked ?? '', volunteerNumber: v.volunteerNumber, statusLabel: v.statusLabel } : {}),
      });
    },
    onName(e: Input) { this.setData({ name: e.detail.value, 'errors.name': '' }); },
    onSkills(e: Input) { this.setData({ skills: e.detail.value, 'errors.skills': '' }); },
    onAvailability(e: Input) { this.setData({ availability: e.detail.value, 'errors.availability': '' }); },
    onIdNumber(e: Input) { this.setData({ idNumber: e.detail.value, 'errors.idNumber': '' }); },
    onBirthDate(e: WechatMiniprogram.PickerChange) { this.setData({ birthDate: String(e.detail.value), 'errors.birthDate': '' }); },
    pickCommunity(e: WechatMiniprogram.PickerChange) { this.setData({ communityIndex: Number(e.detail.value), 'errors.communityId': '' }); },
    setParty(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { value?: string }>) {
      const v = e.currentTarget.dataset.value;
      this.setData({ partyMember: v === 'yes' ? true : v === 'no' ? false : null });
    },
    async submit() {
      const d = this.data;
      const skills = d.skills.split(/[、,，\s]+/).map((s) => s.trim()).filter(Boolean);
      const community = d.choosesCommunity ? d.communities[d.communityIndex]?.id : undefined;
      const res = await form(this).submit({
        ...(d.choosesCommunity ? { communityId: community ?? '' } : {}),
        name: d.name.trim(), skills, availability: d.availability.trim(), partyMember: d.partyMember,
        birthDate: d.birthDate || null, ...(d.idNumber.trim() ? { idNumber: d.idNumber.trim() } : {}),
      });
      if (!res || !res.ok) return;
      this.setData({ volunteerNumber: res.data.volunteerNumber, statusLabel: res.data.statusLabel, idNumber: '', idNumberMasked: res.data.idNumberMasked ?? '' });
      wx.showToast({ title: res.data.status === 'active' ? '登记成功' : '已提交，等待核实', icon: 'success' });
    },
  },
});
