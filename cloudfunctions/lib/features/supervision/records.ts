/**
 * A term of the 居务监督委员会. Its id is the community and the day it starts, so recording
 * the same term twice makes one; a new term ends the one before on its first day.
 */
import type { CommitteeChosenBy, CommitteePosition } from '../../../../miniprogram/core/disclosure/vocabulary';
import type { Doc } from '../../ports/store';

export interface TermMember {
  memberId: string | null;
  name: string;
  position: CommitteePosition;
}

export interface TermRecord extends Doc {
  communityId: string;
  chosenBy: CommitteeChosenBy;
  meetingId: string | null;
  meetingTitle: string | null;
  startsOn: string;
  endsOn: string;
  /** Set when a later term replaced this one before its end. */
  endedOn: string | null;
  members: TermMember[];
  createdById: string;
  createdAt: number;
  version: number;
}

declare module '../../ports/store' {
  interface CollectionRecords {
    committeeTerms: TermRecord;
  }
}
