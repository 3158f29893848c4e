/**
 * 居务监督委员会: who sits on it this term, how they were chosen, from when to when. Its
 * members hold the `supervisor` role only through a term recorded here — never through
 * member.setRoles — and lose it when the term ends or a new one replaces it. Staff of the
 * community (admins, grid workers, department contacts) cannot sit on it, as the village
 * model excludes the committee's own members and its bookkeepers.
 */
import { contract } from '../action';
import { z, id, text } from '../schema';
import { COMMITTEE_CHOSEN_BY, COMMITTEE_POSITIONS, type CommitteeChosenBy, type CommitteePosition } from './vocabulary';

export interface CommitteeMemberView {
  name: string;
  position: CommitteePosition;
  positionLabel: string;
  /** Has an account (receives the queue and the copies); some members only read the paper board. */
  onApp: boolean;
  isMe: boolean;
}

export interface CommitteeView {
  termId: string | null;
  chosenBy: CommitteeChosenBy | null;
  chosenByLabel: string | null;
  meeting: { meetingId: string; title: string } | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Today is within the term. */
  current: boolean;
  members: CommitteeMemberView[];
  past: { termId: string; startsOn: string; endsOn: string; chosenByLabel: string }[];
}

const day = (label: string) => z.string({ error: `请选择${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 2026-01-31` });

export const getCommittee = contract<CommitteeView>()({
  name: 'supervision.committee',
  summary: '本届居务监督委员会：成员、推选方式和任期',
  input: z.strictObject({}),
  roles: ['resident', 'volunteer', 'supervisor', 'gridWorker', 'admin'],
  scope: '本社区',
});

export const appointCommittee = contract<CommitteeView>()({
  name: 'supervision.appoint',
  summary: '登记新一届居务监督委员会（推选会议、任期、成员）',
  input: z
    .strictObject({
      chosenBy: z.enum(COMMITTEE_CHOSEN_BY, { error: '请选择推选方式' }),
      /** The meeting that chose them, when it was held in the app. */
      meetingId: id('会议').optional(),
      startsOn: day('任期开始日期'),
      endsOn: day('任期结束日期'),
      members: z
        .array(
          z.strictObject({
            /** A member with an account; absent for one who only reads the paper board. */
            memberId: id('成员').optional(),
            name: text('姓名', 2, 20),
            position: z.enum(COMMITTEE_POSITIONS, { error: '请选择职务' }),
          }),
        )
        .min(1, { error: '请至少登记一位成员' })
        .max(15, { error: '成员最多15位' }),
    })
    .superRefine((v, ctx) => {
      if (v.endsOn <= v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '任期结束日期须晚于开始日期' });
      if (v.members.filter((m) => m.position === 'chair').length !== 1) ctx.addIssue({ code: 'custom', path: ['members'], message: '须有且只有一位主任' });
      const seen = new Set<string>();
      v.members.forEach((m, i) => {
        if (!m.memberId) return;
        if (seen.has(m.memberId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'memberId'], message: '同一人登记了两次' });
        seen.add(m.memberId);
      });
    }),
  roles: ['admin'],
  scope: '本社区；社区工作人员不能担任；新一届开始时上一届结束',
});
