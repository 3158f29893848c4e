/** The words polls use on every page, and the states a poll and its result pass through. */
import type { BallotUnit } from './rules';

export type PollStatus = 'scheduled' | 'open' | 'closed' | 'published' | 'cancelled';
export const POLL_STATUS_LABELS: Record<PollStatus, string> = {
  scheduled: '未开始',
  open: '投票中',
  closed: '已结束，待公布',
  published: '结果已公布',
  cancelled: '已撤销',
};

export type PollChannel = 'app' | 'paper' | 'meeting' | 'hands';
export const CHANNEL_LABELS: Record<PollChannel, string> = {
  app: '小程序投票',
  paper: '纸质选票',
  meeting: '会议现场表决',
  hands: '会议举手表决',
};

export const UNIT_LABELS: Record<BallotUnit, string> = {
  person: '每位成年居民一票',
  household: '一户一票',
  ownerUnit: '业主按专有部分表决',
};

/** What a result can show: nothing while open, staff after close, everyone after publish. */
export type ResultStage = 'notOpen' | 'sealed' | 'counting' | 'ready' | 'awaitingPublish' | 'published' | 'cancelled';

export const SECRET_LABELS = { secret: '不记名投票', open: '记名投票' } as const;

/** Shown beside the running count, so nobody mistakes it for a result (decidim #5969). */
export const PARTICIPATION_CAVEAT = '投票人次，非结果';
