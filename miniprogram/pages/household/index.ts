import { call } from '../../services/api';
import { getMe, leaveHousehold, setName } from '../../core/member/contract';
import { allows, formatAddress } from '../../services/view';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';

const nameForm = formSubmit(setName, { fields: ['name'], keys: { errors: 'nameErrors', message: 'nameError', busy: 'savingName' } });
const leaveForm = formSubmit(leaveHousehold, { fields: ['confirm'], keys: { errors: 'leaveErrors', message: 'leaveError', busy: 'leaving' } });

type Tap = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { why?: string }>;

/**
 * 我的住户: the resident's address and name, 修改姓名, and 搬离 / 更换住户 behind a confirm
 * step that says plainly what happens (open concerns stay with the household, bookings still
 * to come are cancelled). 更换住户 is 搬离 followed by the usual binding page.
 */
Component({
  data: {
    loaded: false,
    error: '',
    address: '',
    name: '',
    nameInput: '',
    canName: false,
    canLeave: false,
    nameErrors: emptyErrors(['name']),
    nameError: '',
    savingName: false,
    nameSaved: false,
    /** '' no confirm open; 'leave' 搬离; 'move' 更换住户. */
    confirming: '',
    leaveErrors: emptyErrors(['confirm']),
    leaveError: '',
    leaving: false,
    left: false,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load() {
      const res = await call(getMe, {});
      if (!res.ok) {
        this.setData({ loaded: true, error: res.error.message });
        return;
      }
      const me = res.data;
      this.setData({
        loaded: true,
        error: '',
        address: me.household ? formatAddress(me.household) : '',
        name: me.name ?? '',
        nameInput: me.name ?? '',
        canName: allows(me.allowedActions, 'member.setName'),
        canLeave: allows(me.allowedActions, 'member.leaveHousehold'),
      });
    },
    onName(e: WechatMiniprogram.Input) {
      this.setData({ nameInput: e.detail.value, nameError: '', 'nameErrors.name': '', nameSaved: false });
    },
    async saveName() {
      const res = await nameForm(this).submit({ name: this.data.nameInput });
      if (!res?.ok) return;
      this.setData({ name: res.data.name ?? '', nameSaved: true });
    },
    askLeave(e: Tap) {
      this.setData({ confirming: e.currentTarget.dataset.why === 'move' ? 'move' : 'leave', leaveError: '' });
    },
    cancelLeave() {
      this.setData({ confirming: '', leaveError: '' });
    },
    async confirmLeave() {
      const moving = this.data.confirming === 'move';
      const res = await leaveForm(this).submit({ confirm: true });
      if (!res?.ok) return;
      this.setData({ confirming: '', left: true, address: '', canLeave: false });
      if (moving) wx.redirectTo({ url: '/pages/bind/index' });
    },
    goBind() {
      wx.redirectTo({ url: '/pages/bind/index' });
    },
  },
});
