import { contract, type Page } from '../action';
import { z, id, text, paging } from '../schema';

/** A community as residents see it when choosing where they live. */
export interface CommunityView {
  id: string;
  name: string;
  subdistrict: string;
}

export interface BuildingView {
  id: string;
  name: string;
  gridId: string;
}

export interface StaffRef {
  memberId: string;
  name: string;
}

export interface GridView {
  id: string;
  name: string;
  workerA?: StaffRef;
  workerB?: StaffRef;
  /** 网格长: supervises the grid and is chased when its concerns run late. */
  leader?: StaffRef;
}

export const listCommunities = contract<Page<CommunityView>>()({
  name: 'community.list',
  summary: '列出可加入的社区',
  input: z.strictObject({ ...paging }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'subdistrict'],
  scope: '公开信息',
  anonymous: true,
});

export const listBuildings = contract<Page<BuildingView>>()({
  name: 'community.buildings',
  summary: '列出社区的楼栋（用于选择住址和说事地点）',
  input: z.strictObject({ communityId: id('社区编号').optional(), ...paging }),
  roles: ['visitor', 'resident', 'volunteer', 'gridWorker', 'admin', 'subdistrict'],
  scope: '公开信息；未指定社区时为本人所在社区',
  anonymous: true,
});

export const listGrids = contract<Page<GridView>>()({
  name: 'community.grids',
  summary: '列出本社区的网格及负责人',
  input: z.strictObject({ ...paging }),
  roles: ['resident', 'volunteer', 'gridWorker', 'admin'],
  scope: '本人所在社区',
});

export const upsertGrid = contract<GridView>()({
  name: 'community.upsertGrid',
  summary: '新建或修改网格及其A角、B角负责人',
  input: z.strictObject({
    gridId: id('网格编号').optional(),
    name: text('网格名称', 1, 30),
    workerA: id('A角成员编号').optional(),
    workerB: id('B角成员编号').optional(),
    leader: id('网格长成员编号').optional(),
  }),
  roles: ['admin'],
  scope: '本社区；A角、B角须为本社区网格员，网格长须为网格员或管理员',
});

export const upsertBuilding = contract<BuildingView>()({
  name: 'community.upsertBuilding',
  summary: '新建或修改楼栋及其所属网格',
  input: z.strictObject({
    buildingId: id('楼栋编号').optional(),
    name: text('楼栋名称', 1, 30),
    gridId: id('网格编号'),
  }),
  roles: ['admin'],
  scope: '本社区',
});

export const updateCommunity = contract<CommunityView>()({
  name: 'community.update',
  summary: '设置本社区的名称和所属街道（首次设置即开通社区）',
  input: z.strictObject({
    name: text('社区名称', 2, 30),
    subdistrict: text('所属街道', 2, 30),
  }),
  roles: ['admin'],
  scope: '本社区',
});
