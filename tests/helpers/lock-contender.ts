// Tries to take the data-folder lock, says whether it got it, and — if it did —
// holds it until the test closes this process's stdin (after every contender
// has answered), so a slow start under load cannot find the lock already released.
import { acquireDataDirLock } from '../../src/platform/db/lock.js';

const dir = process.argv[2]!;
const startAt = Number(process.argv[3]);
while (Date.now() < startAt) {
  /* start together */
}
try {
  const lock = acquireDataDirLock(dir, 'contender');
  console.log('got');
  process.stdin.on('end', () => {
    lock.release();
    process.exit(0);
  });
  process.stdin.resume();
} catch {
  console.log('refused');
  process.exit(0);
}
