/**
 * How a resident reached the staff who acted for them (代办): the channel is recorded with
 * the step, so the audit says whether it came by phone, a visit or at the service window.
 */
export const FILING_CHANNELS = ['phone', 'visit', 'window'] as const;
export type FilingChannel = (typeof FILING_CHANNELS)[number];

export const FILING_CHANNEL_LABELS: Record<FilingChannel, string> = {
  phone: '电话',
  visit: '上门',
  window: '窗口',
};
