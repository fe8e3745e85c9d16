import { describe, expect, it } from 'vitest';
import { safeName, sniff } from './attachments.js';

describe('attachment types and names', () => {
  it('sniffs the type from the bytes, not the name', () => {
    expect(sniff(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('PK\u0003\u0004 [Content_Types].xml xl/workbook.xml', 'latin1'))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // a zip that is not a workbook (e.g. a .docx or anything else) is refused
    expect(sniff(Buffer.from('PK\u0003\u0004 [Content_Types].xml word/document.xml', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('MZ\u0090\u0000'))).toBeNull();
    expect(sniff(Buffer.from('<html>'))).toBeNull();
  });
  it('makes names safe: no directories, no reserved characters, the sniffed extension', () => {
    expect(safeName('C:\\\\Users\\\\a\\\\报告.PDF', 'application/pdf')).toBe('报告.pdf');
    expect(safeName('../..//.. ', 'image/png')).toBe('附件.png');
    expect(safeName('a<b>:c|d?.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('abcd.xlsx');
    expect(safeName('x'.repeat(300) + '.pdf', 'application/pdf')).toHaveLength(94);
  });
});
