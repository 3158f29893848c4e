import { call } from '../../../services/api';
import type { Page } from '../../../core/action';
import type { Envelope } from '../../../core/envelope';
import { concernQueue } from '../../../core/concern/contract';
import { listMeetings } from '../../../core/council/meeting-contract';
import { listResolutions } from '../../../core/council/resolution-contract';
import type { LinkKind, LinkView } from '../../../core/disclosure/contract';
import { listPolls } from '../../../core/poll/contract';
import { dateText } from '../../../services/dates';

interface Candidate {
  refId: string;
  title: string;
  sub: string;
}

const KINDS: { kind: LinkKind; label: string }[] = [
  { kind: 'resolution', label: '决议' },
  { kind: 'poll', label: '投票' },
  { kind: 'meeting', label: '会议' },
  { kind: 'concern', label: '诉求' },
];

const LIMIT = 20;
type Fetch = () => Promise<Envelope<Candidate[]>>;

const mapped = async <T>(res: Promise<Envelope<Page<T>>>, row: (t: T) => Candidate): Promise<Envelope<Candidate[]>> => {
  const r = await res;
  return r.ok ? { ok: true, data: r.data.items.map(row) } : r;
};

/**
 * What a disclosure can point at, read from each feature's own list (the newest of each):
 * 决议 done and under way, polls that ended, meetings held, concerns. The page shows the
 * picked record by its title; the server checks the caller may read it and writes its title
 * when published. Fires `pick` with a LinkView.
 */
const FETCH: Record<LinkKind, Fetch> = {
  resolution: async () => {
    const [open, done] = await Promise.all([
      mapped(call(listResolutions, { when: 'open', limit: LIMIT }), (r) => ({ refId: r.id, title: r.title, sub: r.statusLabel })),
      mapped(call(listResolutions, { when: 'done', limit: LIMIT }), (r) => ({ refId: r.id, title: r.title, sub: r.statusLabel })),
    ]);
    if (!open.ok) return open;
    if (!done.ok) return done;
    return { ok: true, data: [...open.data, ...done.data] };
  },
  poll: () => mapped(call(listPolls, { when: 'past', limit: LIMIT }), (p) => ({ refId: p.id, title: p.title, sub: p.statusLabel })),
  meeting: () => mapped(call(listMeetings, { when: 'past', limit: LIMIT }), (m) => ({ refId: m.id, title: m.title, sub: `${m.bodyLabel} · ${dateText(m.startsAt)}` })),
  concern: () => mapped(call(concernQueue, { limit: LIMIT }), (c) => ({ refId: c.id, title: `${c.number} ${c.excerpt}`, sub: `${c.categoryName} · ${c.statusLabel}` })),
};

Component({
  options: { addGlobalClass: true },
  properties: {
    /** Links already on the draft (`kind:refId`), not offered again. */
    taken: { type: Array, value: [] as string[] },
  },
  data: {
    kinds: KINDS,
    kind: '' as LinkKind | '',
    loading: false,
    error: '',
    candidates: [] as Candidate[],
  },
  methods: {
    async choose(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { kind?: string }>) {
      const kind = KINDS.find((k) => k.kind === e.currentTarget.dataset.kind)?.kind;
      if (!kind) return;
      this.setData({ kind, loading: true, error: '', candidates: [] });
      const res = await FETCH[kind]();
      if (this.data.kind !== kind) return;
      if (!res.ok) {
        this.setData({ loading: false, error: res.error.message });
        return;
      }
      const taken = new Set(this.data.taken as string[]);
      this.setData({ loading: false, candidates: res.data.filter((c) => !taken.has(`${kind}:${c.refId}`)) });
    },
    pick(e: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id?: string }>) {
      const kind = this.data.kind;
      const c = (this.data.candidates as Candidate[]).find((x) => x.refId === e.currentTarget.dataset.id);
      if (!kind || !c) return;
      this.triggerEvent('pick', { kind, refId: c.refId, title: c.title } satisfies LinkView);
      this.setData({ candidates: (this.data.candidates as Candidate[]).filter((x) => x.refId !== c.refId) });
    },
  },
});
