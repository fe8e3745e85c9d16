/**
 * The audit chain, pure: how a record is hashed and how a sequence of records is
 * verified. hash = SHA-256(prev_hash ‖ canonical JSON of the record's fields).
 */
import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: string; // ISO 8601, millisecond precision
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  result: string;
  detail: string;
  ip: string | null;
}

export function hashRecord(prevHash: string, r: AuditFields): string {
  const canonical = JSON.stringify([r.seq, r.at, r.actorUserId, r.actorLabel, r.action, r.objectType, r.objectId, r.result, r.detail, r.ip]);
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Stable JSON: object keys sorted at every level, so a detail hashes the same wherever it is built. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface StoredAudit extends AuditFields {
  prevHash: string;
  hash: string;
}

export interface VerifyState {
  expectedSeq: number;
  prevHash: string;
  count: number;
  firstBad: { seq: number; reason: string } | null;
}

export function newVerifyState(): VerifyState {
  return { expectedSeq: 1, prevHash: GENESIS_HASH, count: 0, firstBad: null };
}

/** Feeds records in seq order; stops at the first bad one. */
export function verifyStep(state: VerifyState, r: StoredAudit): boolean {
  if (state.firstBad) return false;
  state.count++;
  if (r.seq !== state.expectedSeq) {
    state.firstBad = {
      seq: r.seq,
      reason: r.seq > state.expectedSeq ? `缺少第 ${state.expectedSeq} 条记录（记录被删除）` : `序号 ${r.seq} 重复或顺序错乱`,
    };
    return false;
  }
  if (r.prevHash !== state.prevHash) {
    state.firstBad = { seq: r.seq, reason: '前一条哈希不匹配（记录被删除、插入或重排）' };
    return false;
  }
  if (hashRecord(r.prevHash, r) !== r.hash) {
    state.firstBad = { seq: r.seq, reason: '记录内容与哈希不符（记录被修改）' };
    return false;
  }
  state.prevHash = r.hash;
  state.expectedSeq++;
  return true;
}

/** After the last record: the chain head must name the last record, or the tail was cut. */
export function verifyHead(state: VerifyState, head: { seq: number; hash: string }): void {
  if (state.firstBad) return;
  const lastSeq = state.expectedSeq - 1;
  if (head.seq !== lastSeq || head.hash !== state.prevHash) {
    state.firstBad = {
      seq: Math.min(head.seq, lastSeq + 1),
      reason: head.seq > lastSeq ? `链头记录到第 ${head.seq} 条，但只找到 ${lastSeq} 条（末尾记录被删除）` : '链头哈希与最后一条记录不符',
    };
  }
}
