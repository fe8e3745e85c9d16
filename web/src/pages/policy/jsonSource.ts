/**
 * A strict JSON reader for the rule editor that remembers where every value sits in
 * the text, so a server error naming a field path (`amount.of`, `eligibility.all[1].gte`,
 * `departments[0]`) can be shown on its line and selected in the editor, and a syntax
 * error is reported with its line and column before anything is sent.
 *
 * Paths are spelled as the server spells them: `a.b` for object keys, `a[0]` for array
 * items, `(root)` for the document itself.
 */

export interface Span {
  /** Offset of the key (for an object member) or of the value. */
  start: number;
  /** Offset just past the value. */
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

export type JsonSyntaxCode =
  | 'unexpected_end'
  | 'expected_value'
  | 'expected_key'
  | 'expected_colon'
  | 'expected_comma_object'
  | 'expected_comma_array'
  | 'trailing_comma'
  | 'bad_string'
  | 'bad_number'
  | 'trailing_content';

export interface JsonSyntaxError {
  code: JsonSyntaxCode;
  /** The character found where something else was expected ('' at the end of the text). */
  found: string;
  offset: number;
  line: number;
  column: number;
}

export type JsonReadResult = { ok: true; value: unknown; spans: Map<string, Span> } | { ok: false; error: JsonSyntaxError };

export const ROOT_PATH = '(root)';

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Failure extends Error {
  constructor(
    readonly code: JsonSyntaxCode,
    readonly offset: number,
  ) {
    super(code);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function readJson(text: string): JsonReadResult {
  const spans = new Map<string, Span>();
  let i = 0;

  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (code: JsonSyntaxCode, at = i): never => {
    throw new Failure(at >= text.length ? 'unexpected_end' : code, at);
  };
  const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) fail('unexpected_end', i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad_string', i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('bad_string', i);
      } else if (c.charCodeAt(0) < 0x20) {
        fail('bad_string', i);
      } else i++;
    }
    return fail('unexpected_end', text.length);
  };

  const readValue = (path: string, memberStart: number | null): unknown => {
    ws();
    const start = i;
    const c = text[i];
    let value: unknown;
    if (c === undefined) fail('unexpected_end');
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail(text[i] === '}' ? 'trailing_comma' : 'expected_key');
          const keyStart = i;
          const key = readString();
          ws();
          if (text[i] !== ':') fail('expected_colon');
          i++;
          obj[key] = readValue(join(path, key), keyStart);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail('expected_comma_object');
        }
      }
      value = obj;
    } else if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          ws();
          if (text[i] === ']' && n > 0) fail('trailing_comma');
          arr.push(readValue(`${path}[${n}]`, null));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail('expected_comma_array');
        }
      }
      value = arr;
    } else if (c === '"') {
      value = readString();
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail('bad_number');
      i += m![0].length;
      value = Number(m![0]);
    } else if (text.startsWith('true', i)) {
      i += 4;
      value = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      value = false;
    } else if (text.startsWith('null', i)) {
      i += 4;
      value = null;
    } else {
      fail('expected_value');
    }
    const from = memberStart ?? start;
    spans.set(path === '' ? ROOT_PATH : path, { start: from, end: i, line: lineColumn(text, from).line });
    return value;
  };

  try {
    const value = readValue('', null);
    ws();
    if (i < text.length) fail('trailing_content');
    return { ok: true, value, spans };
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    const at = Math.min(e.offset, text.length);
    return { ok: false, error: { code: e.code, found: text[at] ?? '', offset: at, ...lineColumn(text, at) } };
  }
}

/** `a.b[1].c` → `a.b[1]` → `a.b` → `a` → `(root)`. */
export function parentPath(path: string): string | null {
  if (path === ROOT_PATH || path === '') return null;
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  if (!m || m[1] === '') return ROOT_PATH;
  return m[1]!;
}

/**
 * Where a field path sits in the text: the field itself, or (for a missing field such as
 * a required key not written) the nearest enclosing value, with `exact` false.
 */
export function locate(spans: ReadonlyMap<string, Span>, path: string): { span: Span; exact: boolean } | null {
  let p: string | null = path === '' ? ROOT_PATH : path;
  let exact = true;
  while (p !== null) {
    const span = spans.get(p);
    if (span) return { span, exact };
    exact = false;
    p = parentPath(p);
  }
  return null;
}
