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
  /**
   * Where the term's `supervisor` roles stand: not yet given (the term has not begun), given
   * to its members, or taken back (ended, or replaced). The sweep moves it at `wakeAt`.
   */
  roleState: 'pending' | 'granted' | 'released';
  /** When the sweep next settles the roles: the term's first day, then the day after its end; null once released. */
  wakeAt: number | null;
  createdById: string;
  createdAt: number;
  version: number;
}

export const termIdFor = (communityId: string, startsOn: string) => `term_${communityId}_${startsOn}`;
export const termSubject = (termId: string) => `committeeTerm:${termId}`;

declare module '../../ports/store' {
  interface CollectionRecords {
    committeeTerms: TermRecord;
  }
}
