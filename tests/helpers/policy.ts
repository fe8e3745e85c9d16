/**
 * Saving a rule document through the API under maker-checker: one administrator proposes
 * (POST /api/policy/items → 202 with the proposal), a second approves
 * (POST /api/policy/proposals/:id/approve → the new version). Tests that need a rule change
 * in force use this instead of one POST.
 */
import type { FastifyInstance } from 'fastify';
import { call, type Session } from './app.js';

export interface SavedVersion {
  id: string;
  version: number;
  contentHash: string;
  created: boolean;
  proposal: { id: number; status: string };
}

/** Proposes `document` as `maker` and approves it as `checker`; throws with the response when either step fails. */
export async function proposeAndApprove(app: FastifyInstance, maker: Session, checker: Session, document: unknown, note?: string): Promise<SavedVersion> {
  const proposed = await call(app, maker, 'POST', '/api/policy/items', { document, ...(note ? { note } : {}) });
  if (proposed.statusCode !== 202) throw new Error(`proposal refused: ${proposed.statusCode} ${proposed.body}`);
  const id = (proposed.json() as { id: number }).id;
  const approved = await call(app, checker, 'POST', `/api/policy/proposals/${id}/approve`, {});
  if (approved.statusCode !== 200) throw new Error(`approval refused: ${approved.statusCode} ${approved.body}`);
  return approved.json() as SavedVersion;
}
