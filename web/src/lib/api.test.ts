import { describe, expect, it } from 'vitest';
import { apiUrl, dispositionFilename } from './api.js';

describe('api helpers', () => {
  it('builds /api URLs without empty query values', () => {
    expect(apiUrl('/index/screening/hnte', { maxUnmet: 2, format: 'xlsx', q: '' })).toBe('/api/index/screening/hnte?maxUnmet=2&format=xlsx');
    expect(apiUrl('/api/index/overview')).toBe('/api/index/overview');
  });

  it('reads the file name of a download (RFC 5987 first, then the plain name)', () => {
    expect(dispositionFilename(`attachment; filename*=UTF-8''${encodeURIComponent('小升高候选')}.xlsx`)).toBe('小升高候选.xlsx');
    expect(dispositionFilename('attachment; filename="export.xlsx"')).toBe('export.xlsx');
    expect(dispositionFilename("attachment; filename*=UTF-8''%E0%A4%A.xlsx; filename=\"fallback.xlsx\"")).toBe('fallback.xlsx');
    expect(dispositionFilename(null)).toBeNull();
    expect(dispositionFilename('inline')).toBeNull();
  });
});
