/**
 * Volunteer activities and sign-ups as the pages render them: display strings only. What a
 * caller may do comes from `allowedActions`, never from the status here.
 */
import type { ActivityView, SignupView } from '../core/volunteer/contract';
import { clockText, stripDay, timeRange } from './date-strip';
import { allows } from './view';

/** 第2位，共5人 */
export function waitlistText(w: SignupView['waitlist']): string {
  return w ? `候补第${w.position}位，共${w.of}人` : '';
}

/** 明天 5月6日 09:00–11:00 */
export function whenText(startAt: number, endAt: number, now: number): string {
  return `${stripDay(startAt, now).label} ${timeRange(startAt, endAt)}`;
}

export interface ActivityRow {
  id: string;
  title: string;
  teamName: string;
  place: string;
  whenText: string;
  statusLabel: string;
  seatsText: string;
  full: boolean;
  mineText: string;
}

export function activityRow(a: ActivityView, now: number): ActivityRow {
  const mine = a.mine.find((s) => ['booked', 'waitlisted', 'offered'].includes(s.status));
  return {
    id: a.id,
    title: a.title,
    teamName: a.teamName,
    place: a.place,
    whenText: whenText(a.startAt, a.endAt, now),
    statusLabel: a.statusLabel,
    seatsText: a.status !== 'published' ? '' : a.seatsLeft > 0 ? `还有${a.seatsLeft}个名额` : '名额已满，可候补',
    full: a.seatsLeft <= 0,
    mineText: mine ? mine.statusLabel : '',
  };
}

export interface RoleRow {
  key: string;
  shiftId: string;
  roleId: string;
  name: string;
  seatsText: string;
  requirements: string;
  /** What a tap does: 报名 / 候补 (empty: no button). */
  action: string;
}

export interface ShiftRow {
  shiftId: string;
  whenText: string;
  roles: RoleRow[];
}

export function shiftRows(a: ActivityView, now: number): ShiftRow[] {
  const canSignUp = allows(a.allowedActions, 'activity.signup');
  const taken = new Set(a.mine.filter((s) => ['booked', 'waitlisted', 'offered'].includes(s.status)).map((s) => s.shiftId));
  return a.shifts.map((sh) => ({
    shiftId: sh.shiftId,
    whenText: whenText(sh.startAt, sh.endAt, now),
    roles: sh.roles.map((r) => ({
      key: `${sh.shiftId}-${r.roleId}`,
      shiftId: sh.shiftId,
      roleId: r.roleId,
      name: r.name,
      seatsText: r.seatsLeft > 0 ? `剩余${r.seatsLeft}/${r.seats}个名额` : `已满${r.waitlistCount ? `，${r.waitlistCount}人候补` : ''}`,
      requirements: r.requirements.join('；'),
      action: !canSignUp || taken.has(sh.shiftId) ? '' : r.seatsLeft > 0 ? '报名' : '候补',
    })),
  }));
}

export interface SignupRow {
  id: string;
  activityId: string;
  title: string;
  roleName: string;
  place: string;
  whenText: string;
  statusLabel: string;
  waitlistText: string;
  offerText: string;
  canConfirm: boolean;
  canWithdraw: boolean;
  /** On the day of a booked shift: opens 签到签退. */
  canCheckIn: boolean;
  checkInUrl: string;
}

export function signupRow(s: SignupView, now: number): SignupRow {
  return {
    id: s.id,
    activityId: s.activityId,
    title: s.activityTitle,
    roleName: s.roleName,
    place: s.place,
    whenText: whenText(s.startAt, s.endAt, now),
    statusLabel: s.statusLabel,
    waitlistText: waitlistText(s.waitlist),
    offerText: s.offeredUntil ? `请在${stripDay(s.offeredUntil, now).label} ${clockText(s.offeredUntil)}前确认` : '',
    canConfirm: allows(s.allowedActions, 'activity.confirm'),
    canWithdraw: allows(s.allowedActions, 'activity.withdraw'),
    canCheckIn: allows(s.allowedActions, 'activity.checkIn'),
    checkInUrl: `/pages/volunteer/check-in/index?activityId=${s.activityId}&shiftId=${encodeURIComponent(s.shiftId)}&title=${encodeURIComponent(s.activityTitle)}&startAt=${s.startAt}&endAt=${s.endAt}`,
  };
}
