// Tries to take the data-folder lock, says whether it got it, and holds it for a moment.
import { acquireDataDirLock } from '../../src/platform/db/lock.js';

const dir = process.argv[2]!;
const startAt = Number(process.argv[3]);
while (Date.now() < startAt) {
  /* start together */
}
try {
  const lock = acquireDataDirLock(dir, 'contender');
  console.log('got');
  setTimeout(() => lock.release(), 1500);
} catch {
  console.log('refused');
}
