import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, hashRecord, newVerifyState, verifyHead, verifyStep, type StoredAudit } from '../../src/audit/chain.js';

function chain(n: number): StoredAudit[] {
  const out: StoredAudit[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f = { seq, at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), actorUserId: 1, actorLabel: 'admin', action: 'org.update', objectType: 'organisation', objectId: String(seq), result: 'ok', detail: '{}', ip: '127.0.0.1' };
    const hash = hashRecord(prev, f);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(records: StoredAudit[], head = { seq: records.length, hash: records[records.length - 1]?.hash ?? GENESIS_HASH }) {
  const s = newVerifyState();
  for (const r of records) if (!verifyStep(s, r)) break;
  verifyHead(s, head);
  return s.firstBad;
}

describe('audit chain', () => {
  it('verifies an untouched chain', () => {
    expect(verify(chain(10))).toBeNull();
  });
  it('names the first edited record', () => {
    const c = chain(10);
    const head = { seq: 10, hash: c[9]!.hash };
    c[3] = { ...c[3]!, detail: '{"x":1}' };
    expect(verify(c, head)).toMatchObject({ seq: 4 });
  });
  it('names a deleted record', () => {
    const c = chain(10);
    const head = { seq: 10, hash: c[9]!.hash };
    c.splice(5, 1);
    expect(verify(c, head)).toMatchObject({ seq: 7 });
  });
  it('detects reordering', () => {
    const c = chain(10);
    const head = { seq: 10, hash: c[9]!.hash };
    const swapped = [...c];
    swapped[2] = { ...c[3]!, seq: 3 };
    swapped[3] = { ...c[2]!, seq: 4 };
    expect(verify(swapped, head)).toMatchObject({ seq: 3 });
  });
  it('detects a cut tail through the head', () => {
    const c = chain(10);
    const head = { seq: 10, hash: c[9]!.hash };
    expect(verify(c.slice(0, 8), head)).not.toBeNull();
  });
  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });
});
