/**
 * Volunteer rules, pure: age on a day, and whether a volunteer meets a role's requirements
 * (《志愿服务条例》 Art. 15: assignments match age, knowledge and skill). No clock of their own.
 */
import { localDayKey } from '../../kernel/time';
import type { ActivityRole, VolunteerRecord } from './records';

/** Full years on the Beijing day of `instant`, from YYYY-MM-DD. */
export function ageOn(birthDate: string, instant: number): number {
  const day = localDayKey(instant);
  const [y, m, d] = birthDate.split('-').map(Number);
  const years = Number(day.slice(0, 4)) - y;
  const beforeBirthday = Number(day.slice(4, 6)) * 100 + Number(day.slice(6, 8)) < m * 100 + d;
  return beforeBirthday ? years - 1 : years;
}

/** Human words for what a role asks, as the detail page lists them. */
export function requirementsOf(role: ActivityRole): string[] {
  const out: string[] = [];
  if (role.minAge !== null) out.push(`需年满${role.minAge}岁`);
  if (role.skill) out.push(`需技能：${role.skill}`);
  if (role.training) out.push(`需完成培训：${role.training}`);
  return out;
}

/** Why this volunteer cannot take the role on the shift starting at `startAt`, or null. */
export function ineligibility(role: ActivityRole, v: Pick<VolunteerRecord, 'birthDate' | 'skills' | 'trainings'>, startAt: number): string | null {
  if (role.minAge !== null) {
    if (!v.birthDate) return `该岗位需年满${role.minAge}岁，请先在志愿者资料中填写出生日期`;
    if (ageOn(v.birthDate, startAt) < role.minAge) return `该岗位需年满${role.minAge}岁`;
  }
  if (role.skill && !v.skills.includes(role.skill)) return `该岗位需要技能「${role.skill}」，请先在志愿者资料中填写`;
  if (role.training && !v.trainings.includes(role.training)) return `该岗位需先完成培训「${role.training}」（由社区登记）`;
  return null;
}

export const volunteerIdFor = (memberId: string) => `vol_${memberId}`;
