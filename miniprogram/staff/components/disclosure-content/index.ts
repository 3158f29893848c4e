import type { LinkView, ReliefView } from '../../../core/disclosure/contract';
import { yuanText, type FinanceTable } from '../../../core/disclosure/finance';

interface MoneyRow {
  key: string;
  label: string;
  note: string;
  amount: string;
}

const LINK_KIND_LABELS: Record<LinkView['kind'], string> = { resolution: '决议', poll: '投票', meeting: '会议', concern: '诉求' };

/**
 * An item as residents read it — a published version, or the review's preview of the draft
 * with every decision applied: title, body, the 财务收支表 (期初, 收入, 支出, 期末) with its
 * reconciliation line, the relief list in its published form, links and photos.
 */
Component({
  options: { addGlobalClass: true },
  properties: {
    heading: { type: String, value: '' },
    meta: { type: String, value: '' },
    body: { type: String, value: '' },
    finance: { type: Object, value: null as FinanceTable | null, observer: 'showFinance' },
    financeText: { type: String, value: '' },
    financeOk: { type: Boolean, value: true },
    relief: { type: Object, value: null as ReliefView | null, observer: 'showRelief' },
    /** For a draft, whose list is not yet in its published form: a sentence instead of rows. */
    reliefNote: { type: String, value: '' },
    links: { type: Array, value: [] as LinkView[], observer: 'showLinks' },
    photos: { type: Array, value: [] },
  },
  data: {
    hasFinance: false,
    opening: '',
    closing: '',
    income: [] as MoneyRow[],
    expense: [] as MoneyRow[],
    hasRelief: false,
    reliefHead: '',
    reliefRows: [] as { key: string; recipient: string; building: string; amount: string }[],
    linkRows: [] as { key: string; kindLabel: string; title: string }[],
  },
  methods: {
    showFinance(t: FinanceTable | null) {
      const rows = (lines: FinanceTable['income'], side: string): MoneyRow[] => lines.map((l, i) => ({ key: `${side}${i}`, label: l.label, note: l.note ?? '', amount: yuanText(l.amountFen) }));
      this.setData(t ? { hasFinance: true, opening: yuanText(t.openingFen), closing: yuanText(t.closingFen), income: rows(t.income, 'i'), expense: rows(t.expense, 'e') } : { hasFinance: false });
    },
    showRelief(r: ReliefView | null) {
      this.setData(
        r
          ? {
              hasRelief: true,
              reliefHead: `${r.programme}：${r.countText}人，合计${yuanText(r.totalFen)}（${r.formLabel}）`,
              reliefRows: r.rows.map((x, i) => ({ key: `r${i}`, recipient: x.recipient ?? '', building: x.buildingName ?? '', amount: yuanText(x.amountFen) })),
            }
          : { hasRelief: false, reliefRows: [] },
      );
    },
    showLinks(links: LinkView[]) {
      this.setData({ linkRows: (links ?? []).map((l) => ({ key: `${l.kind}:${l.refId}`, kindLabel: LINK_KIND_LABELS[l.kind], title: l.title })) });
    },
  },
});
