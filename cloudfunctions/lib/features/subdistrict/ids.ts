import { createHash } from 'node:crypto';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 20);

/** One community per name in the subdistrict: a retried or repeated creation finds the first. */
export const communityIdFor = (subdistrict: string, name: string) => `c_${hash(`community:${subdistrict}:${name}`)}`;

export const adminCodeId = (code: string) => `adc_${code}`;

export const communitySubject = (communityId: string) => `community:${communityId}`;
