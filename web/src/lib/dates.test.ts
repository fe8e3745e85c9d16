import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './dates.js';

describe('dates on screen are Beijing time, whatever the browser zone', () => {
  it('an instant in UTC is shown 8 hours later', () => {
    expect(formatDateTime('2026-11-30T04:41:00.000Z')).toBe('2026-11-30 12:41:00');
    expect(formatDateTime('2026-11-30T04:41:09Z', { seconds: false })).toBe('2026-11-30 12:41');
  });
  it('crosses midnight into the next Beijing day', () => {
    expect(formatDateTime('2026-12-31T16:30:00Z')).toBe('2027-01-01 00:30:00');
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
    expect(formatDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
  });
  it('an instant written with another offset is converted too', () => {
    expect(formatDateTime('2026-06-01T09:00:00+02:00')).toBe('2026-06-01 15:00:00');
  });
  it('a plain date stays as it is; nothing or garbage is shown as it came', () => {
    expect(formatDate('2026-05-04')).toBe('2026-05-04');
    expect(formatDateTime('2026-05-04')).toBe('2026-05-04');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
