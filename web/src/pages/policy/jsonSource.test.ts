import { describe, expect, it } from 'vitest';
import { locate, parentPath, readJson } from './jsonSource.js';

const DOC = `{
  "id": "m8.equipment",
  "departments": ["gxj", "kjj"],
  "eligibility": { "all": [
    { "fact": "isManufacturing", "is": true },
    { "fact": "equipmentInvestment", "gte": "$threshold" }
  ] },
  "amount": { "rate": "$rate", "of": "equipmentInvestment", "rounding": "half_up" },
  "n": -1.5e3, "x": null, "y": false, "s": "a\\"b\\u4e2d"
}`;

describe('readJson', () => {
  it('reads what JSON.parse reads and records every path with its line', () => {
    const r = readJson(DOC);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual(JSON.parse(DOC));
    expect(r.spans.get('(root)')?.line).toBe(1);
    expect(r.spans.get('departments[1]')?.line).toBe(3);
    expect(r.spans.get('eligibility.all[1].gte')?.line).toBe(6);
    const of = r.spans.get('amount.of')!;
    expect(of.line).toBe(8);
    expect(DOC.slice(of.start, of.end)).toBe('"of": "equipmentInvestment"');
    expect(DOC.slice(r.spans.get('departments[0]')!.start, r.spans.get('departments[0]')!.end)).toBe('"gxj"');
  });

  it('reports syntax errors with line and column', () => {
    const bad = '{\n  "a": 1,\n  "b": 2,\n}';
    const r = readJson(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'trailing_comma', line: 4, column: 1, found: '}' });

    const missingComma = readJson('{\n  "a": 1\n  "b": 2\n}');
    expect(missingComma.ok ? null : missingComma.error).toMatchObject({ code: 'expected_comma_object', line: 3, column: 3 });
    const single = readJson("{ 'a': 1 }");
    expect(single.ok ? null : single.error).toMatchObject({ code: 'expected_key', line: 1, column: 3 });
    const end = readJson('{ "a": [1, 2');
    expect(end.ok ? null : end.error.code).toBe('unexpected_end');
    const after = readJson('{} x');
    expect(after.ok ? null : after.error).toMatchObject({ code: 'trailing_content', column: 4 });
    const word = readJson('{ "a": tru }');
    expect(word.ok ? null : word.error.code).toBe('expected_value');
    const str = readJson('{ "a": "x\ny" }');
    expect(str.ok ? null : str.error.code).toBe('bad_string');
    expect(readJson('[1,]').ok).toBe(false);
    expect(readJson('01').ok).toBe(false);
    expect(readJson('').ok).toBe(false);
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const s of ['1', '"x"', '[]', '{}', ' [ {"a":[true,false,null]} ] ', '0.5', '-0', '1e5', '"\\u00e9"']) {
      const r = readJson(s);
      expect(r.ok, s).toBe(true);
      if (r.ok) expect(r.value).toEqual(JSON.parse(s));
    }
    for (const s of ['[1 2]', '{"a" 1}', '{"a":1 "b":2}', '.5', '+1', 'NaN', '"\\x"', '[', '{"a":}']) {
      expect(readJson(s).ok, s).toBe(false);
      expect(() => JSON.parse(s), s).toThrow();
    }
  });
});

describe('locate', () => {
  it('finds a field or its nearest enclosing value', () => {
    const r = readJson(DOC);
    if (!r.ok) throw new Error('bad fixture');
    expect(locate(r.spans, 'amount.of')).toMatchObject({ exact: true, span: { line: 8 } });
    expect(locate(r.spans, 'amount.max')).toMatchObject({ exact: false, span: { line: 8 } });
    expect(locate(r.spans, 'parameters.max.clause')).toMatchObject({ exact: false, span: { line: 1 } });
    expect(locate(r.spans, '(root)')).toMatchObject({ exact: true, span: { line: 1 } });
  });

  it('walks up a path', () => {
    expect(parentPath('eligibility.all[1].gte')).toBe('eligibility.all[1]');
    expect(parentPath('eligibility.all[1]')).toBe('eligibility.all');
    expect(parentPath('departments[0]')).toBe('departments');
    expect(parentPath('measure')).toBe('(root)');
    expect(parentPath('(root)')).toBe(null);
  });
});
