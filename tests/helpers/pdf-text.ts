/**
 * The text of a PDF as PDFKit writes it, for tests that must know what a document says (not just
 * that it is a PDF). PDFKit embeds a CJK font as a subset with two-byte glyph codes, so the names in
 * the page content are not searchable as text; each font carries a ToUnicode map from its codes to
 * Unicode, and this reads it: the objects are split out, Flate streams inflated, each font's
 * ToUnicode CMap (bfchar and bfrange, both forms) parsed, and the page content's Tf / Tj / TJ
 * operators decoded with the current font's map. One line per text operator.
 *
 * Not a general PDF parser (no object streams, no encryption, no other filters): enough for the
 * documents this platform produces, which the tests use with positive controls (the official's
 * copy must show what the enterprise's copy must not).
 */
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    let start = at + 'stream'.length;
    if (body[start] === '\r') start++;
    if (body[start] === '\n') start++;
    const end = body.lastIndexOf('endstream');
    let raw = Buffer.from(body.slice(start, end), 'latin1');
    if (raw.at(-1) === 0x0a) raw = raw.subarray(0, -1);
    if (raw.at(-1) === 0x0d) raw = raw.subarray(0, -1);
    const stream = /\/Filter\s*\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw;
    out.set(Number(m[1]), { dict, stream });
  }
  return out;
}

const hexChars = (hex: string) => String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** A ToUnicode CMap: glyph code (hex, as written) → text. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code!, 16), hexChars(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(lo!, 16);
      const to = parseInt(hi!, 16);
      if (rest!.startsWith('[')) {
        [...rest!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(from + i, hexChars(d[1]!)));
      } else {
        const base = parseInt(rest!.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCodePoint(base + c - from));
      }
    }
  }
  return map;
}

const literal = (s: string) => s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' })[e] ?? String.fromCharCode(parseInt(e, 8)));

/** The text of every page, one line per text-showing operator. */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  // font object number → its ToUnicode map
  const maps = new Map<number, Map<number, string>>();
  for (const [n, o] of objs) {
    const ref = /\/Type\s*\/Font\b/.test(o.dict) ? /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(o.dict) : null;
    const cmap = ref && objs.get(Number(ref[1]))?.stream;
    if (cmap) maps.set(n, toUnicode(cmap.toString('latin1')));
  }
  // resource name (/F2) → font object (PDFKit names each font once per document)
  const names = new Map<string, number>();
  for (const o of objs.values()) for (const [, name, ref] of o.dict.matchAll(/\/(F\d+)\s+(\d+)\s+0\s+R/g)) names.set(name!, Number(ref));

  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || /\/(Subtype|Type)\s*\/(Image|XObject|FontFile|Metadata)/.test(o.dict) || /\/Length1/.test(o.dict)) continue;
    const content = o.stream.toString('latin1');
    if (!/\bBT\b/.test(content)) continue;
    let font: Map<number, string> | undefined;
    const decode = (operand: string) =>
      [...operand.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\.|[^\\)])*)\)/g)]
        .map(([, hex, lit]) => {
          if (lit !== undefined) return literal(lit);
          const h = hex!.replace(/\s+/g, '');
          return (h.match(/.{4}/g) ?? []).map((c) => font?.get(parseInt(c, 16)) ?? '\uFFFD').join('');
        })
        .join('');
    const ops = /\/(F\d+)\s+[\d.]+\s+Tf|(\[(?:<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|[^\]])*\])\s*TJ|(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g;
    for (let m = ops.exec(content); m; m = ops.exec(content)) {
      if (m[1]) font = maps.get(names.get(m[1]) ?? -1);
      else lines.push(decode(m[2] ?? m[3]!));
    }
  }
  return lines.join('\n');
}
