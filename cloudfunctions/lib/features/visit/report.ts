/**
 * 定期评事's 'visits' part: visits logged in the month, households covered ÷ households per
 * grid (a table), and the care households nobody contacted for CARE_CONTACT_DAYS by the
 * month's end. Bounded by the community's grids (capped) and each grid's coverage reads.
 */
import { CARE_CONTACT_DAYS } from '../../../../miniprogram/core/visit/contract';
import type { ReportMonth, ReportPart } from '../../../../miniprogram/core/workbench/report';
import { everyPage } from '../../kernel/every-page';
import type { ScopedStore } from '../../kernel/scoped-store';
import { gridMonth, rate } from './coverage';

const GRIDS_CAP = 200;

export async function visitReport(db: ScopedStore, month: ReportMonth, now: number): Promise<ReportPart[]> {
  const grids = await everyPage(db, 'grids', {}, 'name', GRIDS_CAP);
  const rows = await Promise.all(grids.map(async (g) => ({ grid: g, m: await gridMonth(db, g._id, month.month, now) })));
  const visits = rows.reduce((n, r) => n + r.m.visits, 0);
  const visited = rows.reduce((n, r) => n + r.m.visited, 0);
  const households = rows.reduce((n, r) => n + r.m.households.length, 0);
  const careSilent = rows.reduce((n, r) => n + r.m.careSilent, 0);
  const careAll = rows.reduce((n, r) => n + r.m.care.length, 0);
  const all = rate(visited, households);
  return [
    {
      key: 'visits',
      title: '走访（党员问事）',
      figures: [
        { label: '登记走访', value: visits, text: `${visits}次` },
        { label: '走访覆盖', value: visited, of: households, text: all.text },
        { label: `关爱户${CARE_CONTACT_DAYS}天未联系`, value: careSilent, of: careAll, text: `${careSilent}/${careAll}户` },
      ],
      table: {
        columns: ['网格', '走访次数', '走访户数/总户数', `关爱户${CARE_CONTACT_DAYS}天未联系`],
        rows: rows.map(({ grid, m }) => [grid.name, String(m.visits), rate(m.visited, m.households.length).text, `${m.careSilent}/${m.care.length}`]),
      },
    },
  ];
}
