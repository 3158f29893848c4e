import type { Doc } from '../../ports/store';

export interface CommunityRecord extends Doc {
  /** Communities are global: `communityId` equals `_id` so scoped reads work on them too. */
  communityId: string;
  name: string;
  subdistrict: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface GridRecord extends Doc {
  communityId: string;
  name: string;
  /** Primary handler (A角, community staff) and backup (B角, resident representative). */
  workerA: string | null;
  workerB: string | null;
  /** 网格长: supervises the grid; next in the dispatch chain after A and B. */
  leaderId?: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface BuildingRecord extends Doc {
  communityId: string;
  name: string;
  gridId: string;
  createdAt: number;
  updatedAt: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    communities: CommunityRecord;
    grids: GridRecord;
    buildings: BuildingRecord;
  }
}
