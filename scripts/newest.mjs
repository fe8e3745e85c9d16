/** The newest modification time (ms) of a file or, recursively, of everything in a folder; 0 when absent. Shared by the build scripts. */
import fs from 'node:fs';
import path from 'node:path';

export function newest(full) {
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(full)) m = Math.max(m, newest(path.join(full, e)));
  return m;
}
