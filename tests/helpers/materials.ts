/** Uploads one small PDF for each required entry of an item's materials checklist (what submission needs). */
import { ITEMS } from '../../src/policy/items/index.js';
import type { Session, TestApp } from './app.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export function requiredMaterials(itemId: string) {
  return (ITEMS.find((i) => i.id === itemId)?.materials ?? []).filter((m) => m.required);
}

export async function attachRequired(t: TestApp, s: Session, applicationId: number, itemId: string, except: readonly string[] = []): Promise<void> {
  for (const m of requiredMaterials(itemId)) {
    if (except.includes(m.key)) continue;
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/funding/applications/${applicationId}/attachments?name=${encodeURIComponent(m.label + '.pdf')}&material=${m.key}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/octet-stream' },
      payload: PDF,
    });
    if (r.statusCode !== 200) throw new Error(`上传 ${m.key} 失败：${r.body}`);
  }
}
