/**
 * Appending to and reading the audit trail. Every write appends a record in the
 * same transaction as the write (audited()); a failed or refused write appends its
 * own record after the rollback. Appends lock the chain head, so numbering has no
 * gaps. Refusals that no service recorded are recorded once, for every route, by the
 * HTTP app's onSend rule (platform/http/app.ts), which asks refusalRecorded() first.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.js';
import { canonicalJson, hashRecord, newVerifyState, verifyHead, verifyStep, type AuditFields, type VerifyState } from './chain.js';

export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'system', ip: null };

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  result?: 'ok' | 'denied' | 'error';
  detail?: unknown;
}

type Conn = Kysely<DB> | Transaction<DB>;

/**
 * Actors (one object per request) for which a 'denied' or 'error' record has been
 * appended: the HTTP app's refusal rule then adds none of its own, so a refusal is
 * recorded exactly once, whether by the service (with its own action name) or by the app.
 */
const refusals = new WeakSet<Actor>();

/** Whether a 'denied' or 'error' record has already been appended for this actor (this request). */
export function refusalRecorded(actor: Actor): boolean {
  return refusals.has(actor);
}

export async function appendAudit(conn: Conn, actor: Actor, entry: AuditEntry): Promise<number> {
  const run = async (trx: Conn) => {
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const rec: AuditFields = {
      seq: head.seq + 1,
      at: new Date().toISOString(),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
      result: entry.result ?? 'ok',
      detail: canonicalJson(entry.detail ?? {}),
      ip: actor.ip,
    };
    const hash = hashRecord(head.hash, rec);
    await trx
      .insertInto('audit_log')
      .values({
        seq: rec.seq,
        at: rec.at,
        actor_user_id: rec.actorUserId,
        actor_label: rec.actorLabel,
        action: rec.action,
        object_type: rec.objectType,
        object_id: rec.objectId,
        result: rec.result,
        detail: rec.detail,
        ip: rec.ip,
        prev_hash: head.hash,
        hash,
      })
      .execute();
    await trx.updateTable('audit_head').set({ seq: rec.seq, hash }).where('id', '=', 1).execute();
    return rec.seq;
  };
  const seq = conn.isTransaction ? await run(conn) : await (conn as Kysely<DB>).transaction().execute(run);
  if ((entry.result ?? 'ok') !== 'ok' && actor !== SYSTEM_ACTOR) refusals.add(actor);
  return seq;
}

/**
 * Runs a write in a transaction and audits it: 'ok' inside the transaction, or
 * 'denied'/'error' in a transaction of its own after the write rolled back.
 */
export async function audited<T>(
  db: Kysely<DB>,
  actor: Actor,
  entry: AuditEntry | ((result: T) => AuditEntry),
  fn: (trx: Transaction<DB>) => Promise<T>,
  onFail?: AuditEntry,
): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await fn(trx);
      await appendAudit(trx, actor, typeof entry === 'function' ? entry(result) : entry);
      return result;
    });
  } catch (e) {
    const base = onFail ?? (typeof entry === 'function' ? { action: 'unknown', objectType: 'unknown' } : entry);
    const err = e as { status?: number; statusCode?: number; code?: string; message?: string; field?: string };
    const status = err.status ?? err.statusCode ?? 500;
    await appendAudit(db, actor, {
      ...base,
      result: status === 401 || status === 403 ? 'denied' : 'error',
      detail: { code: err.code ?? 'INTERNAL', message: String(err.message ?? e).slice(0, 500), field: err.field },
    });
    throw e;
  }
}

/**
 * Verifies the chain up to the head as it stands when verification starts, so
 * records appended meanwhile are neither checked nor mistaken for tampering.
 * Reads in seq order with keyset paging.
 */
export async function verifyAuditChain(db: Kysely<DB>, batch = 5000): Promise<VerifyState & { head: { seq: number; hash: string } }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const state = newVerifyState();
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .select(sql<boolean>`at = date_trunc('milliseconds', at)`.as('whole_ms'))
      .where('seq', '>', after)
      .where('seq', '<=', head.seq)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const r of rows) {
      if (!r.whole_ms) {
        // The hash covers the time to the millisecond; finer digits can only come from an edit.
        state.count++;
        state.firstBad = { seq: r.seq, reason: '记录时间被修改（出现毫秒以下的精度）' };
        return { ...state, head };
      }
      const ok = verifyStep(state, {
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actorUserId: r.actor_user_id,
        actorLabel: r.actor_label,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        result: r.result,
        detail: r.detail,
        ip: r.ip,
        prevHash: r.prev_hash,
        hash: r.hash,
      });
      if (!ok) return { ...state, head };
    }
    if (rows.length < batch) break;
    after = rows[rows.length - 1]!.seq;
  }
  verifyHead(state, head);
  return { ...state, head };
}

/** Checks anchors recorded outside the database ("seq:hash"): each must still be in the chain. */
export async function checkAnchors(db: Kysely<DB>, anchors: { seq: number; hash: string }[]): Promise<{ seq: number; reason: string } | null> {
  for (const a of anchors) {
    const r = await db.selectFrom('audit_log').select('hash').where('seq', '=', a.seq).executeTakeFirst();
    if (!r) return { seq: a.seq, reason: `锚点记录 seq=${a.seq} 已不存在（末尾被截断或被删除）` };
    if (r.hash !== a.hash) return { seq: a.seq, reason: `锚点记录 seq=${a.seq} 的哈希与外部保存的不一致（审计链被重写）` };
  }
  return null;
}
