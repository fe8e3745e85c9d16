/**
 * A payment worker for the crash test: pays the given applications one by one
 * with the idempotency key `crash-key-<id>` (as a finance client retrying would),
 * printing "paid <id>" after each commit. The test kills it with SIGKILL at a
 * random moment and starts it again with the same list.
 *
 *   tsx tests/helpers/pay-worker.ts <postgres-url | pglite-data-dir> <official user id> <id,id,…>
 */
import { act } from '../../src/funding/applications.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { loadConfig } from '../../src/platform/config.js';

const [target, userId, list] = process.argv.slice(2) as [string, string, string];
const database = await openDatabase(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target, purpose: 'pay-worker' });
const user = { id: Number(userId), username: 'crash', displayName: 'crash', role: 'official' as const, orgId: null, departmentCode: 'kjj' };
for (const id of list.split(',').map(Number)) {
  const app = await database.db.selectFrom('applications').select(['approved_fen']).where('id', '=', id).executeTakeFirstOrThrow();
  const r = await act(database.db, { userId: user.id, label: 'crash', ip: null }, user, id, { action: 'pay', idempotencyKey: `crash-key-${id}`, amountFen: Number(app.approved_fen) }, loadConfig({}));
  console.log(`paid ${id} ${'payment' in r && r.payment.replayed ? 'replayed' : 'new'}`);
}
console.log('done');
await database.close();
