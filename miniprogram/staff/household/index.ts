import { call } from '../../services/api';
import { getMe, removeFromHousehold } from '../../core/member/contract';
import { emptyErrors } from '../../services/form';
import { formSubmit } from '../../services/form-submit';
import { instanceState } from '../../services/page-state';
import type { Picked } from '../components/member-picker/index';

const removeForm = formSubmit(removeFromHousehold, { fields: ['memberId', 'reason'], whenEmpty: { memberId: '请先找到要移出的居民' } });
const state = instanceState(() => ({ picked: null as Picked | null }));

/**
 * 移出住户: a resident moved away without 搬离 in the app. Staff find them by address or name
 * (their grids only; admins everywhere), write why, and the server ends the binding, tells
 * the person and the household, and records it on the audit log.
 */
Component({
  data: {
    loaded: false,
    error: '',
    gridIds: [] as string[],
    pickedLabel: '',
    reason: '',
    errors: emptyErrors(['memberId', 'reason']),
    formError: '',
    submitting: false,
    done: '',
  },
  methods: {
    onLoad() {
      void this.init();
    },
    async init() {
      const me = await call(getMe, {});
      if (!me.ok) {
        this.setData({ loaded: true, error: me.error.message });
        return;
      }
      this.setData({ loaded: true, error: '', gridIds: me.data.roles.includes('admin') ? [] : me.data.gridIds });
    },
    onPick(e: WechatMiniprogram.CustomEvent<Picked>) {
      state(this).picked = e.detail.memberId ? e.detail : null;
      removeForm(this).clear();
      this.setData({ pickedLabel: e.detail.memberId ? e.detail.label : '', done: '' });
    },
    onReason(e: WechatMiniprogram.TextareaInput) {
      this.setData({ reason: e.detail.value, 'errors.reason': '', formError: '' });
    },
    async submit() {
      const picked = state(this).picked;
      const res = await removeForm(this).submit({ memberId: picked?.memberId ?? '', reason: this.data.reason });
      if (!res?.ok) return;
      state(this).picked = null;
      this.setData({ done: `已将${this.data.pickedLabel}移出住户，并通知了本人和同户居民。`, pickedLabel: '', reason: '' });
    },
  },
});
