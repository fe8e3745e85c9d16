import { describe, expect, it } from 'vitest';
import { suzhouDateTime, suzhouDay } from './clock.js';

describe('Suzhou (Beijing) time for people: UTC+8, no daylight saving', () => {
  it('shows an instant 8 hours after UTC, to the minute or the second', () => {
    expect(suzhouDateTime(new Date('2026-11-30T04:41:09Z'))).toBe('2026-11-30 12:41');
    expect(suzhouDateTime('2026-11-30T04:41:09.500Z', true)).toBe('2026-11-30 12:41:09');
  });
  it('crosses midnight with the day (as suzhouDay does)', () => {
    const late = new Date('2026-12-31T16:30:00Z');
    expect(suzhouDateTime(late)).toBe('2027-01-01 00:30');
    expect(suzhouDateTime(late).slice(0, 10)).toBe(suzhouDay(late));
    expect(suzhouDateTime('2026-07-01T15:59:00Z')).toBe('2026-07-01 23:59'); // summer: still +8
  });
  it('leaves text that is not a time as it is', () => {
    expect(suzhouDateTime('garbage')).toBe('garbage');
  });
});
