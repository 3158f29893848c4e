/**
 * A meeting's rotating sign-in code (kernel/rotating-code.ts), scoped to the meeting: the
 * screen at the door shows it, a resident types or scans it; a code of another meeting or
 * of more than a minute ago is refused, saying which.
 */
import { fieldError } from '../../../../miniprogram/core/errors';
import { checkCode, codeFor, periodOf } from '../../kernel/rotating-code';
import type { MeetingRecord } from './records';

export function meetingCodeFor(m: Pick<MeetingRecord, '_id' | 'codeSecret'>, now: number): string {
  return codeFor(m.codeSecret, `meeting:${m._id}`, periodOf(now));
}

export function checkMeetingCode(m: Pick<MeetingRecord, '_id' | 'codeSecret'>, code: string, now: number): void {
  const state = checkCode(m.codeSecret, `meeting:${m._id}`, code, now);
  if (state === 'expired') throw fieldError('VALIDATION_ERROR', 'code', '签到码已过期，请扫描会场屏幕上正在显示的二维码');
  if (state === 'wrong') throw fieldError('VALIDATION_ERROR', 'code', '签到码不对，请确认扫的是本次会议的二维码');
}
