/**
 * Attachments of an application (PDF, PNG/JPEG images, .xlsx), stored in the
 * database. The type is sniffed from the bytes, never taken from the name or the
 * declared content type; the size is limited; the name is made safe (no path,
 * no control characters, the extension of the sniffed type). Only the applicant
 * adds or removes them, and only while it may still edit (草稿, 退回修改,
 * 待企业确认); whoever may read the application may download them.
 */
import { isApplicantRole } from './applications.js';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { audited, type Actor } from '../audit/audit.js';
import type { AuthUser } from '../auth/access.js';
import type { DB } from '../platform/db/schema.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { getApplication } from './applications.js';
import { latestVersionOf } from '../policy/repository.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
const EDITABLE = ['draft', 'returned', 'offered'];

const TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'image/png': { ext: 'png', label: 'PNG 图片' },
  'image/jpeg': { ext: 'jpg', label: 'JPEG 图片' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'Excel 工作簿' },
} as const;
export type AttachmentMime = keyof typeof TYPES;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The type of a file from its first bytes (and, for .xlsx, the parts a workbook must contain), or null. */
export function sniff(bytes: Uint8Array): AttachmentMime | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: an Office Open XML workbook names these parts in its central directory.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (text.includes('[Content_Types].xml') && text.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return null;
}

/** A name safe to store and to offer for download: no directories, no control or reserved characters, at most 100 characters, the sniffed extension. */
export function safeName(name: string, mime: AttachmentMime): string {
  const base = name.normalize('NFKC').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 90);
  return `${stem || '附件'}.${TYPES[mime].ext}`;
}

export async function addAttachment(db: Kysely<DB>, actor: Actor, user: AuthUser, applicationId: number, input: { name: string; kind: string; bytes: Uint8Array; material?: string | undefined }) {
  const app = await db.selectFrom('applications').select(['id', 'org_id', 'state', 'item_id']).where('id', '=', applicationId).executeTakeFirst();
  if (!app || !(isApplicantRole(user) && user.orgId === app.org_id)) throw notFound('申报');
  if (!EDITABLE.includes(app.state)) throw conflict('state', '申报已提交，不能再增减附件');
  // An entry of the item's materials checklist: its key must be one of the item's, and its label names the file's kind.
  let kind = input.kind;
  if (input.material !== undefined) {
    const materials = (await latestVersionOf(db, app.item_id))?.item.materials ?? [];
    const m = materials.find((x) => x.key === input.material);
    if (!m) throw invalid('material', `“${input.material}”不在该事项的申报材料清单中${materials.length ? `（可选：${materials.map((x) => x.label).join('、')}）` : ''}`);
    kind = m.label.slice(0, 40);
  }
  if (input.bytes.byteLength === 0) throw invalid('file', '文件为空');
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw invalid('file', `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const mime = sniff(input.bytes);
  if (!mime) throw invalid('file', '只接受 PDF、PNG、JPEG 图片和 .xlsx 工作簿（按文件内容判断）');
  const { n } = await db.selectFrom('attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('application_id', '=', applicationId).executeTakeFirstOrThrow();
  if (Number(n) >= MAX_ATTACHMENTS) throw conflict('file', `每项申报最多 ${MAX_ATTACHMENTS} 个附件`);
  const filename = safeName(input.name, mime);
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex');
  const size = input.bytes.byteLength;
  const row = await audited(
    db,
    actor,
    (r: { id: number }) => ({ action: 'funding.attachment.add', objectType: 'application', objectId: applicationId, detail: { attachmentId: r.id, filename, mime, size, sha256, material: input.material ?? null } }),
    (trx) =>
      trx
        .insertInto('attachments')
        .values({ application_id: applicationId, kind, material_key: input.material ?? null, filename, mime, size_bytes: size, sha256, data: input.bytes, uploaded_by: user.id })
        .returning('id')
        .executeTakeFirstOrThrow(),
    { action: 'funding.attachment.add', objectType: 'application', objectId: applicationId, detail: { filename, mime, size, sha256 } },
  );
  return { id: row.id, kind, materialKey: input.material ?? null, filename, mime, sizeBytes: input.bytes.byteLength, sha256 };
}

export async function listAttachments(db: Kysely<DB>, actor: Actor, user: AuthUser, applicationId: number) {
  await getApplication(db, actor, user, applicationId, null); // access, audited
  const rows = await db.selectFrom('attachments').select(['id', 'kind', 'material_key', 'filename', 'mime', 'size_bytes', 'sha256', 'at']).where('application_id', '=', applicationId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, materialKey: r.material_key, filename: r.filename, mime: r.mime, typeLabel: TYPES[r.mime as AttachmentMime]?.label ?? r.mime, sizeBytes: r.size_bytes, sha256: r.sha256, at: new Date(r.at).toISOString() }));
}

export async function readAttachment(db: Kysely<DB>, actor: Actor, user: AuthUser, applicationId: number, attachmentId: number) {
  await getApplication(db, actor, user, applicationId, null);
  const a = await db.selectFrom('attachments').select(['filename', 'mime', 'data']).where('id', '=', attachmentId).where('application_id', '=', applicationId).executeTakeFirst();
  if (!a) throw notFound('附件');
  return { filename: a.filename, mime: a.mime, data: Buffer.from(a.data) };
}

export async function removeAttachment(db: Kysely<DB>, actor: Actor, user: AuthUser, applicationId: number, attachmentId: number) {
  const app = await db.selectFrom('applications').select(['org_id', 'state']).where('id', '=', applicationId).executeTakeFirst();
  if (!app || !(isApplicantRole(user) && user.orgId === app.org_id)) throw notFound('申报');
  if (!EDITABLE.includes(app.state)) throw conflict('state', '申报已提交，不能再增减附件');
  await audited(db, actor, { action: 'funding.attachment.remove', objectType: 'application', objectId: applicationId, detail: { attachmentId } }, async (trx) => {
    const r = await trx.deleteFrom('attachments').where('id', '=', attachmentId).where('application_id', '=', applicationId).executeTakeFirst();
    if (!Number(r.numDeletedRows)) throw notFound('附件');
  });
  return { ok: true };
}
