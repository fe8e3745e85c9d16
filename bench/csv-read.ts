// Peak memory of reading a ~100 MB CSV through readCsv (the reader alone; importOrgs then holds the validated rows).
//   npx tsx bench/csv-read.ts [file]   (writes /tmp/sch-100mb.csv first when no file is given and it is missing)
import fs from 'node:fs';
import { readCsv } from '../src/orgs/transfer/csv.js';
const file = process.argv[2] ?? '/tmp/sch-100mb.csv';
if (!fs.existsSync(file)) {
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '\uFEFFkind,name,uscc,district,industry,note\r\n');
  let size = 0, i = 0;
  while (size < 100 * 1024 * 1024) {
    let chunk = '';
    for (let k = 0; k < 1000; k++, i++) chunk += `enterprise,"苏州测试${i}科技有限公司","91320500${String(i).padStart(10, '0')}",320571,39,"备注，含逗号和""引号""\n以及换行${'x'.repeat(120)}"${i % 3 === 0 ? '\n' : '\r\n'}`;
    size += Buffer.byteLength(chunk);
    fs.writeSync(out, chunk);
  }
  fs.closeSync(out);
}
const t = Date.now();
let n = 0;
let peak = 0;
for await (const r of readCsv(file)) {
  n++;
  if (n % 20000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  void r;
}
console.log(`${(fs.statSync(file).size / 1048576).toFixed(0)} MB, ${n} records, ${((Date.now() - t) / 1000).toFixed(1)} s, peak RSS sampled ${(peak / 1048576).toFixed(0)} MB, maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
