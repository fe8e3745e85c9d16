import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('writes the five HTML-significant characters as entities', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  it('leaves other text alone, Chinese included, and escapes & first (no double-decoding trick survives)', () => {
    expect(escapeHtml('市科技局 2026 年度预算')).toBe('市科技局 2026 年度预算');
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
  });

  it('turns what is parsed back into the same text, never into elements', () => {
    const payloads = ['<script>window.__xss=1</script>', '"><svg onload=window.__xss=1>', "'><img src=x onerror=alert(1)>", 'javascript:alert(1)'];
    for (const p of payloads) {
      const div = { html: escapeHtml(p) };
      expect(div.html).not.toMatch(/[<>"']/);
      // Undo the five entities: the original text comes back exactly.
      expect(div.html.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!)).toBe(p);
    }
  });

  it('writes null and undefined as empty text', () => {
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });
});
