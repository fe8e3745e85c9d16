/**
 * Security headers (@fastify/helmet, src/platform/http/app.ts) on every kind of response the platform
 * sends: the web app's HTML (SPA fallback), a static asset, JSON from the API, error JSON (404, 401,
 * 400), an .xlsx download, a PDF download (an attachment; the decision record too, 200 or its 503 when
 * the machine has no CJK font), /api/docs and its files. Every one carries the CSP (own scripts only,
 * no inline script, frame-ancestors 'none', …), nosniff, Referrer-Policy and X-Frame-Options; every
 * /api answer is no-store; HSTS only when the request came over TLS as the trusted proxy says.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestApp, seedFixture, signIn, PASSWORD, type Session, type TestApp } from '../helpers/app.js';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join(';');

/** The headers every response must carry; `api` adds Cache-Control: no-store. */
function expectSecurityHeaders(r: LightMyRequestResponse, opts: { api: boolean }) {
  expect(r.headers['content-security-policy']).toBe(CSP);
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['referrer-policy']).toBe('same-origin');
  expect(r.headers['x-frame-options']).toBe('DENY');
  expect(r.headers['strict-transport-security']).toBeUndefined();
  if (opts.api) expect(r.headers['cache-control']).toBe('no-store');
  else expect(r.headers['cache-control']).not.toBe('no-store');
}

describe('security headers on every response type', () => {
  let t: TestApp;
  let web: string;
  let ent: Session;
  let official: Session;
  let admin: Session;
  /** Rows of the table the report shows: what was asked, its status and content type. */
  const seen: { kind: string; url: string; status: number; type: string }[] = [];
  const note = (kind: string, url: string, r: LightMyRequestResponse) => seen.push({ kind, url, status: r.statusCode, type: String(r.headers['content-type'] ?? '').split(';')[0]! });

  beforeAll(async () => {
    // A built web app of two files: the SPA fallback serves index.html, the asset is served as it is.
    web = fs.mkdtempSync(path.join(os.tmpdir(), 'sch-headers-web-'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
    fs.mkdirSync(path.join(web, 'assets'));
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1);\n');
    t = await openTestApp({ WEB_DIST: web });
    await seedFixture(t.database);
    [ent, official, admin] = (await Promise.all(['enterprise', 'official', 'admin'].map((u) => signIn(t.app, u, PASSWORD)))) as [Session, Session, Session];
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(web, { recursive: true, force: true });
    console.log(['headers: kind | url | status | content-type', ...seen.map((s) => `${s.kind} | ${s.url} | ${s.status} | ${s.type}`)].join('\n'));
  });

  it('the web app: the SPA fallback page and a static asset', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/funding/budgets' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expectSecurityHeaders(page, { api: false });
    note('HTML page (SPA fallback)', '/funding/budgets', page);

    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expectSecurityHeaders(asset, { api: false });
    expect(asset.headers['cache-control']).toBe('public, max-age=3600');
    note('static asset', '/assets/app.js', asset);

    const missing = await t.app.inject({ method: 'GET', url: '/assets/old-build.js' });
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing, { api: false });
    note('missing file (404 text)', '/assets/old-build.js', missing);
  });

  it('JSON from the API: personal and enterprise data are never stored by a cache', async () => {
    const me = await call(t.app, ent, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expectSecurityHeaders(me, { api: true });
    note('JSON API (signed in)', '/api/auth/me', me);

    const orgs = await call(t.app, official, 'GET', '/api/orgs?pageSize=5');
    expect(orgs.statusCode).toBe(200);
    expectSecurityHeaders(orgs, { api: true });
    note('JSON API (enterprise list)', '/api/orgs', orgs);

    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expectSecurityHeaders(health, { api: true });
    note('JSON API (public)', '/api/health', health);

    // A write answers no-store too.
    const budget = await call(t.app, official, 'POST', '/api/funding/budgets', { kind: 'item', itemId: 'm6.new_rd_institute', year: 2026, name: '头部测试预算' });
    expect(budget.statusCode).toBeLessThan(300);
    expectSecurityHeaders(budget, { api: true });
    note('JSON API (write)', 'POST /api/funding/budgets', budget);
  });

  it('error JSON: 404, 401, 403, 400 and a request the router decodes (%61pi)', async () => {
    const cases: [string, Session | null, string, number][] = [
      ['error JSON 404', null, '/api/no-such-route', 404],
      ['error JSON 401', null, '/api/orgs', 401],
      ['error JSON 403', ent, '/api/users', 403],
      ['error JSON 400', official, '/api/orgs?pageSize=abc', 400],
      ['error JSON 401 (encoded path)', null, '/%61pi/orgs', 401],
    ];
    for (const [kind, s, url, status] of cases) {
      const r = await call(t.app, s, 'GET', url);
      expect(r.statusCode, url).toBe(status);
      expect(r.headers['content-type']).toContain('application/json');
      expectSecurityHeaders(r, { api: true });
      note(kind, url, r);
    }
  });

  it('downloads: an .xlsx and PDFs (an attachment, the decision record)', async () => {
    const xlsx = await call(t.app, official, 'GET', '/api/funding/documents/publicity.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expectSecurityHeaders(xlsx, { api: true });
    note('.xlsx download', '/api/funding/documents/publicity.xlsx', xlsx);

    const created = await call(t.app, ent, 'POST', '/api/funding/applications', { itemId: 'm6.new_rd_institute', year: 2026, project: '头部测试项目', facts: { newRdInstitute: true } });
    expect(created.statusCode).toBe(200);
    const id = (created.json() as { id: number }).id;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20)]);
    const up = await t.app.inject({ method: 'POST', url: `/api/funding/applications/${id}/attachments?name=${encodeURIComponent('材料.pdf')}`, headers: { cookie: ent.cookie, 'x-csrf-token': ent.csrf, 'content-type': 'application/octet-stream' }, payload: pdf });
    expect(up.statusCode).toBe(200);
    const dl = await call(t.app, ent, 'GET', `/api/funding/applications/${id}/attachments/${(up.json() as { id: number }).id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expectSecurityHeaders(dl, { api: true });
    note('PDF download (attachment)', '/api/funding/applications/:id/attachments/:aid', dl);

    const record = await call(t.app, ent, 'GET', `/api/funding/applications/${id}/record.pdf`);
    // 200 with a CJK font on the machine, else the 503 that says so: the headers are the same.
    expect([200, 503]).toContain(record.statusCode);
    expect(record.headers['content-type']).toContain(record.statusCode === 200 ? 'application/pdf' : 'application/json');
    expectSecurityHeaders(record, { api: true });
    note('PDF download (decision record)', '/api/funding/applications/:id/record.pdf', record);
  });

  it('/api/docs: the page, its files and the spec', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // Swagger UI's page has no inline script: everything runs from its own files, allowed by script-src 'self'.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expectSecurityHeaders(page, { api: true });
    note('/api/docs page', '/api/docs', page);

    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
    expect(init.headers['content-security-policy']).toBe(CSP);
    expect(init.headers['x-content-type-options']).toBe('nosniff');
    note('/api/docs static file', '/api/docs/static/swagger-initializer.js', init);

    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
    expectSecurityHeaders(spec, { api: true });
    note('OpenAPI JSON', '/api/docs/json', spec);
  });

  it('HSTS: not on plain HTTP, and a forged X-Forwarded-Proto is ignored without TRUST_PROXY', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('HSTS: behind a trusted proxy that says the request came over TLS, and only then', async () => {
    const proxied = await openTestApp({ WEB_DIST: web, TRUST_PROXY: 'true' });
    try {
      const tls = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(tls.headers['content-security-policy']).toBe(CSP);
      const page = await proxied.app.inject({ method: 'GET', url: '/market', headers: { 'x-forwarded-proto': 'https' } });
      expect(page.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plain = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await proxied.close();
    }
  });

  it('admin reads are no-store as well (the audit trail)', async () => {
    const r = await call(t.app, admin, 'GET', '/api/audit?pageSize=5');
    expect(r.statusCode).toBe(200);
    expectSecurityHeaders(r, { api: true });
    note('JSON API (admin)', '/api/audit', r);
  });
});
