import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { cjkFont } from './documents.js';

const TTC = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';

describe('the PDF font', () => {
  it('PDF_FONT naming a collection (.ttc) prints with the collection’s first font; a missing file gives none', () => {
    expect(cjkFont('/nonexistent/font.ttf', [])).toBeNull();
    expect(cjkFont(undefined, [])).toBeNull();
    if (!fs.existsSync(TTC)) {
      // Without Debian's fonts-wqy-zenhei (CI installs it) there is no collection to print with.
      expect(cjkFont(undefined, [TTC])).toBeNull();
      return;
    }
    const font = cjkFont(TTC);
    expect(font).toEqual({ path: TTC, family: 'WenQuanYiZenHei' });
    const doc = new PDFDocument();
    doc.registerFont('cjk', font!.path, font!.family);
    expect(() => doc.font('cjk').text('决定记录')).not.toThrow();
    doc.end();
  });
});
